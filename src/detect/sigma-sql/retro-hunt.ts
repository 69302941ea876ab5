/**
 * Retro-hunts: a compiled Sigma rule set run as SQL over the stored `events` view. Rules no
 * stored event can reach are set aside (reach.ts); the others run in batches of one logsource,
 * one scan per batch: each query returns, per event, the indexes of the batch's rules that match
 * it. Rules with keywords go in their own batches, since only they need the (costly) list of
 * every value of the event.
 *
 * A batch whose query fails is split until the failing rule is found, so one rule the database
 * refuses (e.g. a regular expression its RE2 does not read) is reported and the others still run.
 */
import type { RecordShape, RuleInfo, SigmaBundle } from '../sigma/index.js';
import { duckdbDialect, render } from '../../query/index.js';
import type { BoundSql, QueryResult } from '../../storage/store.js';
import { compileSigmaToSql } from './compile.js';
import { reachableRules, shapesOf, storedClasses } from './reach.js';
import { classifiedEvents } from './relation.js';
import { arrayColumn, FieldSlots } from './slots.js';
import type { Frag } from './sql-kit.js';
import { and, ident, join, not, or, param, sql } from './sql-kit.js';

export interface QueryableStore {
  query(bound: BoundSql): Promise<QueryResult>;
}

export interface StoredHuntOptions {
  /** Inclusive start of the event time range, epoch ms. */
  from?: number;
  /** Exclusive end, epoch ms. */
  to?: number;
  /** Rules per query (default 100; keyword rules run ten times fewer a query). */
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
  /** Rules compiled to SQL that no stored event in range can reach (no event has their logsource): not queried. */
  unreached: RuleInfo[];
  shapes: RecordShape[];
  queries: number;
  compile_ms: number;
  query_ms: number;
}

type QueryMode = 'scalar' | 'lists' | 'multi';

interface Compiled {
  index: number;
  where: Frag;
  scalarWhere: Frag;
  route: Frag;
  keywords: boolean;
  facets: ReadonlySet<string>;
}

function keyOf(f: Frag): string {
  const r = render(f, duckdbDialect);
  return `${r.sql}\u0000${JSON.stringify(r.params)}`;
}


/** True on events where some field the rule reads holds an array (its scalar-mode answer does not count there). */
function ruleMulti(r: Compiled): Frag {
  const slots = new Set([...r.facets].map((f) => f.split(':')[0]).filter((id) => id !== 'kw'));
  return or(...[...slots].map((id) => ident(arrayColumn(id))));
}

/**
 * One scan for a batch of rules: per event, the bundle indexes of the batch's rules that match.
 * `scalar` tests list values on their first element (no lambdas: cheap to plan); a rule does not
 * answer on events where a field it reads holds an array, and is listed in `needs` there for a
 * `multi` query, which tests every element on the events where some field of its rules is an
 * array. `lists` tests every element on every event (keyword rules).
 */
export function batchQuery(rules: readonly Compiled[], slots: FieldSlots, mode: QueryMode, range: { from?: number; to?: number } = {}): BoundSql {
  const facets = new Set<string>();
  for (const r of rules) for (const f of r.facets) facets.add(f);
  const routes = new Map<string, Frag>();
  for (const r of rules) routes.set(keyOf(r.route), r.route);
  const relation = classifiedEvents({ ...range, slots, facets, routes: or(...routes.values()), mode: mode === 'scalar' ? 'scalar' : 'lists' });
  const indexes = (arms: Frag[]): Frag => sql`list_filter([${join(arms, sql`, `)}], lambda _sq_h: _sq_h IS NOT NULL)`;
  const hits = indexes(rules.map((r) => sql`CASE WHEN ${mode === 'scalar' ? and(not(ruleMulti(r)), r.scalarWhere) : r.where} THEN ${param(r.index, 'int')} END`));
  const needs = mode === 'scalar' ? indexes(rules.map((r) => sql`CASE WHEN ${ruleMulti(r)} THEN ${param(r.index, 'int')} END`)) : sql`[]::INTEGER[]`;
  const filter = mode === 'multi' ? sql`_sigma_multi AND len(hits) > 0` : sql`len(hits) > 0 OR len(needs) > 0`;
  const inner = sql`SELECT ${ident('id')} AS id, epoch_us(${ident('@timestamp')}) AS us, ${hits} AS hits, ${needs} AS needs, _sigma_multi FROM (${relation})`;
  return render(sql`SELECT id, us, hits, needs FROM (${inner}) WHERE ${filter}`, duckdbDialect);
}

