/**
 * Character-code scanners for the two timestamp shapes nearly every syslog message carries.
 * They write into a caller-owned result object instead of allocating match arrays.
 *
 * `scanIso` accepts exactly what the sticky regex
 * `(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?(?= |$)`
 * accepts (that regex never needs to backtrack into another reading, so one pass decides).
 * `scanPlainBsd` accepts only the plain `Mmm dd hh:mm:ss` form followed by a space or the end,
 * and declines (returns false) whenever the full BSD regex could read more (weekday, clock
 * marks, fraction, year, zone token, trailing colon), so the caller falls back to the regex.
 */
export interface IsoScan {
  /** Index just past the timestamp text. */
  end: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction in ms, as `Number(digits) / 10 ** (digits.length - 3)`. */
  ms: number;
  fracDigits: number;
  /** Written offset in ms (undefined without a zone, or when the zone is out of range). */
  offset: number | undefined;
  hasZone: boolean;
  /** A `±hh:mm` zone with hours > 23 or minutes > 59: the timestamp is unusable. */
  badZone: boolean;
}

export interface BsdScan {
  end: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at `i` as a number, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  if (a < 0) return -1;
  const b = digit(s, i + 1);
  return b < 0 ? -1 : a * 10 + b;
}

function endsToken(s: string, i: number): boolean {
  return i === s.length || s.charCodeAt(i) === 32;
}

export function scanIso(s: string, pos: number, out: IsoScan): boolean {
  const y1 = two(s, pos);
  const y2 = two(s, pos + 2);
  if (y1 < 0 || y2 < 0 || s.charCodeAt(pos + 4) !== 45 || s.charCodeAt(pos + 7) !== 45) return false;
  const month = two(s, pos + 5);
  const day = two(s, pos + 8);
  const sep = s.charCodeAt(pos + 10);
  if (month < 0 || day < 0 || (sep !== 84 && sep !== 116 && sep !== 32)) return false;
  const hour = two(s, pos + 11);
  const minute = two(s, pos + 14);
  const second = two(s, pos + 17);
  if (hour < 0 || minute < 0 || second < 0 || s.charCodeAt(pos + 13) !== 58 || s.charCodeAt(pos + 16) !== 58) return false;
  let i = pos + 19;
  let ms = 0;
  let fracDigits = 0;
  const f = s.charCodeAt(i);
  if ((f === 46 || f === 44) && digit(s, i + 1) >= 0) {
    let v = 0;
    let k = i + 1;
    for (; k < s.length && digit(s, k) >= 0; k++) v = v * 10 + digit(s, k);
    fracDigits = k - i - 1;
    // Ten or more digits: the regex cannot end the fraction anywhere, so there is no match.
    if (fracDigits > 9) return false;
    ms = v / 10 ** (fracDigits - 3);
    i = k;
  }
  let offset: number | undefined;
  let hasZone = false;
  let badZone = false;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    offset = 0;
    hasZone = true;
    i++;
  } else if (z === 43 || z === 45) {
    const h = two(s, i + 1);
    const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
    const m = two(s, i + 3 + colon);
    if (h < 0 || m < 0) return false;
    hasZone = true;
    if (h > 23 || m > 59) badZone = true;
    else offset = (z === 45 ? -1 : 1) * (h * 60 + m) * 60_000;
    i += 5 + colon;
  }
  if (!endsToken(s, i)) return false;
  out.end = i;
  out.year = y1 * 100 + y2;
  out.month = month;
  out.day = day;
  out.hour = hour;
  out.minute = minute;
  out.second = second;
  out.ms = ms;
  out.fracDigits = fracDigits;
  out.offset = offset;
  out.hasZone = hasZone;
  out.badZone = badZone;
  return true;
}

/** Month number of three ASCII letters at `i` (any case), or 0. */
function monthAt(s: string, i: number): number {
  // Lower-case by setting bit 5; non-letters are rejected by the caller's letter check.
  const key = ((s.charCodeAt(i) | 32) << 16) | ((s.charCodeAt(i + 1) | 32) << 8) | (s.charCodeAt(i + 2) | 32);
  return MONTH_KEYS.get(key) ?? 0;
}

const MONTH_KEYS = new Map<number, number>();
['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].forEach((m, n) => {
  MONTH_KEYS.set((m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2), n + 1);
});

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function scanPlainBsd(s: string, pos: number, out: BsdScan): boolean {
  if (!isLetter(s.charCodeAt(pos)) || !isLetter(s.charCodeAt(pos + 1)) || !isLetter(s.charCodeAt(pos + 2))) return false;
  // A weekday before the month, or a non-month word: leave it to the regex.
  if (s.charCodeAt(pos + 3) !== 32) return false;
  const month = monthAt(s, pos);
  if (month === 0) return false;
  let i = pos + 4;
  if (s.charCodeAt(i) === 32) i++;
  let day = digit(s, i);
  if (day < 0) return false;
  i++;
  const d2 = digit(s, i);
  if (d2 >= 0) {
    day = day * 10 + d2;
    i++;
  }
  if (s.charCodeAt(i) !== 32) return false;
  i++;
  let hour = digit(s, i);
  if (hour < 0) return false;
  i++;
  const h2 = digit(s, i);
  if (h2 >= 0) {
    hour = hour * 10 + h2;
    i++;
  }
  if (s.charCodeAt(i) !== 58) return false;
  const minute = two(s, i + 1);
  if (minute < 0 || s.charCodeAt(i + 3) !== 58) return false;
  const second = two(s, i + 4);
  if (second < 0) return false;
  i += 6;
  if (i < s.length) {
    if (s.charCodeAt(i) !== 32) return false;
    // What follows might be a year or a zone token the regex would take into the timestamp.
    const n = s.charCodeAt(i + 1);
    if ((n >= 65 && n <= 90) || n === 43 || n === 45) return false;
    if (digit(s, i + 1) >= 0 && digit(s, i + 2) >= 0 && digit(s, i + 3) >= 0 && digit(s, i + 4) >= 0 && endsToken(s, i + 5)) return false;
  }
  out.end = i;
  out.month = month;
  out.day = day;
  out.hour = hour;
  out.minute = minute;
  out.second = second;
  return true;
}
