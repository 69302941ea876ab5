/**
 * `compileSigmaToSql`: one rule's IR → a SQL condition on the classified relation (relation.ts)
 * that selects exactly the stored events the in-memory matcher would match.
 *
 * Where a field lives depends on the record shape, so the condition is rendered once per shape
 * the rule can meet, each rendering guarded by its routing (shape, product, service, category).
 * Category field renames are resolved per event by the field slots (slots.ts). It is rendered
 * twice: `where` tests every element of list values; `scalarWhere` only first elements, which
 * DuckDB plans far faster and which the runner uses where no field holds an array. A construct
 * SQL cannot express with the matcher's semantics refuses the whole rule with a reason: a rule
 * is never widened or narrowed silently.
 */
import type { IrNode, IrRule, RecordShape } from '../sigma/index.js';
import { RuleError } from '../sigma/diagnostics.js';
import type { PlaceContext, PredicateSql } from './predicates.js';
import { anyOf, numbersSql, predicateSql, Refusal } from './predicates.js';
import { FieldSlots } from './slots.js';
import { genericAliasVariants, genericCategoryRoute, productServiceRoute, windowsCategoryVariants, windowsShapesPossible } from './routing.js';
import type { Frag } from './sql-kit.js';
import { and, FALSE, ident, not, oneOf, or, sql, str, TRUE } from './sql-kit.js';

export const ALL_SHAPES: readonly RecordShape[] = ['evtx', 'winlog', 'flat', 'generic'];

export interface SigmaSqlOptions {
  /**
   * Conditions of the Sigma filters that apply to the rule (`bundle.rules[i].filters`): the
   * detection is kept only when each holds, as in the matcher.
   */
  filters?: readonly IrNode[];
  /** Record shapes to render for (default all); a store holding only EVTX records needs `['evtx', 'generic']` at most. */
  shapes?: readonly RecordShape[];
  /** Field slots shared by the rules of one query (default: a new set for this rule). */
  slots?: FieldSlots;
}

export type SigmaSql =
  | {
      ok: true;
      /** The condition on the relation `classifiedEvents({slots, facets})`. */
      where: Frag;
      /**
       * The same condition testing only the first element of list values: equal to `where` on
       * events whose `_sigma_multi` is false, and much cheaper for DuckDB to plan.
       */
      scalarWhere: Frag;
      /** The rule's logsource routing alone: no event outside it can match (used to narrow a query's events). */
      route: Frag;
      /** The rule has keywords (the relation computes every value of the event for it). */
      keywords: boolean;
      slots: FieldSlots;
      /** The slot facets the condition reads. */
      facets: Set<string>;
    }
  | { ok: false; reason: string };

function predicateFrag(p: PredicateSql, ctx: PlaceContext): Frag {
  if (p.kind === 'sql') return p.sql;
  if (p.kind === 'number') return numbersSql(p.slot, [p], ctx);
  return anyOf(p.slot, p.facet, ctx, p.test);
}

type Elements = Extract<PredicateSql, { kind: 'elements' }>;

/** Tests of one `or` on one facet as one test: an IN list, one merged RE2 search, or the tests or-ed. */
function mergedTest(group: readonly Elements[]): (x: Frag) => Frag {
  if (group.length === 1) return group[0].test;
  if (group.every((p) => p.equals !== undefined)) return (x) => oneOf(x, group.map((p) => str(p.equals!)));
  if (group.every((p) => p.regex !== undefined)) return (x) => sql`regexp_matches(${x}, ${str(`(?s)${group.map((p) => p.regex).join('|')}`)})`;
  return (x) => or(...group.map((p) => p.test(x)));
}

/**
 * An `or`: tests on the same facet become one test in one pass over its elements (any-element
 * distributes over `or`), and numbers on the same field one `list_has_any`.
 */
