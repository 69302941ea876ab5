/**
 * Literal prefilters shared across rules. For each rule we derive a necessary condition in
 * conjunctive form: up to MAX_GROUPS groups, each a set of (field slot, literal) alternatives,
 * such that the rule can only match if every group has one that holds (the field equals the
 * literal, starts or ends with it, or contains it). A route indexes the literals of all its
 * rules, per field: whole values and prefixes in one trie walked from the value's start,
 * suffixes in one walked back from its end, contained literals in one Aho-Corasick automaton.
 * Per event, one walk / one scan per indexed field tells which groups hold; a rule whose groups
 * all hold is a candidate. Only candidates (and the rules without a usable literal) are evaluated.
 */
import type { IrNode, IrPredicate } from '../compile/ir.js';
import type { MatchPart } from '../compile/ir.js';
import { isCaseInsensitive, requiredLiteral } from '../compile/regex.js';
import { regexFacts } from '../compile/regex-facts.js';

/** Pseudo-slot for keywords: literals searched in every value of the event. */
export const KEYWORD_SLOT = -1;

export interface Need {
  slot: number;
  /** The field's value equals the literal, starts with it, ends with it, or contains it. */
  kind: 'equals' | 'prefix' | 'suffix' | 'contains';
  /** Lower-cased, never empty. */
  lit: string;
}

/** Alternatives (any one may hold), or null when no necessary literal is known. */
export type Needs = Need[] | null;

/** Anchored literals are rarer than the same text anywhere, and whole values rarer still. */
const KIND_WEIGHT = { equals: 0.5, prefix: 0.7, suffix: 0.7, contains: 1 } as const;

/**
 * Expected share of events a set of alternatives lets through: each literal occurs about
 * 3^-length of the time (a crude model, but it ranks '.exe' far above '\\edr-freeze' and
 * a list of thirty rare literals below one common one).
 */
function score(n: Need[]): number {
  let s = 0;
  for (const x of n) s += KIND_WEIGHT[x.kind] * Math.pow(3, -Math.min(20, x.lit.length));
  return s;
}

/**
 * Literals the case-folding scan can be trusted with. The scans fold one UTF-16 unit at a time,
 * which agrees with lower-casing the whole value except where: sigma lower-cases by context
 * (σ or ς); U+0130 lower-cases to two units (i + U+0307); a character outside the BMP (two
 * units) has a case mapping. Literals containing such characters are not indexed.
 */
function safe(lit: string): boolean {
  if (/[Σσς\u0307]/.test(lit)) return false;
  for (const ch of lit) if (ch.length === 2 && ch.toUpperCase() !== ch.toLowerCase()) return false;
  return true;
}

/** Requiring more groups costs more bookkeeping than it saves. */
const MAX_GROUPS = 3;

/** Groups kept per subtree while the conjunctive form is built (the best by score). */
const KEEP = 4;

/** The conjunction of necessary groups (best first), or null when none is known. */
export function necessaryGroups(n: IrNode, slotOf: (field: string) => number): Need[][] | null {
  const groups = conjunctive(n, slotOf);
  if (groups === null) return null;
  if (groups.some((g) => g.length === 0)) return [[]]; // a part that can never hold: never a candidate
  // A group with a one- or two-character substring holds for most events and keeps the whole
  // field's scan from skipping (automaton windows are as long as the shortest literal): use it
  // only when the rule has nothing better.
  const good = groups.filter((g) => !g.some(isShort));
  return (good.length > 0 ? good : groups).sort((a, b) => score(a) - score(b)).slice(0, MAX_GROUPS);
}

/**
 * A necessary condition of the subtree in conjunctive form: every group must have a literal
 * that holds. `and` concatenates its children's groups; `or` distributes over its children,
 * (A ∧ B) ∨ C ⇒ (A ∨ C) ∧ (B ∨ C), pairing each child's best groups with the others' best.
 * `[[]]` never holds; null is no known condition.
 */
