/**
 * The current state of each mobile device, in the control-plane database: one row per device id,
 * replaced by a newer report and never by an older one (reports arrive out of order from
 * several MDMs and retries). The derived flags are stored as they were judged at report time.
 */
import type { ControlDb, ControlValue } from '../control/control-db.js';
import type { PostureFlags, PostureReport } from '../codecs/mobile/index.js';

export async function migrateMobileDevices(db: ControlDb): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS mobile_devices (
    device_id VARCHAR PRIMARY KEY,
    platform VARCHAR NOT NULL,
    os_version VARCHAR NOT NULL,
    patch_level VARCHAR,
    device_name VARCHAR,
    model VARCHAR,
    user_name VARCHAR,
    jailbroken BOOLEAN,
    passcode BOOLEAN,
    encrypted BOOLEAN,
    managed BOOLEAN,
    compliance_state VARCHAR NOT NULL,
    sideloaded_apps BIGINT NOT NULL,
    non_compliant BOOLEAN NOT NULL,
    os_below_minimum BOOLEAN NOT NULL,
    jailbreak_detected BOOLEAN NOT NULL,
    last_seen BIGINT NOT NULL,
    source VARCHAR,
    report VARCHAR NOT NULL
  )`);
}

const COLUMNS = [
  'device_id',
  'platform',
  'os_version',
  'patch_level',
  'device_name',
  'model',
  'user_name',
  'jailbroken',
  'passcode',
  'encrypted',
  'managed',
  'compliance_state',
  'sideloaded_apps',
  'non_compliant',
  'os_below_minimum',
  'jailbreak_detected',
  'last_seen',
  'source',
  'report',
] as const;

const UPSERT = `INSERT INTO mobile_devices (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (device_id) DO UPDATE SET ${COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}
  WHERE excluded.last_seen >= mobile_devices.last_seen`;

export async function upsertMobileDevices(db: ControlDb, reports: Array<{ report: PostureReport; flags: PostureFlags }>): Promise<void> {
  if (reports.length === 0) return;
  await db.transaction(async (tx) => {
    for (const { report: r, flags } of reports) {
      const values: ControlValue[] = [
        r.device_id,
        r.platform,
        r.os_version,
        r.patch_level ?? null,
        r.device_name ?? null,
        r.model ?? null,
        r.user?.name ?? r.user?.email ?? null,
        r.jailbroken,
        r.passcode,
        r.encrypted,
        r.managed,
        r.compliance.state,
        r.sideloaded_apps.length,
        flags.non_compliant,
        flags.os_below_minimum,
        flags.jailbreak_detected,
        Date.parse(r.observed_at),
        r.source ?? null,
        JSON.stringify(r),
      ];
      await tx.run(UPSERT, values);
    }
  });
}

export const DEVICE_FLAGS = ['non_compliant', 'os_below_minimum', 'jailbreak_detected'] as const;
export type DeviceFlag = (typeof DEVICE_FLAGS)[number];

export interface DeviceQuery {
  flag?: DeviceFlag;
  platform?: string;
  limit: number;
  offset: number;
}

export interface DeviceRow {
  device_id: string;
  platform: string;
  os_version: string;
  patch_level: string | null;
  device_name: string | null;
  model: string | null;
  user_name: string | null;
  jailbroken: boolean | null;
  passcode: boolean | null;
  encrypted: boolean | null;
  managed: boolean | null;
  compliance_state: string;
  sideloaded_apps: number;
  flags: PostureFlags;
  last_seen: string;
  source: string | null;
}

export async function listMobileDevices(db: ControlDb, q: DeviceQuery): Promise<{ devices: DeviceRow[]; total: number }> {
  const where: string[] = [];
  const params: ControlValue[] = [];
  // The flag is one of three known column names (validated by the caller's enum), never input text.
  if (q.flag) where.push(`${DEVICE_FLAGS.find((f) => f === q.flag)} = TRUE`);
  if (q.platform) {
    params.push(q.platform);
    where.push(`platform = $${params.length}`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ n }] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM mobile_devices ${clause}`, params);
  const rows = await db.all<Record<string, unknown>>(
    `SELECT ${COLUMNS.filter((c) => c !== 'report').join(', ')} FROM mobile_devices ${clause} ORDER BY last_seen DESC, device_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  return { devices: rows.map(toDeviceRow), total: Number(n) };
}

function toDeviceRow(r: Record<string, unknown>): DeviceRow {
  return {
    device_id: String(r.device_id),
    platform: String(r.platform),
    os_version: String(r.os_version),
    patch_level: (r.patch_level as string | null) ?? null,
    device_name: (r.device_name as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    user_name: (r.user_name as string | null) ?? null,
    jailbroken: (r.jailbroken as boolean | null) ?? null,
    passcode: (r.passcode as boolean | null) ?? null,
    encrypted: (r.encrypted as boolean | null) ?? null,
    managed: (r.managed as boolean | null) ?? null,
    compliance_state: String(r.compliance_state),
    sideloaded_apps: Number(r.sideloaded_apps),
    flags: { non_compliant: r.non_compliant === true, os_below_minimum: r.os_below_minimum === true, jailbreak_detected: r.jailbreak_detected === true },
    last_seen: new Date(Number(r.last_seen)).toISOString(),
    source: (r.source as string | null) ?? null,
  };
}
