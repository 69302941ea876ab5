/**
 * Sigma string values and regular expressions as SQL tests on one text, with the matcher's
 * semantics (src/detect/sigma/match/string-match.ts): whole-value match with `*` / `?`
 * wildcards, case-insensitive unless `cased` (both sides lower-cased), character classes
 * (windash) as an anchored RE2 expression, regular expressions as an unanchored RE2 search.
 */
import type { MatchPart } from '../sigma/index.js';
import { stringShape } from '../sigma/index.js';
import type { RegexFlags } from '../sigma/compile/regex.js';
import { translatePcre } from '../sigma/compile/regex.js';
import type { Pos } from '../sigma/index.js';
import { sql as S, textPattern, likePattern, type ValuePart } from '../../query/index.js';
import type { Frag } from './sql-kit.js';
import { lower, param, sql, str } from './sql-kit.js';

const RE2_META = /[\\.+*?()|[\]{}^$]/g;

function reLiteral(s: string): string {
  return s.replace(RE2_META, (c) => `\\${c}`);
}

function reClass(chars: readonly string[]): string {
  return `[${chars.map((c) => c.replace(/[\\\]^[-]/g, (x) => `\\${x}`)).join('')}]`;
}

function lowerParts(parts: readonly MatchPart[]): MatchPart[] {
  return parts.map((p) => (p.k === 'lit' ? { k: 'lit', s: p.s.toLowerCase() } : p.k === 'class' ? { k: 'class', chars: p.chars.map((c) => c.toLowerCase()) } : p));
}

/** A glob with classes as an RE2 expression matched against the whole text (`.` spans newlines). */
export function globRegex(parts: readonly MatchPart[]): string {
  const body = parts.map((p) => (p.k === 'lit' ? reLiteral(p.s) : p.k === 'star' ? '.*' : p.k === 'one' ? '.' : reClass(p.chars))).join('');
  return `(?s)${body}`;
}

function valueParts(parts: readonly MatchPart[]): ValuePart[] {
  return parts.map((p): ValuePart => (p.k === 'lit' ? { kind: 'literal', text: p.s } : p.k === 'star' ? { kind: 'any' } : { kind: 'one' }));
}

function casedTest(x: Frag, parts: readonly MatchPart[]): Frag {
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

/** The text matches the Sigma string value (parts after placeholder expansion). */
export function stringTest(x: Frag, parts: readonly MatchPart[], cased: boolean): Frag {
  if (parts.some((p) => p.k === 'class')) {
    return sql`regexp_full_match(${cased ? x : lower(x)}, ${str(globRegex(cased ? parts : lowerParts(parts)))})`;
  }
  return cased ? casedTest(x, parts) : textPattern(x, valueParts(parts));
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

/** Unanchored RE2 search, as the matcher's `re.test`. */
export function regexTest(x: Frag, pattern: string): Frag {
  return sql`regexp_matches(${x}, ${param(pattern, 'string')})`;
}
