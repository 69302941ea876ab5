/**
 * The query language: text → AST (parseQuery) → SQL chunks (compileQuery, compileFilter) →
 * rendered by a dialect with bound values only; explainQuery renders the AST in English.
 */
export type { Query, Expr, Pipe, Aggregation, ValueNode } from './ast.js';
export { QuerySyntaxError } from './errors.js';
export { parseQuery, QUERY_LIMITS } from './parser.js';
export { compileQuery, type CompileOptions, type CompiledQuery, type ResultShape } from './compile.js';
export { compileFilter, likePattern } from './filter.js';
export { resolveField, fieldValue, type ResolvedField } from './fields.js';
export { explainQuery } from './explain.js';
export { parseTime, parseDuration } from './time.js';
export * as sql from './sql/fragment.js';
export { render, type Dialect, type RenderedSql } from './sql/dialect.js';
export { duckdbDialect } from './sql/duckdb-dialect.js';
export { clickhouseDialect } from './sql/clickhouse-dialect.js';
