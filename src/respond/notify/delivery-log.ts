/**
 * respond_deliveries: one row per notification and channel. The notification itself is kept
 * (as JSON; it holds the alert and incident, never channel settings) so that a delivery still
 * pending when the server stopped is resumed when it starts again.
 */
import type { ControlDb } from '../../control/control-db.js';
import type { Delivery, DeliveryStatus } from '../model.js';
import { fromJson, num, str, strOrNull, Where } from '../store/rows.js';
import type { Notification } from './notification.js';

export async function insertDelivery(db: ControlDb, d: Omit<Delivery, 'last_error'>, n: Notification): Promise<void> {
  await db.run('INSERT INTO respond_deliveries VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
    d.id, d.channel, d.channel_type, d.trigger, d.alert_id, d.incident_id, d.status, d.attempts, null, d.created_at, d.updated_at, JSON.stringify(n),
  ]);
}

/** A delivery that succeeded after retries keeps the error of its last failed attempt. */
export async function recordAttempt(db: ControlDb, id: string, status: DeliveryStatus, attempts: number, error: string | null, now: number): Promise<void> {
  await db.run('UPDATE respond_deliveries SET status = $2, attempts = $3, last_error = COALESCE($4, last_error), updated_at = $5 WHERE id = $1', [id, status, attempts, error, now]);
}

export async function pendingDeliveries(db: ControlDb): Promise<Array<{ id: string; channel: string; attempts: number; notification: Notification | undefined }>> {
  const rows = await db.all("SELECT id, channel, attempts, payload FROM respond_deliveries WHERE status = 'pending' ORDER BY created_at, id");
  return rows.map((r) => ({ id: str(r.id), channel: str(r.channel), attempts: num(r.attempts), notification: fromJson<Notification | undefined>(r.payload, undefined) }));
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: string;
  alert?: string;
  incident?: string;
  limit: number;
  offset: number;
}

export async function listDeliveries(db: ControlDb, f: DeliveryFilter): Promise<Delivery[]> {
  const w = new Where();
  if (f.status) w.add((p) => `status = ${p(f.status!)}`);
  if (f.channel) w.add((p) => `channel = ${p(f.channel!)}`);
  if (f.alert) w.add((p) => `alert_id = ${p(f.alert!)}`);
  if (f.incident) w.add((p) => `incident_id = ${p(f.incident!)}`);
  const rows = await db.all(
    `SELECT id, channel, channel_type, trigger, alert_id, incident_id, status, attempts, last_error, created_at, updated_at FROM respond_deliveries ${w.sql()}
     ORDER BY created_at DESC, id DESC LIMIT ${w.param(f.limit)} OFFSET ${w.param(f.offset)}`,
    w.params,
  );
  return rows.map((r) => ({
    id: str(r.id), channel: str(r.channel), channel_type: str(r.channel_type), trigger: str(r.trigger), alert_id: strOrNull(r.alert_id), incident_id: strOrNull(r.incident_id),
    status: str(r.status) as DeliveryStatus, attempts: num(r.attempts), last_error: strOrNull(r.last_error), created_at: num(r.created_at), updated_at: num(r.updated_at),
  }));
}
