/**
 * `|re` values run on re2js, a linear-time engine, so no rule can make matching hang. PCRE
 * constructs RE2 cannot run in linear time (lookaround, backreferences, atomic groups,
 * possessive quantifiers) reject the rule with a reason naming the construct; there is no
 * fallback to a backtracking engine.
 *
 * Matching is a search (the pattern may match anywhere in the value), as SigmaHQ rules assume.
 * A literal that every match must contain is extracted as a cheap guard and prefilter key.
 */
import { RE2JS } from 're2js';
import type { Pos } from '../diagnostics.js';
import { RuleError } from '../diagnostics.js';
import type { RegexFacts } from './regex-facts.js';
import { regexFacts } from './regex-facts.js';

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

export const MAX_REGEX_LENGTH = 8192;

/** Reject constructs RE2 cannot run in linear time, naming them. Returns the RE2 spelling. */
export function translatePcre(pattern: string, pos: Pos): string {
  if (pattern.length > MAX_REGEX_LENGTH) throw new RuleError(`regular expression is longer than ${MAX_REGEX_LENGTH} characters`, pos);
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) throw new RuleError(`regular expression uses a backreference (\\${n}), which a linear-time engine cannot run`, pos);
      if (n === 'k' && pattern[i + 2] === '<') throw new RuleError('regular expression uses a named backreference (\\k<...>), which a linear-time engine cannot run', pos);
      if (n === 'Z') {
        out += '\\z'; // Python's \Z is the end of the string, RE2's \z
        i++;
        continue;
      }
      if (n === 'G') throw new RuleError('regular expression uses \\G (continue anchor), which RE2 does not support', pos);
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) throw new RuleError(`regular expression uses a lookahead (?${rest[0]}...), which a linear-time engine cannot run`, pos);
      if (rest === '<=' || rest === '<!') throw new RuleError(`regular expression uses a lookbehind (?${rest}...), which a linear-time engine cannot run`, pos);
      if (rest.startsWith('>')) throw new RuleError('regular expression uses an atomic group (?>...), which RE2 does not support', pos);
      if (rest.startsWith('(')) throw new RuleError('regular expression uses a conditional group (?(...)...), which RE2 does not support', pos);
      if (rest.startsWith('R') || /^\d/.test(rest)) throw new RuleError('regular expression uses recursion (?R), which RE2 does not support', pos);
      if (rest.startsWith('<') && /[A-Za-z_]/.test(rest[1] ?? '')) {
        out += '(?P<'; // named group: RE2's classic spelling
        i += 2;
        continue;
      }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && pattern[i + 1] === '+' && i > 0) {
      throw new RuleError(`regular expression uses a possessive quantifier (${c}+), which RE2 does not support`, pos);
    }
    out += c;
  }
  return out;
}

export interface CompiledRegex {
  source: string;
  flags: RegexFlags;
  re: RE2JS;
  /** Lower-cased literal every matching value contains, when one could be found. */
  guard?: string;
  /** Further cheap necessary conditions (regex-facts.ts), when some could be found. */
  facts?: RegexFacts;
}

/** Compiled patterns are shared (rule sets repeat patterns; validation and matching both compile). */
const cache = new Map<string, CompiledRegex>();
const MAX_CACHED = 4096;

export function compileRegex(pattern: string, flags: RegexFlags, pos: Pos): CompiledRegex {
  const key = `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileRegexUncached(pattern, flags, pos);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

function compileRegexUncached(pattern: string, flags: RegexFlags, pos: Pos): CompiledRegex {
  const source = translatePcre(pattern, pos);
  let f = 0;
  if (flags.i) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.m) f |= RE2JS.MULTILINE;
  if (flags.s) f |= RE2JS.DOTALL;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, f);
  } catch (err) {
    const msg = (err as Error).message.replace(/^error parsing regexp: /, '');
    throw new RuleError(`regular expression '${pattern}' is not supported by the linear-time engine: ${msg}`, pos);
  }
  const compiled: CompiledRegex = { source, flags, re };
  const guard = requiredLiteral(source, isCaseInsensitive(source, flags));
  if (guard) compiled.guard = guard;
  const facts = regexFacts(source, flags);
  if (facts) compiled.facts = facts;
  return compiled;
}

/**
 * The longest run of literal characters outside groups that every match contains, lower-cased.
 * Conservative: any top-level alternation or unknown syntax gives no guard.
 */
export function requiredLiteral(source: string, caseInsensitive: boolean): string | undefined {
  const runs: string[] = [];
  let run = '';
  let depth = 0;
  const endRun = (): void => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let lit: string | undefined;
    if (c === '\\') {
      const n = source[++i] ?? '';
      if (/[.\\/*+?()[\]{}|^$\-"'#%&,:;<=>@`~!]/.test(n) || n === ' ') lit = n;
      else if (n === 't') lit = '\t';
      else if (n === 'n') lit = '\n';
      else if (n === 'r') lit = '\r';
      else {
        if (n === 'x' || n === 'p' || n === 'P') return undefined; // \x{..}, \p{..}: give up rather than misparse
        if (depth === 0) endRun();
        continue;
      }
    } else if (c === '(') {
      depth++;
      endRun();
      continue;
    } else if (c === ')') {
      depth--;
      if (source[i + 1] && /[*?{]/.test(source[i + 1])) endRun();
      continue;
    } else if (c === '|') {
      if (depth === 0) return undefined;
      continue;
    } else if (c === '[') {
      // skip the class
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      if (depth === 0) endRun();
      continue;
    } else if ('.^$'.includes(c)) {
      if (depth === 0) endRun();
      continue;
    } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
      i = source.indexOf('}', i); // a counted quantifier of the previous atom (handled there)
      continue;
    } else if ('*+?'.includes(c)) {
      continue;
    } else lit = c;
    if (depth > 0) continue;
    const q = source[i + 1];
    if (q === '*' || q === '?' || (q === '{' && /^\{0\s*[,}]/.test(source.slice(i + 1)))) {
      endRun(); // this character is optional
    } else if (q === '+' || q === '{') {
      run += lit;
      endRun();
    } else run += lit;
  }
  endRun();
  // RE2's case folding matches s with the long s (U+017F), which toLowerCase leaves alone, so a
  // case-insensitive guard must not contain s. (The Kelvin sign lower-cases to k.)
  const pieces = runs.flatMap((r) => (caseInsensitive ? r.toLowerCase().split('s') : [r.toLowerCase()]));
  let best: string | undefined;
  for (const p of pieces) {
    if (p.length < 2 || /[^\x20-\x7e]/.test(p)) continue;
    if (best === undefined || rarity(p) > rarity(best)) best = p;
  }
  return best;
}

/** Longer is rarer, and punctuation (`&&`, `\\`, `"`) is rarer than letters in event text. */
function rarity(lit: string): number {
  let r = lit.length;
  for (let i = 0; i < lit.length; i++) if (!/[a-z0-9 ]/.test(lit[i])) r += 2;
  return r;
}

export function isCaseInsensitive(source: string, flags: RegexFlags): boolean {
  return flags.i || /\(\?[a-z]*i[a-z]*[:)]/.test(source);
}
