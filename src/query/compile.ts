/**
 * A parsed query → one SELECT (nested only when a pipe needs the previous stage's result,
 * e.g. `| head 1000 | stats ...`). The time range is a plain predicate on "@timestamp" so the
 * engine's zone maps prune; values are always bound.
 */
import type { Aggregation, Query } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { compileFilter } from './filter.js';
import { fieldValue, resolveField } from './fields.js';
import { and, cmp, fn, ident, join, param, raw, seq, type SqlFragment } from './sql/fragment.js';
import { render, type Dialect } from './sql/dialect.js';
import { duckdbDialect } from './sql/duckdb-dialect.js';

export type ResultShape = 'rows' | 'stats' | 'timechart';

export interface CompileOptions {
  from?: number;
  to?: number;
  /** Rows to return when the query has no `head`; default 100. */
  limit?: number;
  /** Hard cap, also on `head`; default 10,000. */
  maxRows?: number;
  /** The relation spanning all partitions; default `events`. */
  table?: string;
  now?: number;
  dialect?: Dialect;
}

export interface CompiledQuery {
  sql: string;
  params: unknown[];
  shape: ResultShape;
  /** Output columns when the query names them (stats, timechart, fields); empty for whole events. */
  columns: string[];
  fragment: SqlFragment;
}

interface Stage {
  from: SqlFragment;
  /** Whether `from` has the events schema (fields resolve) or is an aggregate (names are columns). */
  fromEvents: boolean;
  where?: SqlFragment;
  select?: SqlFragment;
  groupBy?: SqlFragment;
  orderBy: SqlFragment[];
  limit?: number;
  shape: ResultShape;
  columns: string[];
}

function renderStage(s: Stage, finalLimit: number | undefined): SqlFragment {
  const parts: SqlFragment[] = [raw('SELECT '), s.select ?? raw('*'), raw(' FROM '), s.from];
  if (s.where) parts.push(raw(' WHERE '), s.where);
  if (s.groupBy) parts.push(raw(' GROUP BY '), s.groupBy);
  if (s.orderBy.length) parts.push(raw(' ORDER BY '), join(s.orderBy, ', '));
  const limit = finalLimit ?? s.limit;
  if (limit !== undefined) parts.push(raw(' LIMIT '), param(limit));
  return seq(...parts);
}

function aggExpr(a: Aggregation, valueOf: (field: string) => SqlFragment): SqlFragment {
  if (a.fn === 'count') return a.field ? seq(raw('count('), valueOf(a.field), raw(')')) : raw('count(*)');
  const v = valueOf(a.field!);
  if (a.fn === 'dc') return fn('count_distinct', v);
  if (a.fn === 'min' || a.fn === 'max') return seq(raw(`${a.fn}(`), v, raw(')'));
  return seq(raw(`${a.fn}(`), fn('try_double', v), raw(')'));
}

export function compileQuery(q: Query, opts: CompileOptions = {}): CompiledQuery {
  const now = opts.now ?? Date.now();
  const maxRows = opts.maxRows ?? 10_000;
  const table = opts.table ?? 'events';
  const where: SqlFragment[] = [];
  if (opts.from !== undefined) where.push(cmp(ident('@timestamp'), '>=', fn('timestamp_from_micros', param(Math.round(opts.from * 1000)))));
  if (opts.to !== undefined) where.push(cmp(ident('@timestamp'), '<', fn('timestamp_from_micros', param(Math.round(opts.to * 1000)))));
  if (q.filter) where.push(compileFilter(q.filter, now));

  let stage: Stage = { from: ident(table), fromEvents: true, orderBy: [], shape: 'rows', columns: [], ...(where.length ? { where: and(...where) } : {}) };
  let headSeen: number | undefined;
  const wrap = (s: Stage): Stage => ({
    from: seq(raw('('), renderStage(s, undefined), raw(') AS t')),
    fromEvents: s.shape === 'rows' && s.columns.length === 0,
    orderBy: [],
    shape: s.shape,
    columns: s.columns,
  });
  const valueIn = (s: Stage) => (field: string): SqlFragment => {
    if (s.fromEvents) return fieldValue(resolveField(field));
    return ident(field);
  };

  for (const pipe of q.pipes) {
    switch (pipe.kind) {
      case 'stats':
      case 'timechart': {
        if (stage.limit !== undefined || stage.shape !== 'rows' || stage.columns.length) stage = wrap(stage);
        const v = valueIn(stage);
        const select: SqlFragment[] = [];
        const columns: string[] = [];
        if (pipe.kind === 'timechart') {
          select.push(seq(fn('time_bucket', param(pipe.spanMs * 1000), ident('@timestamp')), raw(' AS '), ident('_time')));
          columns.push('_time');
        }
        for (const b of pipe.by) {
          select.push(seq(v(b), raw(' AS '), ident(b)));
          columns.push(b);
        }
        for (const a of pipe.aggs) {
          select.push(seq(aggExpr(a, v), raw(' AS '), ident(a.name)));
          columns.push(a.name);
        }
        const keys = columns.length - pipe.aggs.length;
        stage = {
          ...stage,
          select: join(select, ', '),
          groupBy: keys ? raw(Array.from({ length: keys }, (_, i) => String(i + 1)).join(', ')) : undefined,
          orderBy: pipe.kind === 'timechart' ? [raw('1')] : [seq(ident(pipe.aggs[0].name), raw(' DESC'))],
          shape: pipe.kind,
          columns,
        };
        break;
      }
      case 'fields':
        if (stage.shape !== 'rows' || stage.columns.length || stage.limit !== undefined) {
          stage = wrap(stage);
          for (const f of pipe.fields) if (!stage.fromEvents && !stage.columns.includes(f)) throw new QuerySyntaxError(`no column "${f}" here (have: ${stage.columns.join(', ')})`, pipe.col);
        }
        {
          const v = valueIn(stage);
          stage.select = join(pipe.fields.map((f) => seq(v(f), raw(' AS '), ident(f))), ', ');
          stage.columns = [...pipe.fields];
        }
        break;
      case 'sort':
        if (stage.limit !== undefined) stage = wrap(stage);
        stage.orderBy = pipe.keys.map((k) => {
          const known = stage.columns.includes(k.field);
          if (!stage.fromEvents && !known) throw new QuerySyntaxError(`cannot sort by "${k.field}" (have: ${stage.columns.join(', ')})`, pipe.col);
          const expr = known && !stage.fromEvents ? ident(k.field) : known ? ident(k.field) : fieldValue(resolveField(k.field));
          return seq(expr, raw(k.desc ? ' DESC NULLS LAST' : ' ASC NULLS LAST'));
        });
        break;
      case 'head':
        if (stage.limit !== undefined) stage = wrap(stage);
        stage.limit = Math.min(pipe.count, maxRows);
        headSeen = stage.limit;
        break;
    }
  }
  if (stage.shape === 'rows' && stage.orderBy.length === 0 && stage.fromEvents) stage.orderBy = [raw('"@timestamp" DESC')];
  const finalLimit = Math.min(stage.limit ?? headSeen ?? opts.limit ?? 100, maxRows);
  const fragment = renderStage(stage, finalLimit);
  const { sql, params } = render(fragment, opts.dialect ?? duckdbDialect);
  return { sql, params, shape: stage.shape, columns: stage.columns, fragment };
}
