/** SQL for respond_alerts and respond_alert_entities. */
import type { ControlDb } from '../../control/control-db.js';
import { ENTITY_KINDS, type DetectionKind, type DetectionLevel, type Entities } from '../../detect/detection.js';
import { levelRank, type Alert, type AlertStatus } from '../model.js';
import { addCommonFilters, fromJson, num, page, placeholders, str, strOrNull, toJson, Where, type CommonFilter } from './rows.js';

const COLUMNS =
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

export async function saveAlert(db: ControlDb, a: Alert): Promise<void> {
  await db.run(
    `INSERT INTO respond_alerts (${COLUMNS}) VALUES (${placeholders(21)})
     ON CONFLICT (id) DO UPDATE SET entities = excluded.entities, event_ids = excluded.event_ids, event_count = excluded.event_count,
       count = excluded.count, explanation = excluded.explanation, details = excluded.details, first_seen = excluded.first_seen,
       last_seen = excluded.last_seen, status = excluded.status, assignee = excluded.assignee, incident_id = excluded.incident_id,
       updated_at = excluded.updated_at`,
    [a.id, a.dedup_key, a.rule.id, a.rule.title, a.rule.level, levelRank(a.rule.level), toJson(a.rule.tags), a.kind, toJson(a.entities), toJson(a.event_ids),
      a.event_count, a.count, toJson(a.explanation), toJson(a.details), a.first_seen, a.last_seen, a.status, a.assignee, a.incident_id, a.created_at, a.updated_at],
  );
}

/** Replaces the entity rows of an alert (used to filter alerts by entity and to compute risk). */
export async function saveAlertEntities(db: ControlDb, alertId: string, entities: Entities): Promise<void> {
  await db.run('DELETE FROM respond_alert_entities WHERE alert_id = $1', [alertId]);
  for (const kind of ENTITY_KINDS) {
    for (const value of entities[kind] ?? []) await db.run('INSERT INTO respond_alert_entities VALUES ($1, $2, $3)', [alertId, kind, value]);
  }
}

/** The open alert with this key whose event-time span, widened by the window, contains `ts`. */
export async function findDedupTarget(db: ControlDb, key: string, ts: number, windowMs: number): Promise<Alert | undefined> {
  const rows = await db.all(
    `SELECT ${COLUMNS} FROM respond_alerts WHERE dedup_key = $1 AND status <> 'closed' AND first_seen - $3 <= $2 AND last_seen + $3 >= $2
     ORDER BY last_seen DESC LIMIT 1`,
    [key, ts, windowMs],
  );
  return rows[0] ? rowToAlert(rows[0]) : undefined;
}

export async function getAlert(db: ControlDb, id: string): Promise<Alert | undefined> {
  const rows = await db.all(`SELECT ${COLUMNS} FROM respond_alerts WHERE id = $1`, [id]);
  return rows[0] ? rowToAlert(rows[0]) : undefined;
}

export async function alertsOfIncident(db: ControlDb, incidentId: string): Promise<Alert[]> {
  const rows = await db.all(`SELECT ${COLUMNS} FROM respond_alerts WHERE incident_id = $1 ORDER BY level_rank DESC, count DESC, first_seen`, [incidentId]);
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
  const { rows, total } = await page(db, 'respond_alerts', COLUMNS, w, f);
  return { alerts: rows.map(rowToAlert), total };
}
