/**
 * Timestamp readers for the syslog header: RFC 3339 (RFC 5424 §6.2.3) and the many
 * RFC 3164 variants seen in the wild (no year, single-digit day, fractions, a year before
 * or after the time, a leading weekday, Cisco's `*`/`.` clock-state marks, zone tokens).
 *
 * Every message has a timestamp, so the common shapes are read by scanning character codes
 * (`scanIso`, `scanPlainBsd`): no regex match arrays, no digit substrings. The BSD regex still
 * reads every rarer variant; the scanner only takes lines it reads exactly as the regex would.
 */
import { scanIso, scanPlainBsd, type BsdScan, type IsoScan } from './timestamp-scan.js';
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

/**
 * `Date.UTC` of a whole second, remembered for the last second asked: messages from one sender
 * share their second, and `Date.UTC` is a call into the runtime on every message otherwise.
 */
let utcMemoKey = -1;
let utcMemoValue = 0;
function utcSecond(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  // yyyymmddhhmmss as one number (< 2^53): a one-comparison memo key.
  const key = ((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second;
  if (key !== utcMemoKey) {
    utcMemoKey = key;
    utcMemoValue = Date.UTC(year, month - 1, day, hour, minute, second);
  }
  return utcMemoValue;
}

/** Epoch ms of a wall-clock time; `off` is the written UTC offset, undefined to read it in `tz`. */
function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  ms: number, off: number | undefined, tz: string,
): number | undefined {
  if (year < 1970 || year > 9999 || day > daysInMonth(year, month)) return undefined;
  const leap = second === 60;
  const s = leap ? 59 : second;
  const extra = leap ? 999 : ms;
  if (off !== undefined) return utcSecond(year, month, day, hour, minute, s) + extra - off;
  return wallClockToEpoch(year, month, day, hour, minute, s, extra, tz);
}

/** Scratch results of the scanners: one per reader, reused, because every message has a timestamp. */
const iso: IsoScan = { end: 0, year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ms: 0, fracDigits: 0, offset: undefined, hasZone: false, badZone: false };
const bsd: BsdScan = { end: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };

/** Reads an ISO timestamp at `pos` (RFC 3339 / ISO 8601, `T` or space, offset optional). Strict mode (RFC 5424) demands `T` and an offset. */
export function readIsoTimestamp(line: string, pos: number, ctx: TimestampContext, strict = false): ParsedTimestamp | undefined {
  if (!scanIso(line, pos, iso)) return undefined;
  if (strict && (!iso.hasZone || line.charCodeAt(pos + 10) === 32 || iso.fracDigits > 6)) return undefined;
  if (!validClock(iso.month, iso.day, iso.hour, iso.minute, iso.second)) return undefined;
  if (iso.badZone) return undefined;
  const ts = build(iso.year, iso.month, iso.day, iso.hour, iso.minute, iso.second, iso.ms, iso.offset, ctx.timezone ?? 'UTC');
  if (ts === undefined) return undefined;
  const text = line.slice(pos, iso.end);
  let end = iso.end;
  if (line.charCodeAt(end) === 32) end++;
  return { ts, end, text };
}

// BSD family: [weekday] [*|.]Mmm d[d][,] [yyyy] hh:mm:ss[.frac] [yyyy] [zone][:]
const BSD_RE =
  /(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?[*.]?([A-Za-z]{3}) {1,2}(\d{1,2}),?(?: (\d{4}))? (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: (\d{4})(?= |$))?(?: (UTC|GMT|Z|[+-]\d{2}:?\d{2}|[A-Z]{3,5}(?=:)))?:?(?= |$)/y;

/**
 * The last plain BSD timestamp resolved, with everything its epoch value depends on: a relay
 * sends many messages stamped with the same second, and the year inference and zone
 * conversion (the costly part) then run once per second rather than once per message.
 */
const lastBsd = { clock: -1, receivedAt: NaN, timezone: '', defaultYear: undefined as number | undefined, ts: 0, yearInferred: false, valid: false };

export function readBsdTimestamp(line: string, pos: number, ctx: TimestampContext): ParsedTimestamp | undefined {
  if (scanPlainBsd(line, pos, bsd)) {
    // month, day, h, m, s (two digits each at most) packed in one number: a one-comparison memo key.
    const clock = bsd.month * 1e8 + bsd.day * 1e6 + bsd.hour * 1e4 + bsd.minute * 100 + bsd.second;
    const tz = ctx.timezone ?? 'UTC';
    const memo = lastBsd;
    if (memo.clock !== clock || memo.receivedAt !== ctx.receivedAt || memo.timezone !== tz || memo.defaultYear !== ctx.defaultYear) {
      const r = validClock(bsd.month, bsd.day, bsd.hour, bsd.minute, bsd.second)
        ? finishBsd(line, pos, bsd.end, ctx, bsd.month, bsd.day, bsd.hour, bsd.minute, bsd.second, 0, undefined, undefined)
        : undefined;
      memo.clock = clock;
      memo.receivedAt = ctx.receivedAt;
      memo.timezone = tz;
      memo.defaultYear = ctx.defaultYear;
      memo.valid = r !== undefined;
      if (r) {
        memo.ts = r.ts;
        memo.yearInferred = r.yearInferred === true;
      }
      return r;
    }
    if (!memo.valid) return undefined;
    const end = line.charCodeAt(bsd.end) === 32 ? bsd.end + 1 : bsd.end;
    return memo.yearInferred
      ? { ts: memo.ts, end, text: line.slice(pos, bsd.end), warning: undefined, yearInferred: true }
      : { ts: memo.ts, end, text: line.slice(pos, bsd.end), warning: undefined };
  }
  BSD_RE.lastIndex = pos;
  const m = BSD_RE.exec(line);
  if (!m) return undefined;
  const [text, mon, d, yearBefore, h, mi, s, frac, yearAfter, zoneToken] = m;
  const month = MONTHS[mon.toLowerCase()];
  if (month === undefined || !validClock(month, +d, +h, +mi, +s)) return undefined;
  const explicitYear = yearBefore ?? yearAfter;
  return finishBsd(line, pos, pos + text.length, ctx, month, +d, +h, +mi, +s, fractionMs(frac), explicitYear === undefined ? undefined : +explicitYear, zoneToken);
}

function finishBsd(
  line: string, pos: number, textEnd: number, ctx: TimestampContext,
  month: number, d: number, h: number, mi: number, s: number, ms: number,
  explicitYear: number | undefined, zoneToken: string | undefined,
): ParsedTimestamp | undefined {
  const tz = ctx.timezone ?? 'UTC';
  let warning: string | undefined;
  let off: number | undefined;
  if (zoneToken !== undefined) {
    off = offsetMs(zoneToken);
    if (off === undefined) warning = `time zone abbreviation ${zoneToken} is ambiguous; read as ${tz}`;
  }
  const text = line.slice(pos, textEnd);
  let end = textEnd;
  if (line.charCodeAt(end) === 32) end++;
  if (explicitYear !== undefined) {
    const ts = build(explicitYear, month, d, h, mi, s, ms, off, tz);
    return ts === undefined ? undefined : { ts, end, text, warning };
  }
  if (ctx.defaultYear !== undefined) {
    const ts = build(ctx.defaultYear, month, d, h, mi, s, ms, off, tz);
    return ts === undefined ? undefined : { ts, end, text, warning, yearInferred: true };
  }
  // Pick the latest of next/this/last year that is not (beyond clock skew) in the future:
  // a December message received on 1 January belongs to last year, and a `Jan  1 00:00:01`
  // received at 23:59:59 on 31 December from a fast clock belongs to next year.
  // Next year only matters for January messages received in late December.
  const receivedYear = utcYear(ctx.receivedAt);
  const limit = ctx.receivedAt + FUTURE_TOLERANCE_MS;
  for (let year = month === 1 ? receivedYear + 1 : receivedYear; year >= receivedYear - 1; year--) {
    const ts = build(year, month, d, h, mi, s, ms, off, tz);
    if (ts !== undefined && ts <= limit) return { ts, end, text, warning, yearInferred: true };
  }
  // Only 29 February outside a leap-year window gets here: not a valid date.
  return undefined;
}
