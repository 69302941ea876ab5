/**
 * Literal prefilters shared across rules. For each rule we derive a necessary condition in
 * conjunctive form: up to MAX_GROUPS groups, each a set of (field slot, literal) alternatives,
 * such that the rule can only match if every group has one that holds (the field equals the
 * literal, or contains it). A route indexes the literals of all its rules, per field: exact
 * values in a hash map, contained literals in one Aho-Corasick automaton. Per event, one lookup
 * / one scan per indexed field tells which groups hold; a rule whose groups all hold is a
 * candidate. Only candidates (and the rules without a usable literal) are evaluated.
 */
import type { IrNode } from '../compile/ir.js';
import { stringShape } from '../compile/ir.js';
import { isCaseInsensitive, requiredLiteral } from '../compile/regex.js';

/** Pseudo-slot for keywords: literals searched in every value of the event. */
export const KEYWORD_SLOT = -1;

export interface Need {
  slot: number;
  kind: 'equals' | 'contains';
  /** Lower-cased. */
  lit: string;
}

/** Alternatives (any one may hold), or null when no necessary literal is known. */
export type Needs = Need[] | null;

/**
 * Expected share of events a set of alternatives lets through: each literal occurs about
 * 3^-length of the time (a crude model, but it ranks '.exe' far above '\\edr-freeze' and
 * a list of thirty rare literals below one common one). Whole values are rarer than substrings.
 */
function score(n: Need[]): number {
  let s = 0;
  for (const x of n) s += (x.kind === 'equals' ? 0.5 : 1) * Math.pow(3, -Math.min(20, x.lit.length));
  return s;
}

/**
 * Literals the case-folding scan can be trusted with: sigma lower-cases by context (σ or ς) and
 * U+0130 lower-cases to two units (i + U+0307), so literals containing those are not indexed.
 */
function safe(lit: string): boolean {
  return !/[Σσς\u0307]/.test(lit);
}

/** Requiring more groups costs more bookkeeping than it saves. */
const MAX_GROUPS = 3;

/** The conjunction of necessary groups (best first), or null when none is known. */
export function necessaryGroups(n: IrNode, slotOf: (field: string) => number): Need[][] | null {
  const groups: Need[][] = [];
  const visit = (x: IrNode): void => {
    if (x.t === 'and') {
      for (const c of x.children) visit(c);
      return;
    }
    const g = necessaryLiterals(x, slotOf);
    if (g !== null) groups.push(g);
  };
  visit(n);
  if (groups.length === 0) return null;
  if (groups.some((g) => g.length === 0)) return [[]]; // a part that can never hold: never a candidate
  return groups.sort((a, b) => score(a) - score(b)).slice(0, MAX_GROUPS);
}

export function necessaryLiterals(n: IrNode, slotOf: (field: string) => number): Needs {
  switch (n.t) {
    case 'const':
      return n.value ? null : [];
    case 'not':
      return null;
    case 'or': {
      const all: Need[] = [];
      for (const c of n.children) {
        const x = necessaryLiterals(c, slotOf);
        if (x === null) return null;
        all.push(...x);
      }
      return all;
    }
    case 'and': {
      let best: Need[] | null = null;
      for (const c of n.children) {
        const x = necessaryLiterals(c, slotOf);
        if (x !== null && (best === null || score(x) < score(best))) best = x;
      }
      return best;
    }
    case 'pred': {
      const t = n.test;
      if (n.field === null) {
        if (t.op !== 'string') return null;
        let best = '';
        for (const p of t.parts) if (p.k === 'lit' && p.s.length > best.length && /^[\x00-\x7f]*$/.test(p.s)) best = p.s;
        return best.length >= 2 && safe(best) ? [{ slot: KEYWORD_SLOT, kind: 'contains', lit: best.toLowerCase() }] : null;
      }
      if (t.op === 'string') {
        const shape = stringShape(t.parts);
        const slot = slotOf(n.field);
        // '' also matches an absent field, which no index lookup can see.
        if (shape.kind === 'equals') return shape.literal !== '' && safe(shape.literal) ? [{ slot, kind: 'equals', lit: shape.literal.toLowerCase() }] : null;
        // Any piece of a literal is also necessary: prefer the longest ASCII run, which the
        // shared automaton handles best.
        let longest = '';
        let longestAscii = '';
        for (const p of t.parts) {
          if (p.k !== 'lit') continue;
          if (p.s.length > longest.length) longest = p.s;
          for (const run of p.s.split(/[^\x00-\x7f]+/)) if (run.length > longestAscii.length) longestAscii = run;
        }
        const lit = longestAscii.length >= Math.min(3, longest.length) ? longestAscii : longest;
        return lit && safe(lit) ? [{ slot, kind: 'contains', lit: lit.toLowerCase() }] : null;
      }
      if (t.op === 'number') {
        const slot = slotOf(n.field);
        const a = String(t.value);
        const b = t.text.toLowerCase();
        return a === b ? [{ slot, kind: 'equals', lit: a }] : [{ slot, kind: 'equals', lit: a }, { slot, kind: 'equals', lit: b }];
      }
      if (t.op === 'bool') return [{ slot: slotOf(n.field), kind: 'equals', lit: String(t.value) }];
      if (t.op === 'regex') {
        const g = requiredLiteral(t.source, isCaseInsensitive(t.source, t.flags));
        return g ? [{ slot: slotOf(n.field), kind: 'contains', lit: g }] : null;
      }
      return null;
    }
  }
}
