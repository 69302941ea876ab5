/** SQL for respond_alerts and respond_alert_entities. */
import type { ControlDb } from '../../control/control-db.js';
import { type DetectionKind, type DetectionLevel, type Entities } from '../../detect/detection.js';
import { levelRank, type Alert, type AlertStatus } from '../model.js';
import { addCommonFilters, fromJson, num, page, str, strOrNull, toJson, Where, type CommonFilter } from './rows.js';

export const ALERT_COLUMNS =
  'id, dedup_key, rule_id, rule_title, level, level_rank, tags, kind, entities, event_ids, event_count, count, explanation, details, first_seen, last_seen, status, assignee, incident_id, created_at, updated_at';

export function rowToAlert(r: Record<string, unknown>): Alert {
  return {
    id: str(r.id),
    rule: { id: str(r.rule_id), title: str(r.rule_title), level: str(r.level) as DetectionLevel, tags: fromJson<string[]>(r.tags, []) },
    kind: str(r.kind) as DetectionKind,
    dedup_key: str(r.dedup_key),
    entities: fromJson<Entities>(r.entities, {}),
    event_ids: fromJson<string[]>(r.event_ids, []),
    event_count: num(r.event_count),
    count: num(r.count),
    explanation: fromJson<string[]>(r.explanation, []),
    details: fromJson<Record<string, unknown>>(r.details, {}),
    first_seen: num(r.first_seen),
    last_seen: num(r.last_seen),
    status: str(r.status) as AlertStatus,
    assignee: strOrNull(r.assignee),
    incident_id: strOrNull(r.incident_id),
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
  };
}

/** Writes what can change on an alert (a plain UPDATE: cheaper than an upsert in DuckDB). */
export async function updateAlert(db: ControlDb, a: Alert): Promise<void> {
  await db.run(
    `UPDATE respond_alerts SET level = $2, level_rank = $3, tags = $4, entities = $5, event_ids = $6, event_count = $7, count = $8, explanation = $9,
       details = $10, first_seen = $11, last_seen = $12, status = $13, assignee = $14, incident_id = $15, updated_at = $16 WHERE id = $1`,
    [a.id, a.rule.level, levelRank(a.rule.level), toJson(a.rule.tags), toJson(a.entities), toJson(a.event_ids), a.event_count, a.count, toJson(a.explanation),
      toJson(a.details), a.first_seen, a.last_seen, a.status, a.assignee, a.incident_id, a.updated_at],
  );
}

export async function getAlert(db: ControlDb, id: string): Promise<Alert | undefined> {
  const rows = await db.all(`SELECT ${ALERT_COLUMNS} FROM respond_alerts WHERE id = $1`, [id]);
  return rows[0] ? rowToAlert(rows[0]) : undefined;
}

export async function alertsOfIncident(db: ControlDb, incidentId: string): Promise<Alert[]> {
  const rows = await db.all(`SELECT ${ALERT_COLUMNS} FROM respond_alerts WHERE incident_id = $1 ORDER BY level_rank DESC, count DESC, first_seen`, [incidentId]);
  return rows.map(rowToAlert);
}

export interface AlertFilter extends CommonFilter {
  status?: AlertStatus[];
  level?: DetectionLevel[];
  rule?: string;
  incident?: string;
}

export async function listAlerts(db: ControlDb, f: AlertFilter): Promise<{ alerts: Alert[]; total: number }> {
  const w = new Where();
  addCommonFilters(w, f, { table: 'respond_alert_entities', idColumn: 'alert_id' });
  if (f.rule) w.add((p) => `rule_id = ${p(f.rule!)}`);
  if (f.incident) w.add((p) => `incident_id = ${p(f.incident!)}`);
  const { rows, total } = await page(db, 'respond_alerts', ALERT_COLUMNS, w, f);
  return { alerts: rows.map(rowToAlert), total };
}
