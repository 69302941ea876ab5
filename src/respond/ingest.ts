/**
 * Folded detections into the control database, in the caller's transaction: de-duplicate into an
 * open alert or create one and group it into an incident, then recompute the risk of every
 * entity it names. Returns what changed, for counters and notifications.
 */
import type { ControlDb } from '../control/control-db.js';
import { ENTITY_KINDS, type Detection, type Entities } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import { combineAlerts } from './dedup.js';
import { assignIncident, refreshIncident, type Assignment } from './grouping.js';
import type { Alert, Incident } from './model.js';
import { findDedupTarget, insertAlertEntities, updateAlert } from './store/alert-repo.js';
import { addIncidentEntities, getIncident, updateIncidentRow } from './store/incident-repo.js';
import { recomputeRisk, type CriticalityLookup } from './store/risk-repo.js';

export interface Applied {
  alert: Alert;
  created: boolean;
  incident?: Incident;
  assignment?: Assignment;
}

/**
 * A folded alert (one or more detections of one rule and key, see foldDetections) into the
 * database: grown into the open alert it overlaps within the window, or created and grouped.
 */
export async function applyFolded(tx: ControlDb, fold: Alert, cfg: AlertingConfig, criticality: CriticalityLookup, now: number): Promise<Applied> {
  const existing = await findDedupTarget(tx, fold.dedup_key, fold.first_seen, fold.last_seen, cfg.dedup.window_ms);
  if (!existing) {
    const assignment = await assignIncident(tx, fold, cfg.grouping, now);
    await insertAlertEntities(tx, fold.id, fold.entities);
    await recomputeRisk(tx, fold.entities, cfg.risk.level_weights, criticality, now);
    return { alert: { ...fold, incident_id: assignment.incident.id }, created: true, incident: assignment.incident, assignment };
  }
  const alert = combineAlerts(existing, fold, cfg.dedup.max_event_ids, now);
  await updateAlert(tx, alert);
  const added = newEntities(existing.entities, alert.entities);
  if (added) await insertAlertEntities(tx, alert.id, added);
  let incident: Incident | undefined;
  const inc = alert.incident_id ? await getIncident(tx, alert.incident_id) : undefined;
  if (inc && (added || alert.rule.level !== existing.rule.level)) {
    incident = await refreshIncident(tx, inc, await addIncidentEntities(tx, inc.id, added ?? {}), now);
  } else if (inc) {
    // Only the span can have changed: no need to recompute level and title.
    incident = { ...inc, first_seen: Math.min(inc.first_seen, alert.first_seen), last_seen: Math.max(inc.last_seen, alert.last_seen), updated_at: now };
    await updateIncidentRow(tx, incident);
  }
  // Risk depends on the alert's level and entities; both rarely change on a duplicate.
  if (added || alert.rule.level !== existing.rule.level) await recomputeRisk(tx, alert.entities, cfg.risk.level_weights, criticality, now);
  return { alert, created: false, ...(incident ? { incident } : {}) };
}


export async function recomputeEntityRisk(tx: ControlDb, entities: Entities, cfg: AlertingConfig, criticality: CriticalityLookup, now: number): Promise<void> {
  await recomputeRisk(tx, entities, cfg.risk.level_weights, criticality, now);
}

/** The values in `after` that `before` lacks, or undefined when there are none. */
function newEntities(before: Entities, after: Entities): Entities | undefined {
  const out: Entities = {};
  let any = false;
  for (const kind of ENTITY_KINDS) {
    const fresh = (after[kind] ?? []).filter((v) => !before[kind]?.includes(v));
    if (fresh.length) {
      out[kind] = fresh;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Why a detection cannot become an alert (nothing is dropped without a counted reason). */
export function invalidDetection(d: Detection): string | undefined {
  if (!d || typeof d !== 'object') return 'not an object';
  if (!d.rule || typeof d.rule.id !== 'string' || d.rule.id === '') return 'missing rule.id';
  if (!['informational', 'low', 'medium', 'high', 'critical'].includes(d.rule.level)) return 'unknown rule.level';
  if (!Number.isFinite(d.ts)) return 'ts is not a number';
  if (!Array.isArray(d.eventIds)) return 'eventIds is not a list';
  return undefined;
}
