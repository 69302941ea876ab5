/**
 * Literal prefilters shared across rules. For each rule we derive a necessary condition: a set
 * of (field slot, literal) alternatives such that the rule can only match if one of them holds
 * (the field equals the literal, or contains it). A route indexes the literals of all its rules,
 * per field: exact values in a hash map, contained literals in one Aho-Corasick automaton. Per
 * event, one lookup / one scan per indexed field yields the candidate rules; only those (and the
 * rules without a usable literal) are evaluated.
 */
import type { IrNode } from '../compile/ir.js';
import { stringShape } from '../compile/ir.js';
import { requiredLiteral } from '../compile/regex.js';

export interface Need {
  slot: number;
  kind: 'equals' | 'contains';
  /** Lower-cased. */
  lit: string;
}

/** Alternatives (any one may hold), or null when no necessary literal is known. */
export type Needs = Need[] | null;

function score(n: Need[]): number {
  let s = 0;
  for (const x of n) s += x.kind === 'equals' ? 1 : 1 + 12 / Math.max(1, x.lit.length);
  return s;
}

/** Literal that lower-casing keeps intact (Greek final sigma lower-cases by context). */
function safe(lit: string): boolean {
  return !/[Σσς]/.test(lit);
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
      if (n.field === null) return null;
      const t = n.test;
      if (t.op === 'string') {
        const shape = stringShape(t.parts);
        const slot = slotOf(n.field);
        // '' also matches an absent field, which no index lookup can see.
        if (shape.kind === 'equals') return shape.literal !== '' && safe(shape.literal) ? [{ slot, kind: 'equals', lit: shape.literal.toLowerCase() }] : null;
        let longest = '';
        for (const p of t.parts) if (p.k === 'lit' && p.s.length > longest.length) longest = p.s;
        return longest && safe(longest) ? [{ slot, kind: 'contains', lit: longest.toLowerCase() }] : null;
      }
      if (t.op === 'number') {
        const slot = slotOf(n.field);
        const a = String(t.value);
        const b = t.text.toLowerCase();
        return a === b ? [{ slot, kind: 'equals', lit: a }] : [{ slot, kind: 'equals', lit: a }, { slot, kind: 'equals', lit: b }];
      }
      if (t.op === 'bool') return [{ slot: slotOf(n.field), kind: 'equals', lit: String(t.value) }];
      if (t.op === 'regex') {
        const g = requiredLiteral(t.source, true);
        return g ? [{ slot: slotOf(n.field), kind: 'contains', lit: g }] : null;
      }
      return null;
    }
  }
}
