/**
 * Times in queries and time pickers: ISO-8601 (UTC unless an offset is given), epoch
 * milliseconds, `now`, and relative times (`-24h`, `now-7d`, `+30m`).
 *
 * A typed time also has a precision: `2026-01-02` means the whole day. `parseTimeSpan`
 * returns that interval so that `@timestamp:[2026-01-01 TO 2026-01-02]` covers both days
 * and `@timestamp:2026-01-02` finds the events of that day.
 */
import { QuerySyntaxError } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Interval of times a typed time stands for: `[start, end)` in epoch ms. */
export interface TimeSpan {
  start: number;
  end: number;
}

const EXPECTED = ['ISO-8601 such as 2026-01-31 or 2026-01-31T12:00:00Z', 'now', 'a relative time such as -24h or now-7d', 'epoch milliseconds'];

/** `5m` → 300000; undefined for anything that is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,9})(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** Epoch ms of a time expression; throws a QuerySyntaxError naming the accepted forms. */
export function parseTime(text: string, now: number, column = 1): number {
  return parseTimeSpan(text, now, column).start;
}

export function parseTimeSpan(text: string, now: number, column = 1): TimeSpan {
  const t = text.trim();
  const span = relative(t, now) ?? epochMillis(t) ?? iso(t);
  if (!span || !Number.isFinite(span.start) || Math.abs(span.start) > 8.64e15) {
    throw new QuerySyntaxError(`not a time: "${text}"`, column, EXPECTED);
  }
  return span;
}

function relative(t: string, now: number): TimeSpan | undefined {
  if (t === 'now') return { start: now, end: now + 1 };
  const m = /^(?:now)?([+-])(\d{1,9})(ms|s|m|h|d|w)$/.exec(t);
  if (!m) return undefined;
  const offset = Number(m[2]) * UNIT_MS[m[3]];
  const at = m[1] === '-' ? now - offset : now + offset;
  return { start: at, end: at + 1 };
}

function epochMillis(t: string): TimeSpan | undefined {
  if (!/^\d{11,16}$/.test(t)) return undefined;
  const ms = Number(t);
  return { start: ms, end: ms + 1 };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function iso(t: string): TimeSpan | undefined {
  const m = ISO.exec(t);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] ?? '';
  if (m[8] && m[4] === undefined) return undefined; // an offset needs a time of day
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(local);
  // Date.UTC rolls 2026-02-30 over into March; a time that does not round-trip is not a date.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const start = local + Number(`0.${fraction || '0'}`) * 1000 - offsetMs(m[8]);
  const precision =
    m[4] === undefined ? UNIT_MS.d : m[6] === undefined ? UNIT_MS.m : fraction === '' ? UNIT_MS.s : Math.max(1000 / 10 ** fraction.length, 0.001);
  return { start, end: start + precision };
}

function offsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** ISO-8601 in UTC with microseconds when the time has them (`ts` carries sub-millisecond precision). */
export function isoMicros(ms: number): string {
  const totalMicros = Math.round(ms * 1000);
  const micros = ((totalMicros % 1000) + 1000) % 1000;
  const iso = new Date((totalMicros - micros) / 1000).toISOString();
  return micros === 0 ? iso : `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}
