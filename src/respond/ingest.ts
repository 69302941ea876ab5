/**
 * Helpers of the ingest path shared by the in-memory decisions (state/) and analyst actions:
 * risk recomputed by SQL after an analyst change, new entity values, detection validation.
 */
import type { ControlDb } from '../control/control-db.js';
import { ENTITY_KINDS, type Detection, type Entities } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import { recomputeRisk, type CriticalityLookup } from './store/risk-repo.js';

export async function recomputeEntityRisk(tx: ControlDb, entities: Entities, cfg: AlertingConfig, criticality: CriticalityLookup, now: number): Promise<void> {
  await recomputeRisk(tx, entities, cfg.risk.level_weights, criticality, now);
}

/** The values in `after` that `before` lacks, or undefined when there are none. */
export function newEntities(before: Entities, after: Entities): Entities | undefined {
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
