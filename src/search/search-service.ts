/**
 * Search: query text → AST → SQL (bound parameters only) → the store → rows as the API shows
 * them. One service behind `GET|POST /api/v1/search` and `vigil search --data`.
 */
import type { EventStore } from '../storage/store.js';
import { rowToEvent } from '../storage/row-to-event.js';
import { compileQuery, explainQuery, parseQuery, parseTime, QuerySyntaxError, type FilterNode } from '../query/index.js';
import { timeFromEventId } from '../core/ids.js';

/**
 * The time range a filter cannot match outside of, beyond the request's own: an `id:` term
 * (alone or ANDed with others) pins the event's millisecond, since ids encode their event time.
 */
export function impliedTimeRange(filter: FilterNode | null): { from: number; to: number } | undefined {
  if (!filter) return undefined;
  if (filter.type === 'and') {
    for (const child of filter.children) {
      const r = impliedTimeRange(child);
      if (r) return r;
    }
    return undefined;
  }
  if (filter.type !== 'term' || filter.field.name !== 'id' || filter.match.kind !== 'value') return undefined;
  if (filter.match.parts.some((p) => p.kind !== 'literal')) return undefined;
  const t = timeFromEventId(filter.match.text);
  return t === undefined ? undefined : { from: t, to: t + 1 };
}

/**
 * The id of a query that is exactly `id:<event id>` with nothing piped after it and a request
 * time range (if any) holding the id's whole millisecond: the store's getEvent answers it with
 * the same row, and cheaper than the general query (one partition, one row fetched by position).
 */
function singleEventLookup(ast: ReturnType<typeof parseQuery>, implied: { from: number; to: number } | undefined, from?: number, to?: number, limit?: number): string | undefined {
  const f = ast.filter;
  if (!implied || ast.pipes.length > 0 || limit === 0 || f?.type !== 'term') return undefined;
  if ((from !== undefined && from > implied.from) || (to !== undefined && to < implied.to)) return undefined;
  return f.match.kind === 'value' ? f.match.text : undefined;
}

export interface SearchRequest {
  q: string;
  from?: string | number;
  to?: string | number;
  limit?: number;
  explain?: boolean;
}

export interface SearchResponse {
  rows: Array<Record<string, unknown>>;
  shape: 'rows' | 'stats' | 'timechart';
  columns: string[];
  took_ms: number;
  explain?: string;
}

/** Bad query text or parameters: the API answers 400 with these details. */
export class SearchInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface SearchOptions {
  default_limit: number;
  max_rows: number;
}

export class SearchService {
  constructor(
    private readonly store: EventStore,
    private readonly opts: SearchOptions = { default_limit: 100, max_rows: 10_000 },
  ) {}

  async search(req: SearchRequest, now: number): Promise<SearchResponse> {
    const started = performance.now();
    let ast;
    try {
      ast = parseQuery(req.q);
    } catch (err) {
      if (err instanceof QuerySyntaxError) throw new SearchInputError('query_syntax', err.message, { column: err.column, expected: err.expected });
      if (err instanceof RangeError) throw new SearchInputError('bad_request', err.message);
      throw err;
    }
    const from = this.time(req.from, 'from', now);
    const to = this.time(req.to, 'to', now);
    if (from !== undefined && to !== undefined && from > to) throw new SearchInputError('bad_time_range', '"from" is after "to"');
    const implied = impliedTimeRange(ast.filter);
    const lookup = singleEventLookup(ast, implied, from, to, req.limit);
    if (lookup !== undefined) {
      const event = await this.store.getEvent(lookup);
      return {
        rows: event ? [event] : [],
        shape: 'rows',
        columns: [],
        took_ms: Math.round((performance.now() - started) * 10) / 10,
        ...(req.explain ? { explain: explainQuery(ast) } : {}),
      };
    }
    const table = await this.store.relationFor(
      implied && (from === undefined || implied.from > from) ? implied.from : from,
      implied && (to === undefined || implied.to < to) ? implied.to : to,
    );
    let compiled;
    try {
      compiled = compileQuery(ast, { from, to, limit: req.limit ?? this.opts.default_limit, maxRows: this.opts.max_rows, table, now });
    } catch (err) {
      if (err instanceof QuerySyntaxError) throw new SearchInputError('query_syntax', err.message, { column: err.column });
      throw err;
    }
    const result = await this.store.query({ sql: compiled.sql, params: compiled.params });
    const rows = compiled.shape === 'rows' && result.columns.includes('native') ? result.rows.map(rowToEvent) : result.rows;
    return {
      rows,
      shape: compiled.shape,
      columns: compiled.shape === 'rows' && result.columns.includes('native') ? [] : result.columns,
      took_ms: Math.round((performance.now() - started) * 10) / 10,
      ...(req.explain ? { explain: explainQuery(ast) } : {}),
    };
  }

  private time(value: string | number | undefined, name: string, now: number): number | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'number') return value;
    try {
      return parseTime(value, now);
    } catch (err) {
      throw new SearchInputError('bad_time', `${name}: ${err instanceof Error ? err.message.replace(/ \(at column \d+\)$/, '') : String(err)}`);
    }
  }
}
