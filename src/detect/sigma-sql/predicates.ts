/**
 * IR predicates → SQL with the matcher's value semantics (src/detect/sigma/match/predicates.ts):
 *  - a value test never matches an absent field; list values match when any element does;
 *  - strings, numbers and booleans are compared as their text by string and regex tests;
 *  - `''` matches an empty string, a JSON null or an absent field; `null` an absent or null one;
 *  - `exists` tells absent from present (a JSON null is present);
 *  - numbers match an equal number or the number's text as written; comparisons read numbers
 *    and numeric text (decimal or 0x hex, trimmed);
 *  - keywords search every value of the event's data.
 *
 * Element-wise tests come back as `{column, test}` so that an `or` of tests on the same column
 * becomes one pass over its elements (any-element distributes over `or`). What SQL cannot
 * express faithfully throws a Refusal naming the construct.
 */
import type { IrPredicate, IrTest, MatchPart, RecordShape } from '../sigma/index.js';
import { resolveField, stringShape } from '../sigma/index.js';
import { cidrRange } from './ip.js';
import type { Facet, FieldSlots, ListFacet, PlaceChoice } from './slots.js';
import type { Frag } from './sql-kit.js';
import { join, listAny, or, param, sql, str, stringText, typeIs } from './sql-kit.js';
import { duckdbRegex, lowerParts, matchText, searchRegex } from './text-tests.js';

/** A rule (or one of its predicates) that SQL cannot express with the matcher's semantics. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

export interface PlaceContext {
  shape: RecordShape;
  /** The category's field maps, each under its routing condition (the last applies otherwise). */
  fieldmaps: ReadonlyArray<{ when?: Frag; fieldmap: Readonly<Record<string, string>> | undefined; aliases?: Readonly<Record<string, string>> }>;
  slots: FieldSlots;
  /** Facet columns the rule reads (filled while compiling). */
  used: Set<string>;
  /**
   * `scalar`: list facets are tested on their first element, exact for events where no list
   * the query reads has more than one (the relation's `_sigma_multi` is false); `lists`: every
   * element is tested (a lambda per test, which DuckDB is slow to plan).
   */
  mode: 'scalar' | 'lists';
}

export type PredicateSql =
  /** `regex`: the same test as an RE2 search, so that many tests on one facet merge into one expression. */
  | { kind: 'elements'; slot: string; facet: ListFacet; test: (element: Frag) => Frag; regex?: string; equals?: string }
  /** A number written in the rule (merged per field into `list_has_any`). */
  | { kind: 'number'; slot: string; value: number; text: string }
  | { kind: 'sql'; sql: Frag };

function slotOf(field: string, ctx: PlaceContext): string {
  const choices: PlaceChoice[] = ctx.fieldmaps.map((f) => ({ ...(f.when ? { when: f.when } : {}), places: resolveField(field, ctx.shape, f.fieldmap, f.aliases) }));
  return ctx.slots.slot(ctx.shape, choices);
}

/** A facet that is one value (not a list facet). */
function facet(p: IrPredicate, ctx: PlaceContext, f: Facet, field = p.field!): Frag {
  return ctx.slots.use(slotOf(field, ctx), f, ctx.used);
}

/** Some element of a list facet satisfies `test`, in the context's mode. */
export function anyOf(slot: string, f: ListFacet, ctx: PlaceContext, test: (e: Frag) => Frag): Frag {
  return ctx.mode === 'scalar' ? test(ctx.slots.use(slot, f, ctx.used, true)) : listAny(ctx.slots.use(slot, f, ctx.used), test);
}

/** An element-wise test; `or`s of tests on the same facet are merged into one pass. */
function elementsOf(p: IrPredicate, ctx: PlaceContext, f: ListFacet, test: (e: Frag) => Frag, slot = slotOf(p.field!, ctx)): PredicateSql {
  return { kind: 'elements', slot, facet: f, test };
}

function stringTest(slot: string, parts: readonly MatchPart[], cased: boolean): PredicateSql {
  const matchParts = cased ? parts : lowerParts(parts);
  const shape = stringShape([...matchParts]);
  return {
    kind: 'elements',
    slot,
    facet: cased ? 'texts' : 'lower',
    test: (x) => matchText(x, matchParts),
    regex: searchRegex(matchParts),
    ...(shape.kind === 'equals' ? { equals: shape.literal } : {}),
  };
}

/** Some element equals the value: `list_contains` needs no lambda, so it serves both modes. */
function contains(p: IrPredicate, ctx: PlaceContext, f: ListFacet, value: Frag): Frag {
  return sql`list_contains(${ctx.slots.use(slotOf(p.field!, ctx), f, ctx.used)}, ${value})`;
}

/**
 * Numbers written in the rule, on one field: an element is a JSON number equal to one of them,
 * or a string equal to one's canonical text or (ignoring case) its text as written.
 */
