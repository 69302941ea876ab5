/**
 * Flow timestamps. NetFlow v5/v9 carry times relative to the exporter's sysUpTime; IPFIX
 * carries absolute seconds, milliseconds, or NTP-format micro/nanoseconds (RFC 7011 §6.1.7–10).
 * Text forms are ISO-8601 with as many fractional digits as the source has (3, 6 or 9).
 */

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2208988800;

/** ISO-8601 for an epoch-millisecond instant plus 0–999999 nanoseconds below the millisecond. */
export function isoFromMs(ms: number, subMsNanos = 0): string {
  const base = new Date(ms).toISOString();
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
