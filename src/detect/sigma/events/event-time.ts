/**
 * Event time of a raw record, for offline hunting and rule tests (the live pipeline already
 * carries `VigilEvent.ts`). Windows records use System/TimeCreated; other records the usual
 * timestamp keys. Numbers are epoch seconds or milliseconds, told apart by magnitude.
 */
import { getPath, unwrapText } from '../mapping/classify.js';

const KEYS = ['@timestamp', 'timestamp', 'eventTime', 'time', 'published', 'ts', 'EventTime', 'TimeCreated', 'UtcTime', 'date', 'creationTime', 'CreationTime', 'created_at', 'Timestamp'];

export function parseTime(v: unknown): number | undefined {
  const u = unwrapText(v);
  if (typeof u === 'number' && Number.isFinite(u)) {
    if (u > 1e14) return u / 1000; // microseconds
    if (u > 1e11) return u; // milliseconds
    if (u > 1e8) return u * 1000; // seconds
    return undefined;
  }
  if (typeof u !== 'string' || u.length < 8 || u.length > 64) return undefined;
  let s = u.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseTime(Number(s));
  s = s.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s += 'Z'; // Windows UtcTime and friends carry no zone: UTC
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

export function eventTime(native: Record<string, unknown>, fields?: Record<string, unknown>): number | undefined {
  const sys = getPath(native, 'Event.System.TimeCreated.#attributes.SystemTime');
  if (sys !== undefined) {
    const t = parseTime(sys);
    if (t !== undefined) return t;
  }
  for (const k of KEYS) {
    const v = getPath(native, k);
    if (v === undefined) continue;
    const t = parseTime(typeof v === 'object' && v !== null && !Array.isArray(v) ? ((v as Record<string, unknown>)['#attributes'] as Record<string, unknown> | undefined)?.SystemTime ?? v : v);
    if (t !== undefined) return t;
  }
  const f = fields?.['@timestamp'];
  return f === undefined ? undefined : parseTime(f);
}