export async function huntStoredEvents(bundle: SigmaBundle, store: QueryableStore, opts: StoredHuntOptions = {}): Promise<StoredHuntResult> {
  const range = { ...(opts.from !== undefined ? { from: opts.from } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) };
  const result: StoredHuntResult = { detections: [], compiled: 0, refused: [], failed: [], unreached: [], shapes: [], queries: 0, compile_ms: 0, query_ms: 0 };
  let t0 = performance.now();
  const classes = await storedClasses(store, range);
  const shapes = opts.shapes ? [...opts.shapes] : shapesOf(classes);
  result.shapes = shapes;
  result.queries++;
  result.query_ms += performance.now() - t0;

  t0 = performance.now();
  const plain: Compiled[] = [];
  const withKeywords: Compiled[] = [];
  const slots = new FieldSlots();
  for (const r of bundle.rules) {
    const c = compileSigmaToSql(r.ir, { filters: r.filters.map((f) => f.condition), shapes, slots });
    if (!c.ok) {
      result.refused.push({ rule: r.info, reason: c.reason });
      continue;
    }
    result.compiled++;
    (c.keywords ? withKeywords : plain).push({ index: r.index, where: c.where, scalarWhere: c.scalarWhere, route: c.route, keywords: c.keywords, facets: c.facets });
  }
  // Rules of one logsource in one batch: the batch computes fields only for events of its
  // logsources, and its rules share those fields.
  const byRoute = (list: Compiled[]): Compiled[] => {
    const keys = new Map(list.map((c) => [c, `${keyOf(c.route)}\u0000${String(c.index).padStart(8, '0')}`]));
    return list.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1));
  };
  byRoute(plain);
  byRoute(withKeywords);
  result.compile_ms = performance.now() - t0;

  t0 = performance.now();
  const reach = await reachableRules(store, classes, [...plain, ...withKeywords]);
  result.queries += reach.queries;
  for (const list of [plain, withKeywords]) {
    const kept = list.filter((c) => reach.reachable.has(c.index));
    for (const c of list) if (!reach.reachable.has(c.index)) result.unreached.push(bundle.rules[c.index].info);
    list.splice(0, list.length, ...kept);
  }

  const seen = new Set<string>();
  /** Records the rows' detections (once per rule and event); returns the rules some event needs the lists query for. */
  const add = (rows: QueryResult['rows']): Set<number> => {
    const needs = new Set<number>();
    for (const row of rows) {
      for (const n of row.needs as unknown[]) needs.add(Number(n));
      for (const h of row.hits as unknown[]) {
        const rule = bundle.rules[Number(h)];
        const key = `${rule.index}|${String(row.id)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.detections.push({ rule: rule.info, standalone: rule.standalone, eventId: String(row.id), ts: Number(row.us) / 1000 });
      }
    }
    return needs;
  };
  // Keyword values are lists on every event, so keyword rules run in lists mode. Lists queries
  // take smaller batches: DuckDB plans many lambdas in one select list in quadratic time.
  const size = Math.max(1, opts.batch_rules ?? 100);
  const listSize = Math.max(1, Math.ceil(size / 10));
  const run = async (batch: Compiled[], mode: QueryMode): Promise<void> => {
    let rows: QueryResult['rows'];
    try {
      result.queries++;
      rows = (await store.query(batchQuery(batch, slots, mode, range))).rows;
    } catch (err) {
      if (batch.length === 1) {
        result.failed.push({ rule: bundle.rules[batch[0].index].info, error: (err as Error).message.split('\n')[0] });
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await run(batch.slice(0, half), mode);
      await run(batch.slice(half), mode);
      return;
    }
    const needs = add(rows);
    const again = batch.filter((r) => needs.has(r.index));
    for (let i = 0; i < again.length; i += listSize) await run(again.slice(i, i + listSize), 'multi');
  };
  for (let i = 0; i < plain.length; i += size) await run(plain.slice(i, i + size), 'scalar');
  for (let i = 0; i < withKeywords.length; i += listSize) await run(withKeywords.slice(i, i + listSize), 'lists');
  result.query_ms += performance.now() - t0;
  result.detections.sort((a, b) => a.ts - b.ts || a.rule.index - b.rule.index || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return result;
}
