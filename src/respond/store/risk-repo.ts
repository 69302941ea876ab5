/**
 * Entity risk: per entity value, the severity weights of its alerts that are not closed, summed
 * and multiplied by the asset's criticality. Recomputed from the alerts (not incremented) each
 * time one of them changes, so closing an alert lowers the score and a restart changes nothing.
 */
import type { ControlDb, ControlValue } from '../../control/control-db.js';
import { ENTITY_KINDS, type DetectionLevel, type Entities, type EntityKind } from '../../detect/detection.js';
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

/** Recomputes the stored risk of these entity values: one read and one upsert for all of them. */
export async function recomputeRisk(db: ControlDb, entities: Entities, weights: LevelWeights, criticality: CriticalityLookup, now: number): Promise<void> {
  const pairs = ENTITY_KINDS.flatMap((kind) => (entities[kind] ?? []).map((value) => ({ kind, value })));
  if (pairs.length === 0) return;
  const w = new Where();
  const match = pairs.map((p) => `(e.kind = ${w.param(p.kind)} AND e.value = ${w.param(p.value)})`).join(' OR ');
  const rows = await db.all<{ kind: string; value: string; level: string; last_seen: number }>(
    `SELECT e.kind AS kind, e.value AS value, a.level AS level, a.last_seen AS last_seen
     FROM respond_alert_entities e JOIN respond_alerts a ON a.id = e.alert_id WHERE a.status <> 'closed' AND (${match})`,
    w.params,
  );
  const values: ControlValue[] = [];
  for (const p of pairs) {
    const mine = rows.filter((r) => r.kind === p.kind && r.value === p.value);
    const levels = mine.map((r) => str(r.level) as DetectionLevel);
    const crit = (await criticality(p.kind, p.value)) ?? 1;
    const top = levels.reduce<DetectionLevel>((m, l) => maxLevel(m, l), 'informational');
    const lastSeen = mine.reduce((m, r) => Math.max(m, num(r.last_seen)), 0);
    values.push(p.kind, p.value, riskScore(levels, weights, crit), crit, levels.length, top, lastSeen, now);
  }
  const tuples = pairs.map((_, i) => `(${Array.from({ length: 8 }, (_, j) => `$${i * 8 + j + 1}`).join(', ')})`).join(', ');
  await db.run(
    `INSERT INTO respond_entity_risk VALUES ${tuples}
     ON CONFLICT (kind, value) DO UPDATE SET score = excluded.score, criticality = excluded.criticality, alerts = excluded.alerts,
       max_level = excluded.max_level, last_seen = excluded.last_seen, updated_at = excluded.updated_at`,
    values,
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
  return rows.map(rowToRisk);
}

function rowToRisk(r: Record<string, unknown>): EntityRisk {
  return {
    kind: str(r.kind) as EntityKind,
    value: str(r.value),
    score: num(r.score),
    criticality: num(r.criticality),
    alerts: num(r.alerts),
    max_level: str(r.max_level) as DetectionLevel,
    last_seen: num(r.last_seen),
  };
}

/** The stored risk of these entity values (those with none are left out), highest first. */
export async function riskOf(db: ControlDb, entities: Entities): Promise<EntityRisk[]> {
  const pairs = ENTITY_KINDS.flatMap((kind) => (entities[kind] ?? []).map((value) => ({ kind, value })));
  if (pairs.length === 0) return [];
  const w = new Where();
  const match = pairs.map((p) => `(kind = ${w.param(p.kind)} AND value = ${w.param(p.value)})`).join(' OR ');
  const rows = await db.all(`SELECT kind, value, score, criticality, alerts, max_level, last_seen FROM respond_entity_risk WHERE ${match} ORDER BY score DESC, kind, value`, w.params);
  return rows.map(rowToRisk);
}
