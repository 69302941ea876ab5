/**
 * The one shape every detector emits (a Sigma rule, a correlation, a behavioural analytic, a
 * threat-intel match) and that alerting consumes: which rule, how severe, when in event time,
 * which events, which entities, and why in words an analyst can check.
 */
import type { VigilEvent } from '../core/event.js';

export type DetectionLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export const DETECTION_LEVELS: readonly DetectionLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

export type DetectionKind = 'sigma' | 'correlation' | 'analytic' | 'intel';

/** Who and what a detection is about; each list holds distinct values. */
export interface Entities {
  host?: string[];
  user?: string[];
  ip?: string[];
  process?: string[];
  hash?: string[];
  domain?: string[];
}
export type EntityKind = keyof Entities;
export const ENTITY_KINDS: readonly EntityKind[] = ['host', 'user', 'ip', 'process', 'hash', 'domain'];

export interface Detection {
  kind: DetectionKind;
  rule: {
    /** Stable id: the Sigma rule id (or name, or file:line), `analytic:<name>`, `intel:<feed>`. */
    id: string;
    title: string;
    level: DetectionLevel;
    /** ATT&CK and other tags (`attack.t1110`, `attack.credential_access`). */
    tags: string[];
  };
  /** Event time of the last triggering event, epoch ms. */
  ts: number;
  /** Ids of the triggering events (VigilEvent.id), at most a bounded number. */
  eventIds: string[];
  /** How many events triggered it (may exceed eventIds.length). */
  eventCount: number;
  entities: Entities;
  /** Why it fired, one readable line per reason ("selection: Image endswith '\\certutil.exe' matched 'C:\\...\\certutil.exe'"). */
  explanation: string[];
  /** Detector-specific figures (window, threshold, baseline, indicator, ...). */
  details?: Record<string, unknown>;
}

const ENTITY_FIELDS: Record<EntityKind, readonly string[]> = {
  host: ['host.name', 'host.hostname', 'observer.hostname'],
  user: ['user.name', 'user.target.name', 'source.user.name'],
  ip: ['source.ip', 'destination.ip', 'host.ip', 'client.ip'],
  process: ['process.executable', 'process.name'],
  hash: ['process.hash.sha256', 'process.hash.md5', 'process.hash.sha1', 'file.hash.sha256', 'file.hash.md5', 'file.hash.sha1'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain'],
};

/** The entities an event names in its normalized (ECS) fields. */
export function entitiesOfEvent(event: Pick<VigilEvent, 'fields'>): Entities {
  const out: Entities = {};
  for (const kind of ENTITY_KINDS) {
    for (const field of ENTITY_FIELDS[kind]) {
      const v = event.fields[field];
      for (const item of Array.isArray(v) ? v : [v]) {
        if (typeof item === 'string' && item !== '' && item !== '-') addEntity(out, kind, item);
        else if (typeof item === 'number') addEntity(out, kind, String(item));
      }
    }
  }
  return out;
}

export function addEntity(into: Entities, kind: EntityKind, value: string): void {
  const list = (into[kind] ??= []);
  if (!list.includes(value)) list.push(value);
}

export function mergeEntities(a: Entities, b: Entities): Entities {
  const out: Entities = {};
  for (const kind of ENTITY_KINDS) for (const v of [...(a[kind] ?? []), ...(b[kind] ?? [])]) addEntity(out, kind, v);
  return out;
}

/** Sigma levels map one to one; anything unknown is `medium` (Sigma's default when a rule has none is unspecified). */
export function toDetectionLevel(level: string | undefined): DetectionLevel {
  return (DETECTION_LEVELS as readonly string[]).includes(level ?? '') ? (level as DetectionLevel) : 'medium';
}
