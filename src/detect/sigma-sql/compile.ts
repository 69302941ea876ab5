/**
 * `compileSigmaToSql`: one rule's IR → a SQL condition on the classified relation (relation.ts)
 * that selects exactly the stored events the in-memory matcher would match.
 *
 * Where a field lives depends on the record shape and, for some Windows categories, on field
 * renames, so the condition is rendered once per (shape, field map) the rule can meet and each
 * rendering is guarded by the routing that leads to it. Renderings that come out identical are
 * merged. A construct SQL cannot express with the matcher's semantics refuses the whole rule
 * with a reason: a rule is never widened or narrowed silently.
 */
import type { IrNode, IrRule, RecordShape } from '../sigma/index.js';
import { RuleError } from '../sigma/diagnostics.js';
import { render, duckdbDialect } from '../../query/index.js';
import type { PlaceContext } from './predicates.js';
import { predicateSql, Refusal } from './predicates.js';
import { genericCategoryRoute, productServiceRoute, windowsCategoryVariants, windowsShapesPossible } from './routing.js';
import type { Frag } from './sql-kit.js';
import { and, FALSE, ident, join, not, or, sql, str, TRUE } from './sql-kit.js';

export const ALL_SHAPES: readonly RecordShape[] = ['evtx', 'winlog', 'flat', 'generic'];

export interface SigmaSqlOptions {
  /**
   * Conditions of the Sigma filters that apply to the rule (`bundle.rules[i].filters`): the
   * detection is kept only when each holds, as in the matcher.
   */
  filters?: readonly IrNode[];
  /** Record shapes to render for (default all); a store holding only EVTX records needs `['evtx', 'generic']` at most. */
  shapes?: readonly RecordShape[];
}

export type SigmaSql =
  | {
      ok: true;
      /** The condition on the classified relation (`classifiedEvents`). */
      where: Frag;
      /** The rule has keywords: the relation must carry `_sigma_values`. */
      keywords: boolean;
    }
  | { ok: false; reason: string };

function treeSql(n: IrNode, ctx: PlaceContext): Frag {
  switch (n.t) {
    case 'const':
      return n.value ? TRUE : FALSE;
    case 'not':
      return not(treeSql(n.child, ctx));
    case 'and':
      return and(...n.children.map((c) => treeSql(c, ctx)));
    case 'or':
      return or(...n.children.map((c) => treeSql(c, ctx)));
    case 'pred':
      return predicateSql(n, ctx);
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

/** Rendered text and values: equal keys mean the same SQL. */
function keyOf(f: Frag): string {
  const r = render(f, duckdbDialect);
  return `${r.sql}\u0000${JSON.stringify(r.params)}`;
}

/** Branches with the same body are merged under one guard (their guards or-ed). */
function mergeByBody(branches: Array<{ guard: Frag; body: Frag }>): Frag {
  const groups = new Map<string, { guards: Frag[]; body: Frag }>();
  for (const b of branches) {
    const key = keyOf(b.body);
    const g = groups.get(key);
    if (g) g.guards.push(b.guard);
    else groups.set(key, { guards: [b.guard], body: b.body });
  }
  return or(...[...groups.values()].map((g) => and(or(...g.guards), g.body)));
}

export function compileSigmaToSql(rule: IrRule, options: SigmaSqlOptions = {}): SigmaSql {
  const ls = rule.logsource;
  if (!ls.product && !ls.service && !ls.category) return { ok: false, reason: 'the logsource names no product, service or category (the matcher applies such a rule to no event)' };
  const filters = options.filters ?? [];
  const condition = (ctx: PlaceContext): Frag => and(treeSql(rule.condition, ctx), ...filters.map((f) => treeSql(f, ctx)));
  const shapes = options.shapes ?? ALL_SHAPES;
  try {
    const branches: Array<{ guard: Frag; body: Frag }> = [];
    for (const shape of shapes) {
      const isShape = sql`${ident('_sigma_shape')} = ${str(shape)}`;
      if (shape === 'generic') {
        branches.push({ guard: isShape, body: and(productServiceRoute(ls), genericCategoryRoute(ls), condition({ shape, fieldmap: undefined })) });
        continue;
      }
      if (!windowsShapesPossible(ls)) continue;
      let body: Frag;
      if (!ls.category) body = condition({ shape, fieldmap: undefined });
      else {
        // First matching variant wins (CASE), unless every variant renders the same condition.
        const variants = windowsCategoryVariants(ls.category).map((v) => ({ when: v.when, cond: condition({ shape, fieldmap: v.fieldmap }) }));
        const same = variants.every((v) => keyOf(v.cond) === keyOf(variants[0].cond));
        body = same
          ? and(or(...variants.map((v) => v.when)), variants[0].cond)
          : sql`(CASE${join(variants.map((v) => sql` WHEN ${v.when} THEN ${v.cond}`), sql``)} ELSE FALSE END)`;
      }
      branches.push({ guard: isShape, body: and(productServiceRoute(ls), body) });
    }
    const keywords = hasKeyword(rule.condition) || filters.some(hasKeyword);
    return { ok: true, where: mergeByBody(branches), keywords };
  } catch (err) {
    if (err instanceof Refusal || err instanceof RuleError) return { ok: false, reason: err.message };
    throw err;
  }
}
