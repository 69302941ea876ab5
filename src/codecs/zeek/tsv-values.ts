/**
 * Typed values of Zeek's TSV format, converted to the canonical representation of record.ts.
 * Every parser returns either a value or an error message; nothing throws on bad input.
 */
import { canonicalNumber, type ZeekScalar, type ZeekValue } from './record.js';
import { decodeZeekText } from './text.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** How the current header spells the markers and the set separator. */
export interface TsvMarkers {
  setSeparator: string;
  emptyField: string;
  unsetField: string;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const UNSIGNED = /^\d+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

function fail(type: string, text: string): Parsed<never> {
  const shown = text.length > 64 ? text.slice(0, 64) + '…' : text;
  return { ok: false, error: `invalid ${type} '${shown}'` };
}

function isAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  // IPv6 (possibly with an embedded IPv4 tail); a full check belongs to a later validator,
  // here we only refuse text that cannot be an address at all.
  return text.includes(':') && IPV6.test(text) && text.length <= 45;
}

/** The element type of `set[T]`, `vector[T]`, `table[T]`, or undefined for a scalar type. */
export function containerElementType(type: string): string | undefined {
  const m = /^(?:set|vector|table)\[(.+)\]$/.exec(type);
  return m ? m[1] : undefined;
}

/** Parse one scalar of a Zeek type from its (still escaped) TSV text. */
export function parseScalar(type: string, text: string): Parsed<ZeekScalar | undefined> {
  switch (type) {
    case 'time':
    case 'interval':
    case 'double': {
      if (type === 'double' && /^[+-]?(inf|nan)$/i.test(text)) {
        // Zeek's JSON writer writes non-finite doubles as null, i.e. unset.
        return { ok: true, value: undefined };
      }
      if (!DECIMAL.test(text)) return fail(type, text);
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: canonicalNumber(n) } : fail(type, text);
    }
    case 'count':
    case 'port': {
      // Old Zeek versions wrote ports as `80/tcp`; the protocol is in `proto`.
      const t = type === 'port' ? text.replace(/\/(tcp|udp|icmp|unknown)$/, '') : text;
      return UNSIGNED.test(t) ? { ok: true, value: Number(t) } : fail(type, text);
    }
    case 'int':
      return INTEGER.test(text) ? { ok: true, value: Number(text) } : fail(type, text);
    case 'bool':
      if (text === 'T') return { ok: true, value: true };
      if (text === 'F') return { ok: true, value: false };
      return fail(type, text);
    case 'addr': {
      const s = decodeZeekText(text);
      return isAddress(s) ? { ok: true, value: s } : fail(type, text);
    }
    case 'subnet': {
      const s = decodeZeekText(text);
      const slash = s.lastIndexOf('/');
      if (slash < 0 || !isAddress(s.slice(0, slash)) || !UNSIGNED.test(s.slice(slash + 1))) return fail(type, text);
      return { ok: true, value: s };
    }
    default:
      // string, enum, pattern, func, file and any type a package invents: text.
      return { ok: true, value: decodeZeekText(text) };
  }
}

/**
 * Parse one TSV field of a declared type. The markers are compared with the raw text
 * before unescaping: Zeek escapes a real value that would look like a marker (`\x2d`
 * for a string `-`), so only the unescaped spelling is the marker.
 */
export function parseField(type: string, text: string, markers: TsvMarkers): Parsed<ZeekValue | undefined> {
  if (text === markers.unsetField) return { ok: true, value: undefined };
  const element = containerElementType(type);
  if (element === undefined) {
    if (text === markers.emptyField) {
      return type === 'string' || type === 'enum' ? { ok: true, value: '' } : { ok: true, value: undefined };
    }
    return parseScalar(type, text);
  }
  if (text === markers.emptyField) return { ok: true, value: [] };
  const parts = text.split(markers.setSeparator);
  const items: Array<ZeekScalar | null> = [];
  for (const part of parts) {
    if (part === markers.unsetField) {
      items.push(null);
      continue;
    }
    const r = parseScalar(element, part);
    if (!r.ok) return r;
    items.push(r.value === undefined ? null : r.value);
  }
  return { ok: true, value: items };
}
