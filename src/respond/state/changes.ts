/**
 * What one ingest call changed, collected while deciding in memory and written in one
 * transaction with a constant number of multi-row statements (per table, not per detection).
 */
import type { ControlDb, ControlValue } from '../../control/control-db.js';
import { DETECTION_LEVELS, type Detection, type EntityKind } from '../../detect/detection.js';
import type { AlertingConfig } from '../config.js';
import { levelRank, type Alert, type Incident } from '../model.js';
import { ALERT_COLUMNS } from '../store/alert-repo.js';
import { INCIDENT_COLUMNS } from '../store/incident-repo.js';
import { insertRows, newId, toJson } from '../store/rows.js';
import type { RiskAggregate } from './working-set.js';

export class Changes {
  /** Latest version of every alert created or changed, by id (upserted). */
  readonly alerts = new Map<string, Alert>();
  readonly alertEntities: string[][] = [];
  readonly incidents = new Map<string, Incident>();
  readonly incidentEntities: string[][] = [];
  /** Incidents merged: their alerts and comments (including those not in memory) move by SQL. */
  readonly merges: Array<{ from: string; into: string }> = [];
  /** Entity values whose stored risk must be rewritten from the memory aggregate (see risk-cache.ts). */
  readonly risk = new Map<string, { kind: EntityKind; value: string }>();
  readonly suppressed: Array<{ suppressionId: string; d: Detection }> = [];
  /** Alerts and incidents created by this call: a plain INSERT, which DuckDB runs far cheaper than an upsert. */
  readonly created = new Set<string>();

  get empty(): boolean {
    return !this.alerts.size && !this.incidents.size && !this.risk.size && !this.suppressed.length && !this.merges.length;
  }
}

const ALERT_UPDATES = ['level', 'level_rank', 'tags', 'entities', 'event_ids', 'event_count', 'count', 'explanation', 'details', 'first_seen', 'last_seen', 'status', 'assignee', 'incident_id', 'updated_at'];
const INCIDENT_UPDATES = ['title', 'status', 'resolution', 'assignee', 'level', 'level_rank', 'first_seen', 'last_seen', 'alert_count', 'merged_into', 'updated_at', 'closed_at'];
export const RISK_COLUMNS = ['kind', 'value', 'score', 'criticality', 'alerts', 'max_level', 'last_seen', 'updated_at'];
export const RISK_UPDATES = ['score', 'criticality', 'alerts', 'max_level', 'last_seen', 'updated_at'];

const upsert = (key: string, columns: readonly string[]): string => ` ON CONFLICT (${key}) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * Rewrites existing rows: one row (the common case of a single-detection call) by a plain
 * UPDATE, which DuckDB runs in about a third of an upsert's CPU; more rows by multi-row upserts.
 */
export async function rewriteRows(tx: ControlDb, table: string, columns: readonly string[], key: readonly string[], updates: readonly string[], rows: readonly ControlValue[][]): Promise<void> {
  if (rows.length !== 1) return insertRows(tx, `INSERT INTO ${table} (${columns.join(', ')})`, upsert(key.join(', '), updates), rows);
  // DuckDB refuses unused placeholders: bind exactly the updated and key columns, in that order.
  const used = [...updates, ...key];
  const value = (c: string) => rows[0][columns.indexOf(c)];
  const set = updates.map((c, i) => `${c} = $${i + 1}`).join(', ');
  const where = key.map((c, i) => `${c} = $${updates.length + i + 1}`).join(' AND ');
  await tx.run(`UPDATE ${table} SET ${set} WHERE ${where}`, used.map(value));
}

function alertRow(a: Alert): ControlValue[] {
  return [a.id, a.dedup_key, a.rule.id, a.rule.title, a.rule.level, levelRank(a.rule.level), toJson(a.rule.tags), a.kind, toJson(a.entities), toJson(a.event_ids),
    a.event_count, a.count, toJson(a.explanation), toJson(a.details), a.first_seen, a.last_seen, a.status, a.assignee, a.incident_id, a.created_at, a.updated_at];
}

function incidentRow(i: Incident): ControlValue[] {
  return [i.id, i.title, i.status, i.resolution, i.assignee, i.level, levelRank(i.level), i.first_seen, i.last_seen, i.alert_count, i.merged_into, i.created_at, i.updated_at, i.closed_at];
}

/** score = criticality × Σ weight(level) over the entity's alerts that are not closed (as riskScore). */
export function riskRow(kind: string, value: string, agg: RiskAggregate, weights: AlertingConfig['risk']['level_weights'], crit: number, now: number): ControlValue[] {
  let sum = 0;
  let alerts = 0;
  let top = 0;
  agg.counts.forEach((n, rank) => {
    sum += n * weights[DETECTION_LEVELS[rank]];
    alerts += n;
    if (n > 0) top = rank;
  });
  return [kind, value, Math.round(sum * crit * 100) / 100, crit, alerts, DETECTION_LEVELS[top], agg.last_seen, now];
}

function split<T>(items: Iterable<T>, first: (t: T) => boolean): [T[], T[]] {
  const out: [T[], T[]] = [[], []];
  for (const t of items) out[first(t) ? 0 : 1].push(t);
  return out;
}

/** Writes the changes (inside the caller's transaction). */
export async function persistChanges(tx: ControlDb, c: Changes, now: number): Promise<void> {
  for (const m of c.merges) {
    await tx.run('UPDATE respond_alerts SET incident_id = $1 WHERE incident_id = $2', [m.into, m.from]);
    await tx.run('UPDATE respond_comments SET incident_id = $1 WHERE incident_id = $2', [m.into, m.from]);
  }
  const [newAlerts, grownAlerts] = split(c.alerts.values(), (a) => c.created.has(a.id));
  await insertRows(tx, `INSERT INTO respond_alerts (${ALERT_COLUMNS})`, '', newAlerts.map(alertRow));
  await rewriteRows(tx, 'respond_alerts', ALERT_COLUMNS.split(', '), ['id'], ALERT_UPDATES, grownAlerts.map(alertRow));
  await insertRows(tx, 'INSERT INTO respond_alert_entities', '', c.alertEntities);
  const [newIncidents, changedIncidents] = split(c.incidents.values(), (i) => c.created.has(i.id));
  await insertRows(tx, `INSERT INTO respond_incidents (${INCIDENT_COLUMNS})`, '', newIncidents.map(incidentRow));
  await rewriteRows(tx, 'respond_incidents', INCIDENT_COLUMNS.split(', '), ['id'], INCIDENT_UPDATES, changedIncidents.map(incidentRow));
  await insertRows(tx, 'INSERT INTO respond_incident_entities', '', c.incidentEntities);
  const counts = new Map<string, number>();
  for (const s of c.suppressed) counts.set(s.suppressionId, (counts.get(s.suppressionId) ?? 0) + 1);
  for (const [id, n] of counts) await tx.run('UPDATE respond_suppressions SET suppressed = suppressed + $2, last_suppressed_at = $3 WHERE id = $1', [id, n, now]);
  await insertRows(tx, 'INSERT INTO respond_suppressed', '', c.suppressed.map(({ suppressionId, d }) =>
    [newId('sd', now), suppressionId, d.rule.id, d.rule.level, d.ts, toJson(d.entities), toJson(d.eventIds), now]));
}