function orSql(children: readonly IrNode[], ctx: PlaceContext): Frag {
  const groups = new Map<string, Elements[]>();
  const numbers = new Map<string, Array<{ value: number; text: string }>>();
  const parts: Frag[] = [];
  for (const c of children) {
    if (c.t !== 'pred') {
      parts.push(treeSql(c, ctx));
      continue;
    }
    const p = predicateSql(c, ctx);
    if (p.kind === 'sql') parts.push(p.sql);
    else if (p.kind === 'number') numbers.set(p.slot, [...(numbers.get(p.slot) ?? []), p]);
    else groups.set(`${p.slot}:${p.facet}`, [...(groups.get(`${p.slot}:${p.facet}`) ?? []), p]);
  }
  for (const [slot, list] of numbers) parts.push(numbersSql(slot, list, ctx));
  for (const g of groups.values()) parts.push(anyOf(g[0].slot, g[0].facet, ctx, mergedTest(g)));
  return or(...parts);
}

function treeSql(n: IrNode, ctx: PlaceContext): Frag {
  switch (n.t) {
    case 'const':
      return n.value ? TRUE : FALSE;
    case 'not':
      return not(treeSql(n.child, ctx));
    case 'and':
      return and(...n.children.map((c) => treeSql(c, ctx)));
    case 'or':
      return orSql(n.children, ctx);
    case 'pred':
      return predicateFrag(predicateSql(n, ctx), ctx);
  }
}

function hasKeyword(n: IrNode): boolean {
  switch (n.t) {
    case 'pred':
      return n.field === null;
    case 'not':
      return hasKeyword(n.child);
    case 'and':
    case 'or':
      return n.children.some(hasKeyword);
    case 'const':
      return false;
  }
}

export function compileSigmaToSql(rule: IrRule, options: SigmaSqlOptions = {}): SigmaSql {
  const ls = rule.logsource;
  if (!ls.product && !ls.service && !ls.category) return { ok: false, reason: 'the logsource names no product, service or category (the matcher applies such a rule to no event)' };
  const filters = options.filters ?? [];
  const slots = options.slots ?? new FieldSlots();
  const facets = new Set<string>();
  const shapes = options.shapes ?? ALL_SHAPES;
  const routes: Frag[] = [];
  const render = (mode: PlaceContext['mode']): Frag => {
    const branches: Frag[] = [];
    routes.length = 0;
    for (const shape of shapes) {
      const isShape = sql`${ident('_sigma_shape')} = ${str(shape)}`;
      const windows = shape !== 'generic';
      if (windows && !windowsShapesPossible(ls)) continue;
      // Windows categories may rename fields per variant; the slots pick the places per event.
      // Generic records of some products resolve fields through per-logsource aliases.
      const variants: Array<{ when: Frag; fieldmap: Readonly<Record<string, string>> | undefined; aliases?: Readonly<Record<string, string>> }> = !windows
        ? genericAliasVariants(ls)
        : ls.category ? windowsCategoryVariants(ls.category) : [{ when: TRUE, fieldmap: undefined }];
      const fieldmaps = variants.map((v, i) => ({ ...(i < variants.length - 1 ? { when: v.when } : {}), fieldmap: v.fieldmap, ...(v.aliases ? { aliases: v.aliases } : {}) }));
      const ctx: PlaceContext = { shape, fieldmaps, slots, used: facets, mode };
      const route = windows ? or(...variants.map((v) => v.when)) : genericCategoryRoute(ls);
      const condition = and(treeSql(rule.condition, ctx), ...filters.map((f) => treeSql(f, ctx)));
      routes.push(and(isShape, productServiceRoute(ls), route));
      branches.push(and(routes[routes.length - 1], condition));
    }
    return or(...branches);
  };
  try {
    const where = render('lists');
    const scalarWhere = render('scalar');
    const keywords = hasKeyword(rule.condition) || filters.some(hasKeyword);
    return { ok: true, where, scalarWhere, route: or(...routes), keywords, slots, facets };
  } catch (err) {
    if (err instanceof Refusal || err instanceof RuleError) return { ok: false, reason: err.message };
    throw err;
  }
}
