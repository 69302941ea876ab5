/**
 * The IR boolean tree → one closure. Children of `and`/`or` are ordered cheapest first (exact
 * values before substring scans before regular expressions), which keeps the common
 * "EventID and Image and ..." rules to one or two comparisons per non-matching event.
 */
import type { IrNode, IrPredicate } from '../compile/ir.js';
import { stringShape } from '../compile/ir.js';
import type { Pred, SlotOf } from './predicates.js';
import { compilePredicate } from './predicates.js';

export function cost(n: IrNode): number {
  switch (n.t) {
    case 'const':
      return 0;
    case 'not':
      return cost(n.child) + 0.1;
    case 'and':
    case 'or':
      return n.children.reduce((s, c) => s + cost(c), 0);
    case 'pred':
      return predCost(n);
  }
}

function predCost(p: IrPredicate): number {
  if (p.field === null) return 60;
  switch (p.test.op) {
    case 'null':
    case 'exists':
    case 'number':
    case 'bool':
      return 1;
    case 'string': {
      const k = stringShape(p.test.parts).kind;
      return k === 'equals' ? 1.5 : k === 'glob' ? 6 : k === 'contains' ? 3 : 2;
    }
    case 'compare':
    case 'timepart':
      return 3;
    case 'fieldref':
      return 4;
    case 'cidr':
      return 8;
    case 'regex':
      return 25;
  }
}

export function compileTree(n: IrNode, slotOf: SlotOf): Pred {
  switch (n.t) {
    case 'const': {
      const v = n.value;
      return () => v;
    }
    case 'pred':
      return compilePredicate(n, slotOf);
    case 'not': {
      const f = compileTree(n.child, slotOf);
      return (c) => !f(c);
    }
    case 'and':
    case 'or': {
      const fs = [...n.children].sort((a, b) => cost(a) - cost(b)).map((c) => compileTree(c, slotOf));
      const isAnd = n.t === 'and';
      if (fs.length === 2) {
        const [a, b] = fs;
        return isAnd ? (c) => a(c) && b(c) : (c) => a(c) || b(c);
      }
      return isAnd
        ? (c) => {
            for (let i = 0; i < fs.length; i++) if (!fs[i](c)) return false;
            return true;
          }
        : (c) => {
            for (let i = 0; i < fs.length; i++) if (fs[i](c)) return true;
            return false;
          };
    }
  }
}
