/**
 * EVE timestamps: `2016-06-08T20:01:52.875791+0000` (schema pattern), older logs without a
 * zone (UTC), and certificate dates `2017-01-04T10:48:43` (schema `tls_date`). Parsed by
 * hand so that microseconds survive (Date.parse keeps milliseconds only).
 */

const EVE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds with the sub-millisecond part as a fraction, or undefined. */
export function parseEveTimestamp(text: string): number | undefined {
  const m = EVE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2, 4));
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const whole = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  // Keep microseconds: 875791 → 875.791 ms.
  const fractionMs = frac ? Number((frac + '000000000').slice(0, 9)) / 1e6 : 0;
  return whole + fractionMs;
}

export function eveTimestampToIso(text: string): string | undefined {
  const ms = parseEveTimestamp(text);
  return ms === undefined ? undefined : new Date(Math.floor(ms)).toISOString();
}
