/**
 * LEEF `devTimeFormat` is a Java SimpleDateFormat pattern (e.g. `MMM dd yyyy HH:mm:ss.SSS zzz`).
 * This compiles the subset devices use into a regular expression: y, M (number or name), d,
 * H/k/h/K, m, s, S, a, E (weekday, ignored), z/Z/X (zone), quoted literals and punctuation.
 * Compiled patterns are cached (bounded), since one device uses one pattern for every event.
 */
import { isValidTimeZone, wallClockToEpoch } from '../syslog/timezone.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type Slot = 'year' | 'month' | 'monthName' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction' | 'ampm' | 'zone' | 'skip';

interface Compiled {
  re: RegExp;
  slots: Slot[];
}

const cache = new Map<string, Compiled | null>();
const CACHE_MAX = 256;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(pattern: string): Compiled | null {
  const slots: Slot[] = [];
  let re = '^';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) return null;
      re += end === i + 1 ? "'" : escapeRe(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      re += escapeRe(c);
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y': slots.push('year'); re += n === 2 ? '(\\d{2})' : '(\\d{4})'; break;
      case 'M':
      case 'L':
        if (n >= 3) { slots.push('monthName'); re += '([A-Za-z]{3,9})'; } else { slots.push('month'); re += '(\\d{1,2})'; }
        break;
      case 'd': slots.push('day'); re += '(\\d{1,2})'; break;
      case 'H': case 'k': slots.push('hour'); re += '(\\d{1,2})'; break;
      case 'h': case 'K': slots.push('hour12'); re += '(\\d{1,2})'; break;
      case 'm': slots.push('minute'); re += '(\\d{1,2})'; break;
      case 's': slots.push('second'); re += '(\\d{1,2})'; break;
      case 'S': slots.push('fraction'); re += '(\\d{1,9})'; break;
      case 'a': slots.push('ampm'); re += '([AaPp][Mm])'; break;
      case 'E': slots.push('skip'); re += '([A-Za-z]{2,9})'; break;
      case 'z': case 'Z': case 'X':
        slots.push('zone'); re += '(Z|[+-]\\d{2}:?\\d{2}|[A-Za-z][A-Za-z0-9_/+-]{0,40})'; break;
      default:
        return null;
    }
  }
  return { re: new RegExp(re + '$'), slots };
}

function zoneOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return undefined;
}

/** Parses `text` with a Java date pattern; zone-less results are read in `tz`. */
export function parseJavaDate(text: string, pattern: string, tz = 'UTC'): number | undefined {
  let c = cache.get(pattern);
  if (c === undefined) {
    c = compile(pattern);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(pattern, c);
  }
  if (!c) return undefined;
  const m = c.re.exec(text.trim());
  if (!m) return undefined;
  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0;
  let pm: boolean | undefined;
  let zone: string | undefined;
  c.slots.forEach((slot, k) => {
    const v = m[k + 1];
    switch (slot) {
      case 'year': year = v.length === 2 ? 2000 + Number(v) : Number(v); break;
      case 'month': month = Number(v); break;
      case 'monthName': month = MONTHS.indexOf(v.slice(0, 3).toLowerCase()) + 1; break;
      case 'day': day = Number(v); break;
      case 'hour': hour = Number(v); break;
      case 'hour12': hour = Number(v) % 12; break;
      case 'minute': minute = Number(v); break;
      case 'second': second = Number(v); break;
      case 'fraction': ms = Number(v) / 10 ** (v.length - 3); break;
      case 'ampm': pm = v.toLowerCase() === 'pm'; break;
      case 'zone': zone = v; break;
      case 'skip': break;
    }
  });
  if (pm) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  if (zone !== undefined) {
    const off = zoneOffset(zone);
    if (off !== undefined) return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) + ms - off;
    if (isValidTimeZone(zone)) return wallClockToEpoch(year, month, day, hour, minute, Math.min(second, 59), ms, zone);
  }
  return wallClockToEpoch(year, month, day, hour, minute, Math.min(second, 59), ms, tz);
}
