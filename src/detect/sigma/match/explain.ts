/**
 * Why did a rule match? Re-walks the rule's IR on the matching event (only done for matches,
 * which are rare) and lists the predicates that held on a satisfying path: which selection,
 * which field, the rule's value as written and the event's value.
 */
import type { IrNode, IrPredicate } from '../compile/ir.js';
import type { EvalContext } from './eval-context.js';
import type { Pred, SlotOf } from './predicates.js';
import { compilePredicate } from './predicates.js';

export interface MatchedValue {
  selection: string;
  /** Sigma field; null for a keyword. */
  field: string | null;
  /** The rule's value as written. */
  ruleValue: string;
  /** The event's value of the field (absent for keywords and absence tests). */
  eventValue?: unknown;
}

export type PredCache = Map<IrPredicate, Pred>;

export function explainMatch(n: IrNode, c: EvalContext, slotOf: SlotOf, cache: PredCache): MatchedValue[] {
  const out: MatchedValue[] = [];
  walk(n, c, slotOf, out, cache);
  return out;
}

function walk(n: IrNode, c: EvalContext, slotOf: SlotOf, out: MatchedValue[], cache: PredCache): boolean {
  switch (n.t) {
    case 'const':
      return n.value;
    case 'not':
      // A negated part holds because something did not match: nothing to point at.
      return !walk(n.child, c, slotOf, [], cache);
    case 'and': {
      const mark = out.length;
      for (const ch of n.children) {
        if (!walk(ch, c, slotOf, out, cache)) {
          out.length = mark;
          return false;
        }
      }
      return true;
    }
    case 'or': {
      for (const ch of n.children) {
        const mark = out.length;
        if (walk(ch, c, slotOf, out, cache)) return true;
        out.length = mark;
      }
      return false;
    }
    case 'pred': {
      let pred = cache.get(n);
      if (!pred) cache.set(n, (pred = compilePredicate(n, slotOf)));
      const ok = pred(c);
      if (ok) {
        const m: MatchedValue = { selection: n.origin.selection, field: n.field, ruleValue: n.origin.value };
        if (n.field !== null && n.test.op !== 'null' && n.test.op !== 'exists') m.eventValue = c.value(slotOf(n.field));
        out.push(m);
      }
      return ok;
    }
  }
}
