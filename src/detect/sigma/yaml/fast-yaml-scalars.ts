/**
 * Pieces of the fast YAML reader (fast-yaml.ts): lines, plain scalar typing, quoted scalars,
 * comments, keys. Anything unexpected throws Unsupported, which sends the file to the library.
 */
import type { Pos } from '../diagnostics.js';
import type { YScalar } from './located-yaml.js';

export class Unsupported extends Error {}

export const bail = (): never => {
  throw new Unsupported();
};

export interface Line {
  /** 1-based line number. */
  no: number;
  indent: number;
  text: string;
}

/** Typing of plain scalars, as the YAML 1.2 core schema (the `yaml` package default). */
export function plainValue(s: string): string | number | boolean | null {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return s;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

export function isSeqItem(t: string, at: number): boolean {
  return t.charCodeAt(at) === 45 && (at + 1 >= t.length || t.charCodeAt(at + 1) === 32); // "- " or "-"
}

/** Index of the ':' that ends a plain key on this line, or -1. */
export function keyEnd(t: string, c: number): number {
  const q = t[c];
  if (q === "'" || q === '"') {
    const close = tryClose(t, c, q);
    return close >= 0 && t[close + 1] === ':' && (close + 2 >= t.length || t[close + 2] === ' ') ? close + 1 : -1;
  }
  for (let i = c; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 58 && (i + 1 >= t.length || t.charCodeAt(i + 1) === 32)) return i;
    if (ch === 35 && i > c && t.charCodeAt(i - 1) === 32) return -1; // comment
  }
  return -1;
}

export function stripComment(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 35 && (i === 0 || s.charCodeAt(i - 1) === 32)) return s.slice(0, i);
  }
  return s;
}

/** Index of the closing quote of a quoted scalar starting at `c`, or -1. */
export function tryClose(t: string, c: number, q: string): number {
  for (let i = c + 1; i < t.length; i++) {
    if (q === "'" && t[i] === "'") {
      if (t[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
    if (q === '"') {
      if (t[i] === '\\') {
        i++;
        continue;
      }
      if (t[i] === '"') return i;
    }
  }
  return -1;
}

export function singleQuoted(t: string, c: number): { value: string; end: number } {
  const close = tryClose(t, c, "'");
  if (close < 0) bail();
  return { value: t.slice(c + 1, close).replace(/''/g, "'"), end: close + 1 };
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

export function doubleQuoted(t: string, c: number): { value: string; end: number } {
  const close = tryClose(t, c, '"');
  if (close < 0) bail();
  let out = '';
  for (let i = c + 1; i < close; i++) {
    const ch = t[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = t[++i];
    if (e in ESCAPES) out += ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = t.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else bail();
  }
  return { value: out, end: close + 1 };
}

export function foldLines(lines: string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (i === 0) out = lines[0];
    else if (lines[i] === '') out += '\n';
    else out += lines[i - 1] === '' ? lines[i] : ' ' + lines[i];
  }
  return out;
}

export function nullAt(pos: Pos): YScalar {
  return { kind: 'scalar', pos, value: null, source: '', quoted: false };
}

