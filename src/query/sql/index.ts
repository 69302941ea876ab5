/**
 * The neutral SQL builder: fragments (`sql` tag, `ident`, `param`, `call`, JSON and list
 * lambdas) and composition helpers. Raw SQL text enters only through the `sql` tag's static parts.
 */
export {
  sql,
  ident,
  param,
  call,
  seq,
  join,
  jsonText,
  jsonAny,
  listAny,
  isFragment,
  isSafeIdentifier,
  TRUE,
  FALSE,
  type SqlFragment,
  type ParamType,
  type ParamValue,
  type PortableFunction,
  type JsonSource,
} from './fragment.js';
export { and, or, not, compare, isNull, isNotNull, between, inList, lower, like, ilike, regexMatches, listContains, coalesce, alias, type ComparisonOperator } from './builder.js';
export { render, type SqlDialect, type RenderedSql, type Bind } from './dialect.js';
export { duckdbDialect, duckdbJsonPath } from './duckdb-dialect.js';
export { clickhouseDialect } from './clickhouse-dialect.js';
