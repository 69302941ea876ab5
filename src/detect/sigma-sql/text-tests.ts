/**
 * Sigma string values and regular expressions as SQL tests on one text, with the matcher's
 * semantics (src/detect/sigma/match/string-match.ts): whole-value match with `*` / `?`
 * wildcards (LIKE, or `=` / starts_with / ends_with / contains for the simple shapes),
 * character classes (windash) as an anchored RE2 expression; regular expressions are an
 * unanchored RE2 search in DuckDB's spelling.
 */
import type { MatchPart } from '../sigma/index.js';
import { stringShape } from '../sigma/index.js';
import type { RegexFlags } from '../sigma/compile/regex.js';
import { translatePcre } from '../sigma/compile/regex.js';
import type { Pos } from '../sigma/index.js';
import { sql as S, likePattern, type ValuePart } from '../../query/index.js';
import type { Frag } from './sql-kit.js';
import { sql, str } from './sql-kit.js';

const RE2_META = /[\\.+*?()|[\]{}^$]/g;

function reLiteral(s: string): string {
  return s.replace(RE2_META, (c) => `\\${c}`);
}

function reClass(chars: readonly string[]): string {
  return `[${chars.map((c) => c.replace(/[\\\]^[-]/g, (x) => `\\${x}`)).join('')}]`;
}

/** The matcher's lowerParts: the rule value lower-cased with JavaScript's rules, once. */
export function lowerParts(parts: readonly MatchPart[]): MatchPart[] {
  return parts.map((p) => (p.k === 'lit' ? { k: 'lit', s: p.s.toLowerCase() } : p.k === 'class' ? { k: 'class', chars: p.chars.map((c) => c.toLowerCase()) } : p));
}

/** A glob with classes as an RE2 expression matched against the whole text (`.` spans newlines). */
export function globRegex(parts: readonly MatchPart[]): string {
  const body = parts.map((p) => (p.k === 'lit' ? reLiteral(p.s) : p.k === 'star' ? '.*' : p.k === 'one' ? '.' : reClass(p.chars))).join('');
  return `(?s)${body}`;
}

/**
 * The same match as an RE2 search expression (without flags): anchored at the start unless the
 * value starts with `*`, at the end unless it ends with `*`. Used to merge many values tested
 * on one field into one expression.
 */
export function searchRegex(parts: readonly MatchPart[]): string {
  let body = parts.map((p) => (p.k === 'lit' ? reLiteral(p.s) : p.k === 'star' ? '.*' : p.k === 'one' ? '.' : reClass(p.chars))).join('');
  const open = parts[0]?.k === 'star';
  const close = parts.length > 0 && parts[parts.length - 1].k === 'star';
  if (open) body = body.slice(2);
  if (close && body.endsWith('.*')) body = body.slice(0, -2);
  return `${open ? '' : '^'}${body}${close ? '' : '$'}`;
}

function valueParts(parts: readonly MatchPart[]): ValuePart[] {
  return parts.map((p): ValuePart => (p.k === 'lit' ? { kind: 'literal', text: p.s } : p.k === 'star' ? { kind: 'any' } : { kind: 'one' }));
}

/**
 * The text matches the Sigma string value exactly (whole value, wildcards, classes). For the
 * default case-insensitive match the caller passes lower-cased text and `lowerParts`.
 */
export function matchText(x: Frag, parts: readonly MatchPart[]): Frag {
  if (parts.some((p) => p.k === 'class')) return sql`regexp_full_match(${x}, ${str(globRegex(parts))})`;
  const shape = stringShape(parts as MatchPart[]);
  switch (shape.kind) {
    case 'equals':
      return sql`${x} = ${str(shape.literal)}`;
    case 'contains':
      return shape.literal === '' ? sql`${x} IS NOT NULL` : S.call('contains', x, str(shape.literal));
    case 'startswith':
      return S.call('starts_with', x, str(shape.literal));
    case 'endswith':
      return S.call('ends_with', x, str(shape.literal));
    case 'glob':
      return S.like(x, str(likePattern(valueParts(parts))));
  }
}

/**
 * The RE2 spelling DuckDB accepts: the engine's PCRE translation, the flags as an inline group,
 * and named groups written `(?P<name>…)` (DuckDB's RE2 does not read `(?<name>…)`).
 */
export function duckdbRegex(source: string, flags: RegexFlags, pos: Pos): string {
  const re2 = namedGroupsAsP(translatePcre(source, pos));
  const inline = `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}`;
  return inline ? `(?${inline})${re2}` : re2;
}

function namedGroupsAsP(re: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      out += c + (re[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (re[i + 1] === '^') out += re[++i];
      if (re[i + 1] === ']') out += re[++i];
    } else if (c === '(' && re.startsWith('?<', i + 1) && re[i + 3] !== '=' && re[i + 3] !== '!') {
      out += '(?P<';
      i += 2;
    } else out += c;
  }
  return out;
}
