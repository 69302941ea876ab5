/**
 * The compiled rule as a neutral, walkable intermediate form. Both the in-memory matcher
 * (match/) and the SQL compiler walk this: a boolean tree (and/or/not) whose leaves are
 * predicates on one Sigma field with the modifiers already resolved into an operator and one
 * value. Field names are the rule's Sigma names; where a field lives in an event is decided
 * per logsource by mapping/field-resolver.ts, so one IR serves every route. Placeholders are
 * already expanded; windash is a character class; base64offset is an `or` of literals.
 * See docs/sigma.md ("The IR") for the contract.
 */
import type { Pos } from '../diagnostics.js';
import type { RuleOrigin, SigmaLevel, SigmaLogsource } from '../model/types.js';
import type { StrPart } from './sigma-string.js';
import type { RegexFlags } from './regex.js';

export type IrNode =
  | { t: 'and'; children: IrNode[] }
  | { t: 'or'; children: IrNode[] }
  | { t: 'not'; child: IrNode }
  | { t: 'const'; value: boolean }
  | IrPredicate;

export interface IrPredicate {
  t: 'pred';
  /** Sigma field name as written in the rule; null for a keyword (any value of the event). */
  field: string | null;
  test: IrTest;
  /** Where the predicate came from, for explanations and located errors. */
  origin: { selection: string; pos: Pos; value: string };
}

/** A string part after placeholder expansion. */
export type MatchPart = Exclude<StrPart, { k: 'ph' }>;

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export type IrTest =
  /** Equality with `*`/`?` wildcards and character classes; case-insensitive unless `cased`. */
  | { op: 'string'; parts: MatchPart[]; cased: boolean }
  /** A number written in the rule: equal to the event's number, or to its text as written. */
  | { op: 'number'; value: number; text: string }
  | { op: 'bool'; value: boolean }
  /** `field: null`: the field is absent or null. */
  | { op: 'null' }
  | { op: 'exists'; value: boolean }
  /** Search (unanchored) in RE2 syntax; startswith/endswith are already `^`/`$` anchors in `source`. */
  | { op: 'regex'; source: string; flags: RegexFlags }
  | { op: 'cidr'; cidr: string }
  | { op: 'compare'; cmp: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  /** Compare with another field of the same event. */
  | { op: 'fieldref'; ref: string; mode: 'equals' | 'startswith' | 'endswith' | 'contains'; cased: boolean }
  /** A part of the field's date/time (UTC) equals the value. */
  | { op: 'timepart'; part: TimePart; value: number };

export interface IrRule {
  id?: string;
  name?: string;
  title: string;
  level?: SigmaLevel;
  status?: string;
  tags: string[];
  logsource: SigmaLogsource;
  condition: IrNode;
  /** Every Sigma field the condition reads (keyword predicates excluded). */
  fields: string[];
  origin: RuleOrigin;
}

/** Visit every predicate of a tree. */
export function forEachPredicate(n: IrNode, fn: (p: IrPredicate) => void): void {
  switch (n.t) {
    case 'pred':
      fn(n);
      return;
    case 'not':
      forEachPredicate(n.child, fn);
      return;
    case 'and':
    case 'or':
      for (const c of n.children) forEachPredicate(c, fn);
      return;
    case 'const':
      return;
  }
}

/** `and`/`or` with nested same-kind nodes flattened and constants folded. */
function junction(t: 'and' | 'or', children: IrNode[]): IrNode {
  const absorbing = t === 'or'; // true absorbs an or, false absorbs an and
  const kept: IrNode[] = [];
  for (const c of children) {
    if (c.t === t) {
      for (const cc of c.children) kept.push(cc);
    } else if (c.t === 'const') {
      if (c.value === absorbing) return c;
    } else kept.push(c);
  }
  if (kept.length === 0) return { t: 'const', value: !absorbing };
  return kept.length === 1 ? kept[0] : { t, children: kept };
}

export function and(children: IrNode[]): IrNode {
  return junction('and', children);
}

export function or(children: IrNode[]): IrNode {
  return junction('or', children);
}

export function not(child: IrNode): IrNode {
  if (child.t === 'const') return { t: 'const', value: !child.value };
  if (child.t === 'not') return child.child;
  return { t: 'not', child };
}

/** The shape of a string test, for matchers and SQL (LIKE / = / starts_with). */
export type StringShape =
  | { kind: 'equals' | 'startswith' | 'endswith' | 'contains'; literal: string }
  | { kind: 'glob' };

export function stringShape(parts: MatchPart[]): StringShape {
  const lits = parts.filter((p) => p.k === 'lit').length;
  const stars = parts.filter((p) => p.k === 'star').length;
  if (parts.some((p) => p.k === 'one' || p.k === 'class')) return { kind: 'glob' };
  if (lits === 0) return stars > 0 ? { kind: 'contains', literal: '' } : { kind: 'equals', literal: '' };
  if (lits > 1) return { kind: 'glob' };
  const lit = (parts.find((p) => p.k === 'lit') as { s: string }).s;
  const first = parts[0].k === 'star';
  const last = parts[parts.length - 1].k === 'star';
  if (stars === 0) return { kind: 'equals', literal: lit };
  if (first && last && stars === 2) return { kind: 'contains', literal: lit };
  if (first && stars === 1) return { kind: 'endswith', literal: lit };
  if (last && stars === 1) return { kind: 'startswith', literal: lit };
  return { kind: 'glob' };
}
