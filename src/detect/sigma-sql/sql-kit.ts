/**
 * Small SQL pieces shared by the Sigma → SQL compiler, built on the query layer's fragments
 * (`sql` tag, `param`, `ident`, `listAny`) so every value — rule values, JSON paths, even this
 * file's own string constants — is a bound parameter and never SQL text.
 *
 * The spellings are DuckDB's (`json_extract`, `json_type`, list lambdas): the dialect interface
 * has no portable node for JSON value types, `#text` unwrapping or list transforms, which the
 * matcher's value semantics need. docs/sigma-sql.md says what a second dialect would need.
 */
import { sql as S } from '../../query/index.js';

export type Frag = S.SqlFragment;

export const { sql, ident, param, join, listAny, and, or, not, coalesce, lower, TRUE, FALSE } = S;

/** A bound string (constants too: the SQL text holds no literal). */
export const str = (s: string): Frag => param(s, 'string');

/** `json_extract(column, path)`: the JSON value at a key path, SQL NULL when absent (JSON null stays `null`). */
export function jsonAt(column: string, path: readonly string[]): Frag {
  return sql`json_extract(${ident(column)}, ${str(S.duckdbJsonPath(path))})`;
}

/** The JSON value at `path` below a JSON expression. */
export function jsonBelow(value: Frag, path: readonly string[]): Frag {
  return sql`json_extract(${value}, ${str(S.duckdbJsonPath(path))})`;
}

export function jsonType(value: Frag): Frag {
  return sql`json_type(${value})`;
}

/**
 * `x` equals one of the values. Written `list_contains([…], x)` rather than `x IN (…)`: DuckDB
 * rewrites IN lists of constants into joins, which multiply when many rules share one query.
 */
export function oneOf(x: Frag, values: readonly Frag[]): Frag {
  if (values.length === 1) return sql`${x} = ${values[0]}`;
  return sql`list_contains([${S.join([...values], sql`, `)}], ${x})`;
}

export function typeIs(value: Frag, ...types: string[]): Frag {
  return oneOf(jsonType(value), types.map(str));
}

/** JSON scalar types whose text the matcher compares (`String(v)` of a string, number or boolean). */
export const SCALAR_TYPES = ['VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN'];
export const NUMBER_TYPES = ['BIGINT', 'UBIGINT', 'DOUBLE'];

/** The text of a JSON string; NULL for anything else (the matcher's `typeof v === 'string'`). */
export function stringText(value: Frag): Frag {
  return sql`CASE WHEN ${typeIs(value, 'VARCHAR')} THEN json_extract_string(${value}, ${str('$')}) END`;
}

/** evtx_dump's `{"#attributes": …, "#text": v}` → v (the matcher's unwrapText). */
export function unwrapText(value: Frag): Frag {
  return sql`CASE WHEN ${typeIs(value, 'OBJECT')} AND json_exists(${value}, ${str('$."#text"')}) THEN json_extract(${value}, ${str('$."#text"')}) ELSE ${value} END`;
}

/**
 * A value, or each element of an array value (and of arrays inside it, two levels deep), as a
 * list of JSON values: the matcher tests list-valued fields element by element.
 */
export function elements(value: Frag): Frag {
  const inner = sql`CASE WHEN json_type(_sq_x) = ${str('ARRAY')} THEN json_extract(_sq_x, ${str('$[*]')}) ELSE [_sq_x] END`;
  return sql`CASE WHEN ${typeIs(value, 'ARRAY')} THEN flatten(list_transform(json_extract(${value}, ${str('$[*]')}), lambda _sq_x: ${inner})) ELSE [${value}] END`;
}

/**
 * JavaScript's `String.prototype.trim` whitespace, as an RE2 class: the matcher trims numeric
 * text with it, and DuckDB's `trim` removes spaces only.
 */
const JS_SPACE = '[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

export function jsTrim(text: Frag): Frag {
  return sql`regexp_replace(${text}, ${str(`^${JS_SPACE}+|${JS_SPACE}+$`)}, ${str('')}, ${str('g')})`;
}
