/**
 * respond_entity_risk as a write-behind cache of the memory aggregate. Risk is derived data (the
 * working set rebuilds it from the alerts at every load), so ingest only marks the entities it
 * changed; their rows are written in one transaction before risk is read through the API, at
 * most every RISK_FLUSH_MS during ingest, and at close. A crash in between loses no
 * information: `reloadState` compares every stored row with the aggregate and rewrites the
 * ones that differ.
 */
import type { ControlValue } from '../../control/control-db.js';
import type { EntityKind } from '../../detect/detection.js';
import { insertRows } from '../store/rows.js';
import { RISK_COLUMNS, RISK_UPDATES, rewriteRows, riskRow, type Changes } from './changes.js';
import type { CommitContext } from './commit.js';
import { pairKey, type WorkingSet } from './working-set.js';

/** How stale the stored risk may get while detections keep coming and nobody reads it. */
export const RISK_FLUSH_MS = 5_000;

export function markRisk(state: WorkingSet, changes: Changes, now: number): void {
  for (const [key, { kind, value }] of changes.risk) state.riskDirty.set(key, { kind, value, at: now });
}

async function rowOf(ctx: CommitContext, kind: EntityKind, value: string, at: number): Promise<ControlValue[]> {
  return riskRow(kind, value, ctx.state.riskOf(kind, value), ctx.cfg.risk.level_weights, (await ctx.criticality(kind, value)) ?? 1, at);
}

/** Writes the rows behind the aggregate (one transaction, multi-row statements). */
export async function flushRisk(ctx: CommitContext): Promise<void> {
  const { state } = ctx;
  if (state.riskDirty.size === 0) return;
  const fresh: ControlValue[][] = [];
  const stale: ControlValue[][] = [];
  for (const [key, { kind, value, at }] of state.riskDirty) (state.riskStored.has(key) ? stale : fresh).push(await rowOf(ctx, kind, value, at));
  await ctx.db.transaction(async (tx) => {
    await insertRows(tx, `INSERT INTO respond_entity_risk (${RISK_COLUMNS.join(', ')})`, '', fresh);
    await rewriteRows(tx, 'respond_entity_risk', RISK_COLUMNS, ['kind', 'value'], RISK_UPDATES, stale);
  });
  for (const key of state.riskDirty.keys()) state.riskStored.add(key);
  state.riskDirty.clear();
}

/** Rebuilds the working set from the database and repairs stored risk rows that disagree with it. */
export async function reloadState(ctx: CommitContext, now: number): Promise<void> {
  await ctx.state.load(ctx.db, now);
  const stored = new Map<string, Record<string, unknown>>();
  for (const r of await ctx.db.all('SELECT kind, value, score, criticality, alerts, max_level, last_seen FROM respond_entity_risk')) stored.set(pairKey(String(r.kind), String(r.value)), r);
  const keys = new Set([...stored.keys(), ...ctx.state.risk.keys()]);
  for (const key of keys) {
    const [kind, value] = key.split('\u0001') as [EntityKind, string];
    const row = await rowOf(ctx, kind, value, now);
    const r = stored.get(key);
    const same = r && [r.score, r.criticality, r.alerts, r.max_level, r.last_seen].every((v, i) => Number(v) === Number(row[i + 2]) || v === row[i + 2]);
    // An entity without open alerts and without a row stays without one, as before.
    if (!same && (r || ctx.state.riskOf(kind, value).counts.some((n) => n > 0))) ctx.state.riskDirty.set(key, { kind, value, at: now });
  }
  await flushRisk(ctx);
}
