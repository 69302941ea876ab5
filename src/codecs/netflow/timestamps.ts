/**
 * Flow timestamps. NetFlow v5/v9 carry times relative to the exporter's sysUpTime; IPFIX
 * carries absolute seconds, milliseconds, or NTP-format micro/nanoseconds (RFC 7011 §6.1.7–10).
 * Text forms are ISO-8601 with as many fractional digits as the source has (3, 6 or 9).
 */

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2208988800;

const DAY_MS = 86_400_000;
/** Year 10000: beyond it ISO-8601 needs an expanded year, which Date handles. */
const FAST_LIMIT_MS = 253_402_300_800_000;
let cachedDay = NaN;
let cachedDayPrefix = '';

/**
 * Text up to and including the second's '.', cached per second in a small direct-mapped
 * table: a flow's start and end, and the flows of one export, fall in a handful of seconds.
 * A pure memo: the output is the same as formatting every time.
 */
const SECOND_SLOTS = 256;
const slotSecond = new Float64Array(SECOND_SLOTS).fill(-1);
const slotPrefix: string[] = new Array<string>(SECOND_SLOTS).fill('');
/** "000Z" … "999Z": the millisecond suffix of every ISO text. */
const MILLIS_SUFFIX = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function secondPrefix(second: number): string {
  const day = Math.floor(second / 86_400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rem = second - day * 86_400;
  const h = Math.floor(rem / 3600);
  rem -= h * 3600;
  const m = Math.floor(rem / 60);
  return `${cachedDayPrefix}${pad2(h)}:${pad2(m)}:${pad2(rem - m * 60)}.`;
}

/** `Date#toISOString` without a Date per call; same output. */
function fastIso(ms: number): string {
  if (!(ms >= 0 && ms < FAST_LIMIT_MS && Number.isInteger(ms))) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  // ToInt32 (behind `&`) is modulo 2^32, so the low bits of the second survive beyond 2^31.
  const slot = second & (SECOND_SLOTS - 1);
  let prefix: string;
  if (slotSecond[slot] === second) prefix = slotPrefix[slot];
  else {
    prefix = secondPrefix(second);
    slotSecond[slot] = second;
    slotPrefix[slot] = prefix;
  }
  return prefix + MILLIS_SUFFIX[ms - second * 1000];
}

/** ISO-8601 for an epoch-millisecond instant plus 0–999999 nanoseconds below the millisecond. */
export function isoFromMs(ms: number, subMsNanos = 0): string {
  const base = fastIso(ms);
  if (subMsNanos <= 0) return base;
  let digits = String(subMsNanos).padStart(6, '0');
  if (digits.endsWith('000')) digits = digits.slice(0, 3);
  return `${base.slice(0, -1)}${digits}Z`;
}

/**
 * Epoch ms of a sysUpTime-relative timestamp. The counters are 32-bit and wrap after
 * ~49.7 days, so the distance back from the export is taken modulo 2^32 as a signed value:
 * a flow that started "after" the current uptime started just before the counter wrapped.
 */
export function sysUpTimeToMs(exportMs: number, sysUpTimeMs: number, value: number): number {
  return exportMs - ((sysUpTimeMs - value) | 0);
}

export interface PreciseTime {
  /** Epoch milliseconds (integer). */
  ms: number;
  /** Nanoseconds below the millisecond, 0–999999. */
  subMsNanos: number;
}

/**
 * Converts a 64-bit NTP timestamp (seconds since 1900, binary fraction) to Unix time.
 * For dateTimeMicroseconds the 11 low fraction bits carry no information (RFC 7011 §6.1.9),
 * so the result is truncated to whole microseconds.
 */
export function ntpToTime(seconds: number, fraction: number, precision: 'micro' | 'nano'): PreciseTime {
  const unixSeconds = seconds - NTP_UNIX_OFFSET_S;
  // fraction / 2^32 of a second, in nanoseconds; BigInt keeps the product exact.
  let nanos = Number((BigInt(fraction) * 1_000_000_000n) >> 32n);
  if (precision === 'micro') nanos -= nanos % 1000;
  const ms = unixSeconds * 1000 + Math.floor(nanos / 1_000_000);
  return { ms, subMsNanos: nanos % 1_000_000 };
}
