/**
 * The query language: text → AST (`parseQuery`) → SQL chunks (`compileQuery`, `compileFilter`)
 * → rendered by a dialect with bound values only; `explainQuery` renders the AST in English.
 *
 * The SQL builder (`sql`), the field resolver and the text-matching helpers are exported so
 * that Sigma rules compile to the same layer with the same semantics.
 */
export type {
  Query,
  FilterNode,
  TermNode,
  TextNode,
  Match,
  ValuePart,
  Network,
  Pipe,
  Aggregate,
  AggregateFunction,
  FieldRef,
  Span,
} from './ast.js';
export { QuerySyntaxError } from './errors.js';
export { DEFAULT_QUERY_LIMITS, DEFAULT_ROW_LIMIT, MAX_ROW_LIMIT, type QueryLimits } from './limits.js';
export { parseQuery, type ParseOptions } from './parser.js';
export { compileQuery, type CompileOptions, type CompiledQuery, type ResultShape } from './compile.js';
export { compileFilter, type FilterContext } from './filter.js';
export { DEFAULT_FREE_TEXT_COLUMNS, searchColumn } from './text-search.js';
export { compileTerm, textPredicate } from './predicates.js';
export { resolveField, fieldValue, fieldType, matchField, isDocumentColumn, type ResolvedField } from './fields.js';
export { textEquals, textContains, textPattern, textRegex, ipInNetwork, likePattern, escapeLike, hasLetterCase } from './text-match.js';
export { parseCidr, parseIPv4, parseIPv6 } from './cidr.js';
export { explainQuery } from './explain.js';
export { parseTime, parseTimeSpan, parseDuration, type TimeSpan } from './time.js';
export * as sql from './sql/index.js';
export { render, type SqlDialect, type Dialect, type RenderedSql } from './sql/dialect.js';
export { duckdbDialect } from './sql/duckdb-dialect.js';
export { clickhouseDialect } from './sql/clickhouse-dialect.js';
