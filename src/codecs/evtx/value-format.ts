/**
 * Text and JSON forms of BinXML values, as `evtx_dump` renders them (and so as the upstream
 * snapshots show): GUIDs in upper case without braces, hex integers in lower case with a 0x
 * prefix and no padding, times in UTC with microseconds, binary as upper-case hex.
 */
import type { BinValue } from './values.js';

const HEX_UPPER = '0123456789ABCDEF';

function byteHex(b: number): string {
  return HEX_UPPER[b >> 4] + HEX_UPPER[b & 15];
}

export function formatGuid(data: Uint8Array, pos: number): string {
  let s = '';
  for (const i of [3, 2, 1, 0]) s += byteHex(data[pos + i]);
  s += '-' + byteHex(data[pos + 5]) + byteHex(data[pos + 4]);
  s += '-' + byteHex(data[pos + 7]) + byteHex(data[pos + 6]);
  s += '-' + byteHex(data[pos + 8]) + byteHex(data[pos + 9]) + '-';
  for (let i = 10; i < 16; i++) s += byteHex(data[pos + i]);
  return s;
}

export function formatHex64(hi: number, lo: number): string {
  if (hi === 0) return `0x${lo.toString(16)}`;
  return `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
}

export function formatSid(data: Uint8Array, pos: number, count: number): string {
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + data[pos + i];
  let s = `S-${data[pos]}-${authority}`;
  for (let k = 0; k < count; k++) {
    const p = pos + 8 + 4 * k;
    s += '-' + ((data[p] | (data[p + 1] << 8) | (data[p + 2] << 16)) + data[p + 3] * 0x1000000);
  }
  return s;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

function pad(n: number, width: number): string {
  if (width === 2 && n >= 0 && n < 100) return TWO_DIGITS[n];
  return String(n).padStart(width, '0');
}

/** Date parts of a UTC epoch-seconds value, without allocating a Date (days-from-civil, inverted). */
function civil(epochSeconds: number): [number, number, number, number, number, number] {
  const days = Math.floor(epochSeconds / 86400);
  const secOfDay = epochSeconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day, Math.floor(secOfDay / 3600), Math.floor((secOfDay % 3600) / 60), secOfDay % 60];
}

function isoFromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, micros: number): string {
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(micros, 6)}Z`;
}

const FILETIME_UNIX_EPOCH_SECONDS = 11644473600;

/**
 * Splits FILETIME ticks (hi·2^32 + lo, 100 ns since 1601) into whole seconds and remaining
 * ticks without BigInt: 2^32 = 429·10^7 + 4967296, and hi·4967296 + lo stays exact in a
 * double for any hi below 2^30 (years before ~15000); beyond that BigInt does it.
 */
function splitTicks(hi: number, lo: number): [number, number] {
  if (hi < 0x40000000) {
    const rest = hi * 4967296 + lo;
    return [hi * 429 + Math.floor(rest / 1e7), rest % 1e7];
  }
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  return [Number(ticks / 10000000n), Number(ticks % 10000000n)];
}

/** FILETIME (100 ns ticks since 1601) → `2016-07-08T18:12:51.681640Z` (microseconds, truncated). */
export function formatFiletime(hi: number, lo: number): string {
  const [seconds, ticks] = splitTicks(hi, lo);
  const [y, mo, d, h, mi, s] = civil(seconds - FILETIME_UNIX_EPOCH_SECONDS);
  return isoFromParts(y, mo, d, h, mi, s, Math.floor(ticks / 10));
}

/** FILETIME ticks → epoch milliseconds (fractional part keeps the sub-millisecond digits). */
export function filetimeToEpochMs(hi: number, lo: number): number {
  const [seconds, ticks] = splitTicks(hi, lo);
  return (seconds - FILETIME_UNIX_EPOCH_SECONDS) * 1000 + ticks / 10000;
}

/** SYSTEMTIME: eight little-endian u16 (year, month, weekday, day, hour, minute, second, ms). */
export function formatSystemtime(data: Uint8Array, pos: number): string {
  const w = (i: number) => data[pos + 2 * i] | (data[pos + 2 * i + 1] << 8);
  return isoFromParts(w(0), w(1), w(3), w(4), w(5), w(6), w(7) * 1000);
}

/** Shortest round-trip form, written like Rust's float formatters (`1.0`, `1e20`). */
function formatFloat(n: number, single: boolean): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  let s: string;
  if (single) {
    s = String(n);
    for (let p = 1; p <= 9; p++) {
      const candidate = n.toPrecision(p);
      if (Math.fround(Number(candidate)) === n) {
        s = String(Number(candidate));
        break;
      }
    }
  } else {
    s = String(n);
  }
  if (/^-?\d+$/.test(s)) return `${s}.0`;
  return s.replace('e+', 'e');
}

function binaryHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += byteHex(bytes[i]);
  return s;
}

/** The value as XML/JSON text (before escaping). Arrays are comma-joined, as evtx_dump does. */
export function valueText(value: BinValue): string {
  const v = value.v;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return value.t === 0x0b || value.t === 0x0c ? formatFloat(v, value.t === 0x0b) : String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return '';
      if (v instanceof Uint8Array) return binaryHex(v);
      if (Array.isArray(v)) return v.map(valueText).join(',');
      return '';
  }
}

/**
 * The value as a JSON scalar: integers and booleans stay numbers/booleans (the evtx_dump
 * convention), 64-bit integers beyond 2^53 become their exact decimal string, the rest is text.
 */
export function valueJson(value: BinValue): string | number | boolean {
  const t = value.t;
  if (t >= 0x03 && t <= 0x0a) {
    const v = value.v;
    return typeof v === 'bigint' ? v.toString() : (v as number);
  }
  if (t === 0x0d) return value.v as boolean;
  return valueText(value);
}

/** Whether `valueJson` yields a number or boolean for this value (the JSON "numbers as numbers" rule). */
export function isJsonScalarType(t: number): boolean {
  return (t >= 0x03 && t <= 0x0a) || t === 0x0d;
}
