/**
 * The IR boolean tree → one closure. Children of `and`/`or` are ordered cheapest first (exact
 * values before substring scans before regular expressions), which keeps the common
 * "EventID and Image and ..." rules to one or two comparisons per non-matching event.
 */
import type { IrNode, IrPredicate, IrTest } from '../compile/ir.js';
import { stringShape } from '../compile/ir.js';
import type { Cidr } from '../compile/cidr.js';
import { cidrContainsAny, parseCidr } from '../compile/cidr.js';
import type { Pred, SlotOf } from './predicates.js';
import { compilePredicate } from './predicates.js';
import { compileStringSet } from './string-set.js';
import type { EvalContext } from './eval-context.js';

/** Fewer alternatives are cheaper tested one by one. */
const MERGE_AT = 3;

/**
 * Children of an `or` that test strings on the same field (or are keywords) with the same
 * case rule become one string-set predicate, and network ranges on the same field one range
 * list; the others stay as they are.
 */
function mergeStringAlternatives(children: IrNode[], slotOf: SlotOf): Array<{ node: IrNode; pred: Pred | undefined }> {
  const groups = new Map<string, IrPredicate[]>();
  const out: Array<{ node: IrNode; pred: Pred | undefined }> = [];
  const networks = new Map<string, IrPredicate[]>();
  for (const c of children) {
    if (c.t === 'pred' && c.test.op === 'string' && c.test.parts.length > 0) {
      const key = `${c.field === null ? '\u0000kw' : c.field}|${c.test.cased}`;
      const g = groups.get(key) ?? [];
      g.push(c);
      groups.set(key, g);
    } else if (c.t === 'pred' && c.test.op === 'cidr' && c.field !== null) {
      const g = networks.get(c.field) ?? [];
      g.push(c);
      networks.set(c.field, g);
    } else out.push({ node: c, pred: undefined });
  }
  for (const [field, g] of networks) {
    if (g.length === 1) {
      out.push({ node: g[0], pred: undefined });
      continue;
    }
    // Lists of ranges (private networks, a provider's prefixes): the address is looked up once.
    const nets = g.map((p) => parseCidr((p.test as Extract<IrTest, { op: 'cidr' }>).cidr, p.origin.pos));
    const slot = slotOf(field);
    out.push({ node: g[0], pred: (c: EvalContext) => inAnyNetwork(c.value(slot), nets) });
  }
  for (const g of groups.values()) {
    if (g.length < MERGE_AT) {
      for (const p of g) out.push({ node: p, pred: undefined });
      continue;
    }
    const cased = (g[0].test as Extract<IrTest, { op: 'string' }>).cased;
    const m = compileStringSet(g.map((p) => (p.test as Extract<IrTest, { op: 'string' }>).parts), cased);
    const field = g[0].field;
    let pred: Pred;
    if (field === null) {
      pred = cased ? (c: EvalContext) => c.allValues().some(m) : (c: EvalContext) => c.allValuesLower().some(m);
    } else {
      const slot = slotOf(field);
      pred = (c: EvalContext) => {
        const v = c.value(slot);
        if (typeof v === 'string') return m(cased ? v : c.lower(slot, v));
        return anyText(v, cased, m);
      };
    }
    // Cost: one pass, like a single contains test.
    out.push({ node: { t: 'pred', field, test: { op: 'string', parts: [{ k: 'star' }, { k: 'lit', s: 'x' }, { k: 'star' }], cased }, origin: g[0].origin }, pred });
  }
  return out;
}

function inAnyNetwork(v: unknown, nets: readonly Cidr[]): boolean {
  if (typeof v === 'string') return cidrContainsAny(nets, v);
  if (Array.isArray(v)) for (const x of v) if (inAnyNetwork(x, nets)) return true;
  return false;
}

function anyText(v: unknown, cased: boolean, m: (t: string) => boolean): boolean {
  if (typeof v === 'string') return m(cased ? v : v.toLowerCase());
  if (typeof v === 'number' || typeof v === 'boolean') return m(String(v));
  if (Array.isArray(v)) for (const x of v) if (anyText(x, cased, m)) return true;
  return false;
}

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
      const children = n.t === 'or' ? mergeStringAlternatives(n.children, slotOf) : n.children.map((c) => ({ node: c, pred: undefined as Pred | undefined }));
      const fs = children.sort((a, b) => cost(a.node) - cost(b.node)).map((c) => c.pred ?? compileTree(c.node, slotOf));
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
