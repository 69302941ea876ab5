/**
 * Entity risk: per entity value, the severity weights of its alerts that are not closed, summed
 * and multiplied by the asset's criticality. Recomputed from the alerts (not incremented) each
 * time one of them changes, so closing an alert lowers the score and a restart changes nothing.
 */
import type { ControlDb } from '../../control/control-db.js';
import type { DetectionLevel, EntityKind } from '../../detect/detection.js';
import type { EntityRisk } from '../model.js';
import { maxLevel } from '../model.js';
import { num, str, Where } from './rows.js';

export type LevelWeights = Record<DetectionLevel, number>;

/** How important an asset or identity is (1 = ordinary); undefined means 1. */
export type CriticalityLookup = (kind: EntityKind, value: string) => number | undefined | Promise<number | undefined>;

/** score = criticality × Σ weight(level) over the entity's alerts that are not closed. */
export function riskScore(levels: readonly DetectionLevel[], weights: LevelWeights, criticality: number): number {
  let sum = 0;
  for (const l of levels) sum += weights[l];
  return Math.round(sum * criticality * 100) / 100;
}

export async function recomputeRisk(
  db: ControlDb,
  kind: EntityKind,
  value: string,
  weights: LevelWeights,
  criticality: CriticalityLookup,
  now: number,
): Promise<void> {
  const rows = await db.all<{ level: string; last_seen: number }>(
    `SELECT a.level AS level, a.last_seen AS last_seen FROM respond_alerts a JOIN respond_alert_entities e ON e.alert_id = a.id
     WHERE e.kind = $1 AND e.value = $2 AND a.status <> 'closed'`,
    [kind, value],
  );
  const levels = rows.map((r) => str(r.level) as DetectionLevel);
  const crit = (await criticality(kind, value)) ?? 1;
  const top = levels.reduce<DetectionLevel>((m, l) => maxLevel(m, l), 'informational');
  const lastSeen = rows.reduce((m, r) => Math.max(m, num(r.last_seen)), 0);
  await db.run(
    `INSERT INTO respond_entity_risk VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (kind, value) DO UPDATE SET score = excluded.score, criticality = excluded.criticality, alerts = excluded.alerts,
       max_level = excluded.max_level, last_seen = excluded.last_seen, updated_at = excluded.updated_at`,
    [kind, value, riskScore(levels, weights, crit), crit, levels.length, top, lastSeen, now],
  );
}

export async function topRisk(db: ControlDb, opts: { kind?: EntityKind; limit: number; min_score?: number }): Promise<EntityRisk[]> {
  const w = new Where();
  if (opts.kind) w.add((p) => `kind = ${p(opts.kind!)}`);
  w.add((p) => `score > ${p(opts.min_score ?? 0)}`);
  const rows = await db.all(
    `SELECT kind, value, score, criticality, alerts, max_level, last_seen FROM respond_entity_risk ${w.sql()} ORDER BY score DESC, kind, value LIMIT ${w.param(opts.limit)}`,
    w.params,
  );
  return rows.map((r) => ({
    kind: str(r.kind) as EntityKind,
    value: str(r.value),
    score: num(r.score),
    criticality: num(r.criticality),
    alerts: num(r.alerts),
    max_level: str(r.max_level) as DetectionLevel,
    last_seen: num(r.last_seen),
  }));
}
