/**
 * IBM QRadar Log Event Extended Format.
 *   LEEF:1.0|Vendor|Product|Version|EventID|key=value<TAB>key=value…
 *   LEEF:2.0|Vendor|Product|Version|EventID|DelimiterCharacter|key=value<DELIM>key=value…
 * The 2.0 delimiter is one character or its hex code (`0x5E`, `x5E`); empty means TAB.
 * A value runs to the next delimiter and may contain `=`; a backslash before the delimiter
 * keeps it in the value. LEEF 1.0 senders that forgot the TAB and used spaces are common
 * enough that we fall back to CEF-style space splitting for them, with a warning.
 */
import { parseCefExtension } from '../cef/index.js';

export interface LeefRecord {
  version: string;
  vendor: string;
  product: string;
  productVersion: string;
  eventId: string;
  /** The attribute delimiter actually used. */
  delimiter: string;
  attributes: Record<string, string>;
}

export type LeefResult = { ok: true; record: LeefRecord; warnings: string[] } | { ok: false; error: string };

const PREFIX_SEARCH_LIMIT = 256;

export function findLeefStart(text: string): number {
  let i = text.indexOf('LEEF:');
  while (i >= 0 && i <= PREFIX_SEARCH_LIMIT) {
    const d = text.charCodeAt(i + 5);
    if ((i === 0 || text.charCodeAt(i - 1) === 32) && d >= 48 && d <= 57) return i;
    i = text.indexOf('LEEF:', i + 1);
  }
  return -1;
}

/** Reads the LEEF 2.0 delimiter field: a single character, `0xHH`/`xHH` hex, or `\t`. */
export function readDelimiter(field: string): string | undefined {
  if (field === '') return '\t';
  if (field.length === 1) return field;
  if (field === '\\t') return '\t';
  const hex = /^(?:0?[xX])([0-9a-fA-F]{1,4})$/.exec(field);
  if (hex) return String.fromCharCode(parseInt(hex[1], 16));
  return undefined;
}

function setOwn(obj: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function splitAttributes(text: string, delim: string, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let start = 0;
  const parts: string[] = [];
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === delim) {
      escaped = true;
      i++;
      continue;
    }
    if (text[i] === delim) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  for (const raw of parts) {
    const part = escaped ? raw.split(`\\${delim}`).join(delim) : raw;
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) {
      warnings.push(`LEEF attribute without key=value: ${part.slice(0, 64)}`);
      continue;
    }
    const key = part.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(out, key)) warnings.push(`LEEF attribute ${key} repeated; last value kept`);
    setOwn(out, key, part.slice(eq + 1));
  }
  return out;
}

export function parseLeef(text: string): LeefResult {
  const header = /^LEEF:(\d+(?:\.\d+)?)\|/.exec(text);
  if (!header) return { ok: false, error: 'not a LEEF message (no "LEEF:<version>|" prefix)' };
  const version = header[1];
  const is2 = version.startsWith('2');
  const fields: string[] = [];
  let start = header[0].length;
  const wanted = is2 ? 5 : 4;
  for (let i = start; i < text.length && fields.length < wanted; i++) {
    if (text[i] === '|') {
      fields.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (fields.length < 4) return { ok: false, error: `LEEF header has ${fields.length} of ${wanted} "|"-separated fields` };
  const warnings: string[] = [];
  let delimiter = '\t';
  let rest = text.slice(start);
  if (is2) {
    if (fields.length < 5 || fields[4].includes('=')) {
      // Some 2.0 senders omit the delimiter field: what we took for it is the first attribute.
      warnings.push('LEEF 2.0 header without a delimiter field; TAB assumed');
      if (fields.length === 5) rest = `${fields[4]}|${rest}`;
    } else {
      const d = readDelimiter(fields[4]);
      if (d === undefined) warnings.push(`LEEF 2.0 delimiter "${fields[4].slice(0, 8)}" unreadable; TAB assumed`);
      else delimiter = d;
    }
  }
  let attributes: Record<string, string>;
  if (delimiter === '\t' && !rest.includes('\t') && /\s\S+=/.test(rest)) {
    warnings.push('LEEF attributes not TAB-separated; split on spaces');
    attributes = parseCefExtension(rest, warnings);
  } else {
    attributes = splitAttributes(rest.replace(/[\r\n]+$/, ''), delimiter, warnings);
  }
  return {
    ok: true,
    warnings,
    record: { version, vendor: fields[0], product: fields[1], productVersion: fields[2], eventId: fields[3], delimiter, attributes },
  };
}