function conjunctive(n: IrNode, slotOf: (field: string) => number): Need[][] | null {
  switch (n.t) {
    case 'const':
      return n.value ? null : [[]];
    case 'not':
      return null;
    case 'pred': {
      const x = predicateNeeds(n, slotOf);
      return x === null ? null : [x];
    }
    case 'and': {
      const all: Need[][] = [];
      for (const c of n.children) {
        const g = conjunctive(c, slotOf);
        if (g === null) continue;
        if (g.some((x) => x.length === 0)) return [[]];
        all.push(...g);
      }
      return all.length === 0 ? null : best(all);
    }
    case 'or': {
      const parts: Need[][][] = [];
      for (const c of n.children) {
        const g = conjunctive(c, slotOf);
        if (g === null) return null;
        if (g.some((x) => x.length === 0)) continue; // a branch that never holds adds nothing
        parts.push(g);
      }
      if (parts.length === 0) return [[]];
      const width = Math.max(...parts.map((p) => p.length));
      const out: Need[][] = [];
      for (let i = 0; i < width; i++) out.push(dedupe(parts.flatMap((p) => p[Math.min(i, p.length - 1)])));
      return best(out);
    }
  }
}

function best(groups: Need[][]): Need[][] {
  return groups.sort((a, b) => score(a) - score(b)).slice(0, KEEP);
}

function dedupe(needs: Need[]): Need[] {
  const seen = new Set<string>();
  return needs.filter((x) => {
    const k = `${x.slot}|${x.kind}|${x.lit}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Literals shorter than this are cheap to find but filter little (see `necessaryGroups`). */
export const SHORT_LITERAL = 3;

export function isShort(n: Need): boolean {
  return n.kind !== 'equals' && n.lit.length < SHORT_LITERAL;
}

/** Alternatives one of which holds whenever the predicate does, or null. */
function predicateNeeds(n: IrPredicate, slotOf: (field: string) => number): Needs {
  const t = n.test;
  if (n.field === null) {
    if (t.op !== 'string') return null;
    let best = '';
    for (const p of t.parts) if (p.k === 'lit' && p.s.length > best.length && /^[\x00-\x7f]*$/.test(p.s)) best = p.s;
    return best.length >= 2 && safe(best) ? [{ slot: KEYWORD_SLOT, kind: 'contains', lit: best.toLowerCase() }] : null;
  }
  if (t.op === 'string') return stringNeeds(t.parts, slotOf(n.field));
  if (t.op === 'number') {
    const slot = slotOf(n.field);
    const a = String(t.value);
    const b = t.text.toLowerCase();
    return a === b ? [{ slot, kind: 'equals', lit: a }] : [{ slot, kind: 'equals', lit: a }, { slot, kind: 'equals', lit: b }];
  }
  if (t.op === 'bool') return [{ slot: slotOf(n.field), kind: 'equals', lit: String(t.value) }];
  if (t.op === 'regex') {
    const slot = slotOf(n.field);
    const g = requiredLiteral(t.source, isCaseInsensitive(t.source, t.flags));
    if (g) return [{ slot, kind: 'contains', lit: g }];
    // Otherwise one of a few short strings the expression spells (`\.[ "']`), when it has some.
    const factors = regexFacts(t.source, t.flags)?.factors?.[0];
    return factors && factors.every(safe) ? factors.map((lit) => ({ slot, kind: 'contains' as const, lit })) : null;
  }
  return null;
}

/**
 * The best necessary literal of a string pattern: its leading literal (a prefix; the whole value
 * when there is no wildcard), its trailing literal (a suffix), or any literal inside it. `''`
 * also matches an absent field, which no index lookup can see, so it has none.
 */
function stringNeeds(parts: readonly MatchPart[], slot: number): Needs {
  if (parts.length === 0) return null;
  const options: Need[] = [];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (parts.length === 1 && first.k === 'lit') options.push({ slot, kind: 'equals', lit: first.s.toLowerCase() });
  else {
    if (first.k === 'lit') options.push({ slot, kind: 'prefix', lit: first.s.toLowerCase() });
    if (last.k === 'lit') options.push({ slot, kind: 'suffix', lit: last.s.toLowerCase() });
    // Any piece of a literal is also necessary: prefer the longest ASCII run, which the shared
    // automaton handles best.
    let longest = '';
    let longestAscii = '';
    for (const p of parts) {
      if (p.k !== 'lit') continue;
      if (p.s.length > longest.length) longest = p.s;
      for (const run of p.s.split(/[^\x00-\x7f]+/)) if (run.length > longestAscii.length) longestAscii = run;
    }
    const lit = longestAscii.length >= Math.min(3, longest.length) ? longestAscii : longest;
    options.push({ slot, kind: 'contains', lit: lit.toLowerCase() });
  }
  let best: Need | undefined;
  for (const o of options) if (o.lit !== '' && safe(o.lit) && (best === undefined || score([o]) < score([best]))) best = o;
  return best ? [best] : null;
}
