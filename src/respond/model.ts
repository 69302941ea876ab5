/** What alerting keeps and the API shows: alerts, incidents, comments, suppressions, deliveries. */
import type { DetectionKind, DetectionLevel, Entities, EntityKind } from '../detect/detection.js';
import { DETECTION_LEVELS } from '../detect/detection.js';

export type AlertStatus = 'new' | 'acknowledged' | 'closed';
export const ALERT_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'closed'];

export type IncidentStatus = 'open' | 'in_progress' | 'closed';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['open', 'in_progress', 'closed'];

export interface Alert {
  id: string;
  rule: { id: string; title: string; level: DetectionLevel; tags: string[] };
  kind: DetectionKind;
  /** Rule id plus the values of the configured entity kinds: equal keys within the window are one alert. */
  dedup_key: string;
  entities: Entities;
  /** The most recent matched event ids, bounded by `dedup.max_event_ids`. */
  event_ids: string[];
  /** Events that triggered it over all merged detections (may exceed event_ids). */
  event_count: number;
  /** Detections merged into it (1 for a fresh alert). */
  count: number;
  explanation: string[];
  details: Record<string, unknown>;
  /** Event time, epoch ms. */
  first_seen: number;
  last_seen: number;
  status: AlertStatus;
  assignee: string | null;
  incident_id: string | null;
  /** Wall-clock epoch ms. */
  created_at: number;
  updated_at: number;
}

export interface Incident {
  id: string;
  title: string;
  status: IncidentStatus;
  resolution: string | null;
  assignee: string | null;
  level: DetectionLevel;
  first_seen: number;
  last_seen: number;
  alert_count: number;
  /** Set when this incident was merged into another (it is closed with resolution `merged`). */
  merged_into: string | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface IncidentComment {
  id: string;
  incident_id: string;
  author: string;
  ts: number;
  text: string;
}

export interface EntityRisk {
  kind: EntityKind;
  value: string;
  score: number;
  criticality: number;
  alerts: number;
  max_level: DetectionLevel;
  last_seen: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: string;
  channel: string;
  channel_type: string;
  trigger: string;
  alert_id: string | null;
  incident_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export function levelRank(level: DetectionLevel): number {
  return DETECTION_LEVELS.indexOf(level);
}

export function maxLevel(a: DetectionLevel, b: DetectionLevel): DetectionLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}
