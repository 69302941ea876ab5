/** SQL for respond_incidents, respond_incident_entities and respond_comments. */
import type { ControlDb } from '../../control/control-db.js';
import { type DetectionLevel, type Entities, type EntityKind } from '../../detect/detection.js';
import { levelRank, type Incident, type IncidentComment, type IncidentStatus } from '../model.js';
import { addCommonFilters, num, page, str, strOrNull, Where, type CommonFilter } from './rows.js';

export const INCIDENT_COLUMNS = 'id, title, status, resolution, assignee, level, level_rank, first_seen, last_seen, alert_count, merged_into, created_at, updated_at, closed_at';

export function rowToIncident(r: Record<string, unknown>): Incident {
  return {
    id: str(r.id),
    title: str(r.title),
    status: str(r.status) as IncidentStatus,
    resolution: strOrNull(r.resolution),
    assignee: strOrNull(r.assignee),
    level: str(r.level) as DetectionLevel,
    first_seen: num(r.first_seen),
    last_seen: num(r.last_seen),
    alert_count: num(r.alert_count),
    merged_into: strOrNull(r.merged_into),
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
    closed_at: r.closed_at === null || r.closed_at === undefined ? null : num(r.closed_at),
  };
}

/** Writes what can change on an incident (a plain UPDATE: cheaper than an upsert in DuckDB). */
export async function updateIncidentRow(db: ControlDb, i: Incident): Promise<void> {
  await db.run(
    `UPDATE respond_incidents SET title = $2, status = $3, resolution = $4, assignee = $5, level = $6, level_rank = $7, first_seen = $8, last_seen = $9,
       alert_count = $10, merged_into = $11, updated_at = $12, closed_at = $13 WHERE id = $1`,
    [i.id, i.title, i.status, i.resolution, i.assignee, i.level, levelRank(i.level), i.first_seen, i.last_seen, i.alert_count, i.merged_into, i.updated_at, i.closed_at],
  );
}

export async function getIncident(db: ControlDb, id: string): Promise<Incident | undefined> {
  const rows = await db.all(`SELECT ${INCIDENT_COLUMNS} FROM respond_incidents WHERE id = $1`, [id]);
  return rows[0] ? rowToIncident(rows[0]) : undefined;
}

export async function incidentEntities(db: ControlDb, id: string): Promise<Entities> {
  const rows = await db.all<{ kind: string; value: string }>('SELECT DISTINCT kind, value FROM respond_incident_entities WHERE incident_id = $1 ORDER BY kind, value', [id]);
  const out: Entities = {};
  for (const r of rows) (out[r.kind as EntityKind] ??= []).push(r.value);
  return out;
}

export interface IncidentFilter extends CommonFilter {
  status?: IncidentStatus[];
  level?: DetectionLevel[];
  /** Include incidents merged into others (hidden by default). */
  merged?: boolean;
}

export async function listIncidents(db: ControlDb, f: IncidentFilter): Promise<{ incidents: Incident[]; total: number }> {
  const w = new Where();
  if (!f.merged) w.add(() => 'merged_into IS NULL');
  addCommonFilters(w, f, { table: 'respond_incident_entities', idColumn: 'incident_id' });
  const { rows, total } = await page(db, 'respond_incidents', INCIDENT_COLUMNS, w, f);
  return { incidents: rows.map(rowToIncident), total };
}

export async function addComment(db: ControlDb, c: IncidentComment): Promise<void> {
  await db.run('INSERT INTO respond_comments VALUES ($1, $2, $3, $4, $5)', [c.id, c.incident_id, c.author, c.ts, c.text]);
}

export async function commentsOf(db: ControlDb, incidentId: string): Promise<IncidentComment[]> {
  const rows = await db.all('SELECT id, incident_id, author, ts, text FROM respond_comments WHERE incident_id = $1 ORDER BY ts, id', [incidentId]);
  return rows.map((r) => ({ id: str(r.id), incident_id: str(r.incident_id), author: str(r.author), ts: num(r.ts), text: str(r.text) }));
}
