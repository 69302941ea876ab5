/**
 * Why did a rule match? Re-walks the rule's IR on the matching event (only done for matches)
 * and lists the predicates that held on a satisfying path: which selection, which field, the
 * rule's value as written and the event's value.
 *
 * The walk only descends into parts that hold: an `and` that holds has every child holding, an
 * `or` points at its first child (in rule order) that holds, found with that child's compiled
 * closure; a `not` that holds points at nothing. Each part is therefore decided once, by the
 * same closures matching uses (compiled on the first explanation and kept), rather than
 * predicate by predicate.
 */
import type { IrNode } from '../compile/ir.js';
import { compileTree } from './compile-tree.js';
import type { EvalContext } from './eval-context.js';
import type { Pred, SlotOf } from './predicates.js';

export interface MatchedValue {
  selection: string;
  /** Sigma field; null for a keyword. */
  field: string | null;
  /** The rule's value as written. */
  ruleValue: string;
  /** The event's value of the field (absent for keywords and absence tests). */
  eventValue?: unknown;
}

/** Compiled closures of the parts of a rule's condition, built as explanations need them. */
export type PredCache = Map<IrNode, Pred>;

/** The explanation of a condition that holds on the event in `c`. */
export function explainMatch(n: IrNode, c: EvalContext, slotOf: SlotOf, cache: PredCache): MatchedValue[] {
  const out: MatchedValue[] = [];
  walk(n, c, slotOf, out, cache);
  return out;
}

function holds(n: IrNode, c: EvalContext, slotOf: SlotOf, cache: PredCache): boolean {
  let pred = cache.get(n);
  if (!pred) cache.set(n, (pred = compileTree(n, slotOf)));
  return pred(c);
}

/** `n` holds: add what it points at. */
function walk(n: IrNode, c: EvalContext, slotOf: SlotOf, out: MatchedValue[], cache: PredCache): void {
  switch (n.t) {
    case 'const':
    case 'not':
      // A negated part holds because something did not match: nothing to point at.
      return;
    case 'and':
      for (const ch of n.children) walk(ch, c, slotOf, out, cache);
      return;
    case 'or':
      for (const ch of n.children) {
        if (holds(ch, c, slotOf, cache)) {
          walk(ch, c, slotOf, out, cache);
          return;
        }
      }
      return;
    case 'pred': {
      const m: MatchedValue = { selection: n.origin.selection, field: n.field, ruleValue: n.origin.value };
      if (n.field !== null && n.test.op !== 'null' && n.test.op !== 'exists') m.eventValue = c.value(slotOf(n.field));
      out.push(m);
    }
  }
}
