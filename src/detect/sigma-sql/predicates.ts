/**
 * IR predicates → SQL with the matcher's value semantics (src/detect/sigma/match/predicates.ts):
 *  - a value test never matches an absent field; list values match when any element does;
 *  - strings, numbers and booleans are compared as their text by string and regex tests;
 *  - `''` matches an empty string, a JSON null or an absent field; `null` an absent or null one;
 *  - `exists` tells absent from present (a JSON null is present);
 *  - numbers match an equal number or the number's text as written; comparisons read numbers
 *    and numeric text (decimal or 0x hex, trimmed);
 *  - keywords search every value of the event's data (the `_sigma_values` column).
 * What SQL cannot express faithfully throws a Refusal naming the construct.
 */
import type { IrPredicate, IrTest, RecordShape } from '../sigma/index.js';
import { inCidr } from './ip.js';
import { withFieldValue } from './places.js';
import type { Frag } from './sql-kit.js';
import { anyElement, ident, jsTrim, listAny, lower, NUMBER_TYPES, or, param, scalarText, sql, str, stringText, typeIs } from './sql-kit.js';
import { duckdbRegex, regexTest, stringTest } from './text-tests.js';

/** A rule (or one of its predicates) that SQL cannot express with the matcher's semantics. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

export interface PlaceContext {
  shape: RecordShape;
  fieldmap: Readonly<Record<string, string>> | undefined;
}

/** The column holding every value of the event's data as text (see relation.ts). */
export const VALUES_COLUMN = '_sigma_values';

const NUMERIC_TEXT = '(?i)[-+]?(0x[0-9a-f]+|\\d+(\\.\\d*)?(e[-+]?\\d+)?|\\.\\d+)';

/** The matcher's toNumber: a JSON number, or numeric text (trimmed; decimal, exponent or 0x hex). */
function toNumber(e: Frag): Frag {
  const t = jsTrim(sql`json_extract_string(${e}, ${str('$')})`);
  // Hex up to 64 bits; the matcher's parseInt reads longer hex too (a documented gap).
  const digits = sql`concat(${str('0x')}, regexp_replace(_sq_n, ${str('(?i)^[-+]?0x')}, ${str('')}))`;
  const hex = sql`(CASE WHEN starts_with(_sq_n, ${str('-')}) THEN -1 ELSE 1 END) * CAST(TRY_CAST(${digits} AS UBIGINT) AS DOUBLE)`;
  const text = sql`list_transform([${t}], lambda _sq_n: CASE WHEN NOT regexp_full_match(_sq_n, ${str(NUMERIC_TEXT)}) THEN NULL WHEN regexp_matches(_sq_n, ${str('(?i)^[-+]?0x')}) THEN ${hex} ELSE TRY_CAST(_sq_n AS DOUBLE) END)[1]`;
  const num = sql`CASE WHEN ${typeIs(e, ...NUMBER_TYPES)} THEN TRY_CAST(json_extract_string(${e}, ${str('$')}) AS DOUBLE) WHEN ${typeIs(e, 'VARCHAR')} THEN ${text} END`;
  return sql`list_transform([${num}], lambda _sq_v: CASE WHEN isfinite(_sq_v) THEN _sq_v END)[1]`;
}

function compareNumber(x: Frag, cmp: 'gt' | 'gte' | 'lt' | 'lte', n: Frag): Frag {
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

function valueTest(u: Frag, t: Exclude<IrTest, { op: 'fieldref' }>, p: IrPredicate): Frag {
  switch (t.op) {
    case 'string':
      if (t.parts.length === 0) {
        const emptyOrNull = (e: Frag): Frag => or(typeIs(e, 'NULL'), sql`${stringText(e)} = ${str('')}`);
        return or(sql`${u} IS NULL`, emptyOrNull(u), sql`(${typeIs(u, 'ARRAY')} AND ${listAny(sql`json_extract(${u}, ${str('$[*]')})`, emptyOrNull)})`);
      }
      return anyElement(u, (e) => stringTest(scalarText(e), t.parts, t.cased));
    case 'number':
      return anyElement(u, (e) =>
        or(
          sql`(${typeIs(e, ...NUMBER_TYPES)} AND TRY_CAST(json_extract_string(${e}, ${str('$')}) AS DOUBLE) = ${param(t.value, 'float')})`,
          sql`(${stringText(e)} = ${str(String(t.value))} OR lower(${stringText(e)}) = ${str(t.text.toLowerCase())})`,
        ),
      );
    case 'bool':
      return anyElement(u, (e) =>
        or(
          sql`(${typeIs(e, 'BOOLEAN')} AND json_extract_string(${e}, ${str('$')}) = ${str(String(t.value))})`,
          sql`lower(${stringText(e)}) = ${str(String(t.value))}`,
        ),
      );
    case 'null':
      return or(sql`${u} IS NULL`, typeIs(u, 'NULL'));
    case 'exists':
      return t.value ? sql`${u} IS NOT NULL` : sql`${u} IS NULL`;
    case 'regex':
      return anyElement(u, (e) => regexTest(scalarText(e), duckdbRegex(t.source, t.flags, p.origin.pos)));
    case 'cidr':
      return anyElement(u, (e) => inCidr(stringText(e), t.cidr, p.origin.pos));
    case 'compare':
      return anyElement(u, (e) => compareNumber(toNumber(e), t.cmp, param(t.value, 'float')));
    case 'timepart':
      throw new Refusal(`the ${t.part} modifier reads free-form date text the way JavaScript's Date.parse does, which SQL cannot reproduce exactly`);
  }
}

function fieldrefTest(a: Frag, b: Frag, t: Extract<IrTest, { op: 'fieldref' }>): Frag {
  const x = t.cased ? a : lower(a);
  const y = t.cased ? b : lower(b);
  switch (t.mode) {
    case 'equals':
      return sql`${x} = ${y}`;
    case 'startswith':
      return sql`starts_with(${x}, ${y})`;
    case 'endswith':
      return sql`ends_with(${x}, ${y})`;
    case 'contains':
      return sql`contains(${x}, ${y})`;
  }
}

function keywordTest(p: IrPredicate): Frag {
  const t = p.test;
  const values = ident(VALUES_COLUMN);
  if (t.op === 'string') return listAny(values, (s) => stringTest(s, t.parts, t.cased));
  if (t.op === 'regex') {
    const pattern = duckdbRegex(t.source, t.flags, p.origin.pos);
    return listAny(values, (s) => regexTest(s, pattern));
  }
  throw new Refusal(`a keyword with the ${t.op} test has no field to apply to`);
}

/** One predicate as SQL for events of one record shape and category field mapping. */
export function predicateSql(p: IrPredicate, ctx: PlaceContext): Frag {
  if (p.field === null) return keywordTest(p);
  const t = p.test;
  if (t.op === 'fieldref') {
    return withFieldValue(p.field, ctx.shape, ctx.fieldmap, (u) =>
      withFieldValue(t.ref, ctx.shape, ctx.fieldmap, (r) => anyElement(u, (a) => anyElement(r, (b) => fieldrefTest(scalarText(a), scalarText(b), t)))),
    );
  }
  return withFieldValue(p.field, ctx.shape, ctx.fieldmap, (u) => valueTest(u, t, p));
}
