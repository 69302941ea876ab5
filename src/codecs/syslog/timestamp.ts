/**
 * Timestamp readers for the syslog header: RFC 3339 (RFC 5424 §6.2.3) and the many
 * RFC 3164 variants seen in the wild (no year, single-digit day, fractions, a year before
 * or after the time, a leading weekday, Cisco's `*`/`.` clock-state marks, zone tokens).
 */
import { wallClockToEpoch } from './timezone.js';

export interface TimestampContext {
  /** When the message was received (epoch ms); anchors the year of yearless timestamps. */
  receivedAt: number;
  /** Use this year for yearless timestamps instead of inferring it from `receivedAt`. */
  defaultYear?: number;
  /** IANA zone for timestamps without an offset; default UTC. */
  timezone?: string;
}

export interface ParsedTimestamp {
  /** Epoch ms; the fraction below 1 ms is kept (microsecond-precision senders). */
  ts: number;
  /** Index just past the timestamp (and its separating space, if any). */
  end: number;
  text: string;
  /** True when the year was inferred rather than read. */
  yearInferred?: boolean;
  warning?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** How far into the future a yearless timestamp may be before we assume it is from last year. */
const FUTURE_TOLERANCE_MS = 7 * 24 * 3_600_000;

function fractionMs(frac: string | undefined): number {
  if (!frac) return 0;
  const digits = frac.slice(0, 9);
  return Number(digits) / 10 ** (digits.length - 3);
}

function validClock(month: number, day: number, hour: number, minute: number, second: number): boolean {
  // second 60 is a leap second (RFC 3339 §5.6); we fold it into :59.999 below.
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** UTC year of an epoch-ms instant, cached for the last instant asked (a batch shares one receive time). */
let yearCacheAt = NaN;
let yearCacheValue = 0;
function utcYear(epochMs: number): number {
  if (epochMs !== yearCacheAt) {
    yearCacheAt = epochMs;
    yearCacheValue = new Date(epochMs).getUTCFullYear();
  }
  return yearCacheValue;
}

function offsetMs(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT' || zone === 'UT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (h > 23 || mi > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi) * 60_000;
}

function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  ms: number, zone: string | undefined, tz: string,
): number | undefined {
  if (year < 1970 || year > 9999 || day > daysInMonth(year, month)) return undefined;
  const leap = second === 60;
  const s = leap ? 59 : second;
  const extra = leap ? 999 : ms;
  if (zone !== undefined) {
    const off = offsetMs(zone);
    if (off === undefined) return undefined;
    return Date.UTC(year, month - 1, day, hour, minute, s) + extra - off;
  }
  return wallClockToEpoch(year, month, day, hour, minute, s, extra, tz);
}

// RFC 3339 / ISO 8601, also with a space instead of `T` and without an offset (local time).
const ISO_RE = /(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?(?= |$)/y;

/** Reads an ISO timestamp at `pos`. Strict mode (RFC 5424) demands `T` and an offset. */
export function readIsoTimestamp(line: string, pos: number, ctx: TimestampContext, strict = false): ParsedTimestamp | undefined {
  ISO_RE.lastIndex = pos;
  const m = ISO_RE.exec(line);
  if (!m) return undefined;
  const [text, y, mo, d, h, mi, s, frac, zone] = m;
  if (strict && (zone === undefined || text[10] === ' ' || (frac !== undefined && frac.length > 6))) return undefined;
  if (!validClock(+mo, +d, +h, +mi, +s)) return undefined;
  const ts = build(+y, +mo, +d, +h, +mi, +s, fractionMs(frac), zone, ctx.timezone ?? 'UTC');
  if (ts === undefined) return undefined;
  let end = pos + text.length;
  if (line.charCodeAt(end) === 32) end++;
  return { ts, end, text };
}

// BSD family: [weekday] [*|.]Mmm d[d][,] [yyyy] hh:mm:ss[.frac] [yyyy] [zone][:]
const BSD_RE =
  /(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?[*.]?([A-Za-z]{3}) {1,2}(\d{1,2}),?(?: (\d{4}))? (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: (\d{4})(?= |$))?(?: (UTC|GMT|Z|[+-]\d{2}:?\d{2}|[A-Z]{3,5}(?=:)))?:?(?= |$)/y;

export function readBsdTimestamp(line: string, pos: number, ctx: TimestampContext): ParsedTimestamp | undefined {
  BSD_RE.lastIndex = pos;
  const m = BSD_RE.exec(line);
  if (!m) return undefined;
  const [text, mon, d, yearBefore, h, mi, s, frac, yearAfter, zoneToken] = m;
  const month = MONTHS[mon.toLowerCase()];
  if (month === undefined || !validClock(month, +d, +h, +mi, +s)) return undefined;
  const tz = ctx.timezone ?? 'UTC';
  let warning: string | undefined;
  let zone: string | undefined = zoneToken;
  if (zone !== undefined && offsetMs(zone) === undefined) {
    warning = `time zone abbreviation ${zone} is ambiguous; read as ${tz}`;
    zone = undefined;
  }
  const ms = fractionMs(frac);
  const explicitYear = yearBefore ?? yearAfter;
  let end = pos + text.length;
  if (line.charCodeAt(end) === 32) end++;
  if (explicitYear !== undefined) {
    const ts = build(+explicitYear, month, +d, +h, +mi, +s, ms, zone, tz);
    return ts === undefined ? undefined : { ts, end, text, warning };
  }
  if (ctx.defaultYear !== undefined) {
    const ts = build(ctx.defaultYear, month, +d, +h, +mi, +s, ms, zone, tz);
    return ts === undefined ? undefined : { ts, end, text, warning, yearInferred: true };
  }
  // Pick the latest of next/this/last year that is not (beyond clock skew) in the future:
  // a December message received on 1 January belongs to last year, and a `Jan  1 00:00:01`
  // received at 23:59:59 on 31 December from a fast clock belongs to next year.
  const receivedYear = utcYear(ctx.receivedAt);
  const limit = ctx.receivedAt + FUTURE_TOLERANCE_MS;
  // Next year only matters for January messages received in late December.
  const candidates = month === 1 ? [receivedYear + 1, receivedYear, receivedYear - 1] : [receivedYear, receivedYear - 1];
  for (const year of candidates) {
    const ts = build(year, month, +d, +h, +mi, +s, ms, zone, tz);
    if (ts !== undefined && ts <= limit) return { ts, end, text, warning, yearInferred: true };
  }
  // Only 29 February outside a leap-year window gets here: not a valid date.
  return undefined;
}
