/**
 * Retro-hunts: a compiled Sigma rule set run as SQL over the stored `events` view. Rules are
 * evaluated in batches, one scan per batch: each query returns, per event, the indexes of the
 * batch's rules that match it. Rules with keywords go in their own batches, since only they
 * need the (costly) list of every value of the event.
 *
 * A batch whose query fails is split until the failing rule is found, so one rule the database
 * refuses (e.g. a regular expression its RE2 does not read) is reported and the others still run.
 */
import type { RecordShape, RuleInfo, SigmaBundle } from '../sigma/index.js';
import { duckdbDialect, render } from '../../query/index.js';
import type { BoundSql, QueryResult } from '../../storage/store.js';
import { ALL_SHAPES, compileSigmaToSql } from './compile.js';
import { classifiedEvents } from './relation.js';
import type { Frag } from './sql-kit.js';
import { ident, join, param, sql } from './sql-kit.js';

export interface QueryableStore {
  query(bound: BoundSql): Promise<QueryResult>;
}

export interface StoredHuntOptions {
  /** Inclusive start of the event time range, epoch ms. */
  from?: number;
  /** Exclusive end, epoch ms. */
  to?: number;
  /** Rules per query (default 50). */
  batch_rules?: number;
  /**
   * Record shapes to compile for. Default: the shapes present in the range (one cheap query
   * first), so rules are not rendered for layouts the store does not hold.
   */
  shapes?: readonly RecordShape[];
}

export interface StoredDetection {
  rule: RuleInfo;
  /** False for rules that only feed a correlation. */
  standalone: boolean;
  eventId: string;
  /** Event time, epoch ms. */
  ts: number;
}

export interface StoredHuntResult {
  detections: StoredDetection[];
  /** Rules compiled to SQL and run. */
  compiled: number;
  /** Rules SQL cannot express with the matcher's semantics, with the reason. */
  refused: Array<{ rule: RuleInfo; reason: string }>;
  /** Rules whose query the database rejected, with its error. */
  failed: Array<{ rule: RuleInfo; error: string }>;
  shapes: RecordShape[];
  queries: number;
  compile_ms: number;
  query_ms: number;
}

interface Compiled {
  index: number;
  where: Frag;
}

export async function detectedShapes(store: QueryableStore, from?: number, to?: number): Promise<RecordShape[]> {
  const relation = classifiedEvents({ ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  const bound = render(sql`SELECT DISTINCT _sigma_shape AS s FROM (${relation})`, duckdbDialect);
  const res = await store.query(bound);
  return ALL_SHAPES.filter((s) => res.rows.some((r) => r.s === s));
}

/** One scan: per event, the indexes (bundle rule indexes) of the given rules that match. */
export function batchQuery(rules: readonly Compiled[], opts: { from?: number; to?: number; values: boolean }): BoundSql {
  const relation = classifiedEvents(opts);
  const arms = rules.map((r) => sql`CASE WHEN ${r.where} THEN ${param(r.index, 'int')} END`);
  const hits = sql`list_filter([${join(arms, sql`, `)}], lambda _sq_h: _sq_h IS NOT NULL)`;
  const inner = sql`SELECT ${ident('id')} AS id, epoch_us(${ident('@timestamp')}) AS us, ${hits} AS hits FROM (${relation})`;
  return render(sql`SELECT id, us, hits FROM (${inner}) WHERE len(hits) > 0`, duckdbDialect);
}

export async function huntStoredEvents(bundle: SigmaBundle, store: QueryableStore, opts: StoredHuntOptions = {}): Promise<StoredHuntResult> {
  const range = { ...(opts.from !== undefined ? { from: opts.from } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) };
  const result: StoredHuntResult = { detections: [], compiled: 0, refused: [], failed: [], shapes: [], queries: 0, compile_ms: 0, query_ms: 0 };
  let t0 = performance.now();
  const shapes = opts.shapes ? [...opts.shapes] : await detectedShapes(store, opts.from, opts.to);
  result.shapes = shapes;
  result.queries += opts.shapes ? 0 : 1;
  result.query_ms += performance.now() - t0;

  t0 = performance.now();
  const plain: Compiled[] = [];
  const withKeywords: Compiled[] = [];
  for (const r of bundle.rules) {
    const c = compileSigmaToSql(r.ir, { filters: r.filters.map((f) => f.condition), shapes });
    if (!c.ok) {
      result.refused.push({ rule: r.info, reason: c.reason });
      continue;
    }
    result.compiled++;
    (c.keywords ? withKeywords : plain).push({ index: r.index, where: c.where });
  }
  result.compile_ms = performance.now() - t0;

  t0 = performance.now();
  const size = Math.max(1, opts.batch_rules ?? 50);
  const run = async (batch: Compiled[], values: boolean): Promise<void> => {
    let res: QueryResult;
    try {
      result.queries++;
      res = await store.query(batchQuery(batch, { ...range, values }));
    } catch (err) {
      if (batch.length === 1) {
        result.failed.push({ rule: bundle.rules[batch[0].index].info, error: (err as Error).message.split('\n')[0] });
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await run(batch.slice(0, half), values);
      await run(batch.slice(half), values);
      return;
    }
    for (const row of res.rows) {
      const us = row.us;
      const ts = (typeof us === 'number' ? us : Number(us)) / 1000;
      for (const h of row.hits as unknown[]) {
        const rule = bundle.rules[Number(h)];
        result.detections.push({ rule: rule.info, standalone: rule.standalone, eventId: String(row.id), ts });
      }
    }
  };
  for (const [list, values] of [[plain, false], [withKeywords, true]] as const) {
    for (let i = 0; i < list.length; i += size) await run(list.slice(i, i + size), values);
  }
  result.query_ms += performance.now() - t0;
  result.detections.sort((a, b) => a.ts - b.ts || a.rule.index - b.rule.index || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return result;
}
