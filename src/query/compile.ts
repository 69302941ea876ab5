/**
 * A parsed query → one SELECT against the events relation (nested only when a pipe needs the
 * previous stage's result as it stands, e.g. `| head 1000 | stats …`), rendered by a dialect
 * with every value bound.
 *
 * What a DuckDB expert would write, and what this writes: the time range as a plain
 * `"@timestamp" >= $1 AND "@timestamp" < $2` so zone maps skip row groups; promoted fields
 * compared on their typed columns without casts; JSON read only for fields that have no
 * column; raw results as a top-N on "@timestamp" (newest first), in two steps when the filter
 * cannot be pushed into the scans (newest-rows.ts).
 */
import { allColumns } from '../storage/schema.js';
import type { FieldRef, Query } from './ast.js';
import { aggregateStage, autoSpan } from './aggregate.js';
import { QuerySyntaxError } from './errors.js';
import { compileFilter } from './filter.js';
import { isScanPushable, renderNewestRows } from './newest-rows.js';
import { checkFreeTextColumns, DEFAULT_FREE_TEXT_COLUMNS } from './text-search.js';
import { DEFAULT_ROW_LIMIT, MAX_ROW_LIMIT } from './limits.js';
import { compare } from './sql/builder.js';
import { render, type SqlDialect } from './sql/dialect.js';
import { duckdbDialect } from './sql/duckdb-dialect.js';
import { call, ident, isSafeIdentifier, param, seq, text, type SqlFragment } from './sql/fragment.js';
import { eventsStage, outputColumns, renderStage, valueIn, wrap, type ResultShape, type Stage } from './stage.js';

export type { ResultShape } from './stage.js';

export interface CompileOptions {
  /** Start of the time range, epoch ms, inclusive. */
  from?: number;
  /** End of the time range, epoch ms, exclusive. */
  to?: number;
  /** Raw events to return when the query has no `| head`; default 100. Aggregated results are bounded by `maxRows` only. */
  limit?: number;
  /** Hard cap on returned rows, also on `| head`; default 10,000. */
  maxRows?: number;
  /** The relation that spans all partitions; default `events`. */
  table?: string;
  /** What relative times (`-1h`) count from; default the current time. */
  now?: number;
  /** Columns free text searches: text columns or whole JSON documents; default `message`, `process.command_line`. */
  freeTextColumns?: readonly string[];
  dialect?: SqlDialect;
}

export interface CompiledQuery {
  sql: string;
  params: unknown[];
  shape: ResultShape;
  /** Output columns, in order. */
  columns: string[];
  /** The statement before rendering, for callers that render it with another dialect. */
  fragment: SqlFragment;
}

function positiveInt(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number, got ${value}`);
  return value;
}

export function compileQuery(query: Query, options: CompileOptions = {}): CompiledQuery {
  const now = options.now ?? Date.now();
  const maxRows = Math.min(positiveInt(options.maxRows, 'maxRows') ?? MAX_ROW_LIMIT, MAX_ROW_LIMIT);
  const rowLimit = Math.min(positiveInt(options.limit, 'limit') ?? DEFAULT_ROW_LIMIT, maxRows);
  const table = options.table ?? 'events';
  if (!isSafeIdentifier(table)) throw new RangeError(`not a relation name: ${JSON.stringify(table)}`);
  for (const [name, v] of [['from', options.from], ['to', options.to]] as const) {
    // ±8.64e15 ms is the range of a JavaScript date, and more than any stored time.
    if (v !== undefined && !(Math.abs(v) <= 8.64e15)) throw new RangeError(`${name} must be epoch milliseconds, got ${v}`);
  }

  let stage = eventsStage(table);
  const ts = ident('@timestamp');
  if (options.from !== undefined) stage.where.push(compare(ts, '>=', param(options.from, 'timestamp')));
  if (options.to !== undefined) stage.where.push(compare(ts, '<', param(options.to, 'timestamp')));
  const freeTextColumns = checkFreeTextColumns(options.freeTextColumns ?? DEFAULT_FREE_TEXT_COLUMNS);
  if (query.filter) stage.where.push(compileFilter(query.filter, { now, freeTextColumns }));

  let subqueries = 0;
  const wrapped = (s: Stage) => wrap(s, ++subqueries);
  const unnestInto = (s: Stage, lists: FieldRef[]): Stage => {
    const select = [
      ...allColumns().map((c) => ({ expr: ident(c.name), name: c.name })),
      ...lists.map((f, i) => ({ expr: call('unnest', valueIn(s, f)), name: `_by${i + 1}` })),
    ];
    const inner = renderStage({ ...s, select }, s.limit);
    return { ...eventsStage(table), source: seq(text('('), inner, text(') AS '), ident(`_stage${++subqueries}`)) };
  };

  for (const pipe of query.pipes) {
    switch (pipe.type) {
      case 'stats':
      case 'timechart': {
        if (stage.aggregated || stage.limit !== undefined || stage.scope === 'columns' || stage.select) stage = wrapped(stage);
        else stage.orderBy = []; // an order before an aggregation changes nothing
        const span = pipe.type === 'timechart' ? pipe.span_ms || autoSpan(options.from, options.to) : 0;
        stage = aggregateStage(stage, pipe, span, unnestInto);
        break;
      }
      case 'sort': {
        if (stage.limit !== undefined) stage = wrapped(stage);
        const outputs = stage.aggregated || stage.select ? outputColumns(stage) : [];
        stage.orderBy = pipe.keys.map((k) => {
          let expr: SqlFragment;
          if (outputs.includes(k.field.name)) expr = ident(k.field.name);
          else if (stage.aggregated) {
            throw new QuerySyntaxError(`cannot sort by "${k.field.name}" after ${stage.shape}`, k.field.column, outputs.map((c) => `"${c}"`));
          } else expr = valueIn(stage, k.field);
          return seq(expr, text(k.descending ? ' DESC NULLS LAST' : ' ASC NULLS LAST'));
        });
        break;
      }
      case 'head':
        stage.limit = Math.min(stage.limit ?? Infinity, pipe.count, maxRows);
        break;
      case 'fields': {
        if (stage.aggregated) stage = wrapped(stage);
        const chosen = pipe.fields.map((f) => ({ expr: valueIn(stage, f), name: f.name }));
        const seen = new Set<string>();
        for (const f of pipe.fields) {
          if (seen.has(f.name)) throw new QuerySyntaxError(`"${f.name}" is listed twice`, f.column);
          seen.add(f.name);
        }
        stage.select = chosen;
        break;
      }
    }
  }

  const limit = Math.min(stage.limit ?? (stage.aggregated ? maxRows : rowLimit), maxRows);
  const newest = query.filter !== null && stage.shape === 'rows' && !stage.aggregated && stage.scope === 'events' && stage.orderBy.length === 0 && !isScanPushable(query.filter, freeTextColumns);
  const fragment = newest ? renderNewestRows(stage, limit) : renderStage(stage, limit);
  const { sql, params } = render(fragment, options.dialect ?? duckdbDialect);
  return { sql, params, shape: stage.shape, columns: outputColumns(stage), fragment };
}
