/**
 * One detection into the control database, in the caller's transaction: de-duplicate into an
 * open alert or create one and group it into an incident, then recompute the risk of every
 * entity it names. Returns what changed, for counters and notifications.
 */
import type { ControlDb } from '../control/control-db.js';
import { ENTITY_KINDS, type Detection, type Entities } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import { dedupKey, mergeIntoAlert, newAlert } from './dedup.js';
import { assignIncident, refreshIncident, type Assignment } from './grouping.js';
import type { Alert, Incident } from './model.js';
import { findDedupTarget, saveAlert, saveAlertEntities } from './store/alert-repo.js';
import { addIncidentEntities } from './store/incident-repo.js';
import { recomputeRisk, type CriticalityLookup } from './store/risk-repo.js';

export interface Applied {
  alert: Alert;
  created: boolean;
  incident?: Incident;
  assignment?: Assignment;
}

export async function applyDetection(tx: ControlDb, d: Detection, cfg: AlertingConfig, criticality: CriticalityLookup, now: number): Promise<Applied> {
  const key = dedupKey(d.rule.id, d.entities, cfg.dedup.keys);
  const existing = await findDedupTarget(tx, key, d.ts, cfg.dedup.window_ms);
  let applied: Applied;
  if (existing) {
    const alert = mergeIntoAlert(existing, d, cfg.dedup.max_event_ids, now);
    await saveAlert(tx, alert);
    await saveAlertEntities(tx, alert.id, alert.entities);
    let incident: Incident | undefined;
    if (alert.incident_id) {
      await addIncidentEntities(tx, alert.incident_id, alert.entities);
      incident = await refreshIncident(tx, alert.incident_id, now);
    }
    applied = { alert, created: false, ...(incident ? { incident } : {}) };
  } else {
    const fresh = newAlert(d, key, cfg.dedup.max_event_ids, now);
    await saveAlert(tx, fresh);
    await saveAlertEntities(tx, fresh.id, fresh.entities);
    const assignment = await assignIncident(tx, fresh, cfg.grouping, now);
    applied = { alert: { ...fresh, incident_id: assignment.incident.id }, created: true, incident: assignment.incident, assignment };
  }
  await recomputeEntityRisk(tx, applied.alert.entities, cfg, criticality, now);
  return applied;
}

export async function recomputeEntityRisk(tx: ControlDb, entities: Entities, cfg: AlertingConfig, criticality: CriticalityLookup, now: number): Promise<void> {
  for (const kind of ENTITY_KINDS) {
    for (const value of entities[kind] ?? []) await recomputeRisk(tx, kind, value, cfg.risk.level_weights, criticality, now);
  }
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