export function numbersSql(slot: string, numbers: ReadonlyArray<{ value: number; text: string }>, ctx: PlaceContext): Frag {
  const col = (f: ListFacet): Frag => ctx.slots.use(slot, f, ctx.used);
  const any = (f: ListFacet, values: Frag[]): Frag => (values.length === 1 ? sql`list_contains(${col(f)}, ${values[0]})` : sql`list_has_any(${col(f)}, [${join(values, sql`, `)}])`);
  return or(
    any('numbers', numbers.map((n) => param(n.value, 'float'))),
    any('strings', numbers.map((n) => str(String(n.value)))),
    any('lowerStrings', numbers.map((n) => str(n.text.toLowerCase()))),
  );
}

function compareTest(x: Frag, cmp: 'gt' | 'gte' | 'lt' | 'lte', value: number): Frag {
  const n = param(value, 'float');
  switch (cmp) {
    case 'gt':
      return sql`${x} > ${n}`;
    case 'gte':
      return sql`${x} >= ${n}`;
    case 'lt':
      return sql`${x} < ${n}`;
    case 'lte':
      return sql`${x} <= ${n}`;
  }
}

function valueTest(p: IrPredicate, t: Exclude<IrTest, { op: 'fieldref' }>, ctx: PlaceContext): PredicateSql {
  switch (t.op) {
    case 'string': {
      if (t.parts.length === 0) {
        const u = facet(p, ctx, 'value');
        return { kind: 'sql', sql: or(sql`${u} IS NULL`, typeIs(u, 'NULL'), sql`${stringText(u)} = ${str('')}`, facet(p, ctx, 'emptyItem')) };
      }
      return stringTest(slotOf(p.field!, ctx), t.parts, t.cased);
    }
    case 'number':
      return { kind: 'number', slot: slotOf(p.field!, ctx), value: t.value, text: t.text };
    case 'bool': {
      const text = str(String(t.value));
      return { kind: 'sql', sql: or(contains(p, ctx, 'booleans', text), contains(p, ctx, 'lowerStrings', text)) };
    }
    case 'null': {
      const u = facet(p, ctx, 'value');
      return { kind: 'sql', sql: or(sql`${u} IS NULL`, typeIs(u, 'NULL')) };
    }
    case 'exists': {
      const u = facet(p, ctx, 'value');
      return { kind: 'sql', sql: t.value ? sql`${u} IS NOT NULL` : sql`${u} IS NULL` };
    }
    case 'regex': {
      const pattern = param(duckdbRegex(t.source, t.flags, p.origin.pos), 'string');
      return elementsOf(p, ctx, 'texts', (x) => sql`regexp_matches(${x}, ${pattern})`);
    }
    case 'cidr': {
      const { first, last } = cidrRange(t.cidr, p.origin.pos);
      return elementsOf(p, ctx, 'ips', (h) => sql`(${h} BETWEEN ${str(first)} AND ${str(last)})`);
    }
    case 'compare':
      return elementsOf(p, ctx, 'toNumbers', (x) => compareTest(x, t.cmp, t.value));
    case 'timepart':
      throw new Refusal(`the ${t.part} modifier reads free-form date text the way JavaScript's Date.parse does, which SQL cannot reproduce exactly`);
  }
}

function fieldrefTest(p: IrPredicate, t: Extract<IrTest, { op: 'fieldref' }>, ctx: PlaceContext): PredicateSql {
  const f: ListFacet = t.cased ? 'texts' : 'lower';
  const mine = slotOf(p.field!, ctx);
  const other = slotOf(t.ref, ctx);
  const test = (a: Frag, b: Frag): Frag => {
    switch (t.mode) {
      case 'equals':
        return sql`${a} = ${b}`;
      case 'startswith':
        return sql`starts_with(${a}, ${b})`;
      case 'endswith':
        return sql`ends_with(${a}, ${b})`;
      case 'contains':
        return sql`contains(${a}, ${b})`;
    }
  };
  return { kind: 'sql', sql: anyOf(mine, f, ctx, (a) => anyOf(other, f, ctx, (b) => test(a, b))) };
}

function keywordTest(p: IrPredicate, ctx: PlaceContext): PredicateSql {
  const t = p.test;
  const kw = ctx.slots.keywordSlot();
  if (t.op === 'string') return stringTest(kw, t.parts, t.cased);
  if (t.op === 'regex') {
    const pattern = param(duckdbRegex(t.source, t.flags, p.origin.pos), 'string');
    return elementsOf(p, ctx, 'texts', (x) => sql`regexp_matches(${x}, ${pattern})`, kw);
  }
  throw new Refusal(`a keyword with the ${t.op} test has no field to apply to`);
}

/** One predicate for events of one record shape and category field mapping. */
export function predicateSql(p: IrPredicate, ctx: PlaceContext): PredicateSql {
  if (p.field === null) return keywordTest(p, ctx);
  if (p.test.op === 'fieldref') return fieldrefTest(p, p.test, ctx);
  return valueTest(p, p.test, ctx);
}
