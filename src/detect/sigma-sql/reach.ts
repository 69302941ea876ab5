/**
 * Which rules some stored event can reach at all. The distinct classifications of the events in
 * range (shape, product, service, category, EventID, EventType) are few; each rule's routing
 * predicate is tested on them, without touching the events again. A rule no class satisfies
 * cannot match any stored event (its SQL starts with the same predicate), so it is reported and
 * not queried — as the file hunt reports rules no event had the logsource of.
 */
import type { RecordShape } from '../sigma/index.js';
import { duckdbDialect, render } from '../../query/index.js';
import type { BoundSql, QueryResult } from '../../storage/store.js';
import { ALL_SHAPES } from './compile.js';
import { classifiedEvents } from './relation.js';
import type { Frag } from './sql-kit.js';
import { ident, join, param, sql } from './sql-kit.js';

const CLASS = ['_sigma_shape', '_sigma_product', '_sigma_service', '_sigma_category', '_sigma_eid', '_sigma_etype'] as const;

export type EventClassRow = Record<(typeof CLASS)[number], string | number | null>;

interface Store {
  query(bound: BoundSql): Promise<QueryResult>;
}

export async function storedClasses(store: Store, range: { from?: number; to?: number }): Promise<EventClassRow[]> {
  const res = await store.query(render(sql`SELECT DISTINCT ${join(CLASS.map((c) => ident(c)), sql`, `)} FROM (${classifiedEvents(range)})`, duckdbDialect));
  return res.rows.map((r) => Object.fromEntries(CLASS.map((c) => [c, (r[c] ?? null) as string | number | null])) as EventClassRow);
}

export function shapesOf(classes: readonly EventClassRow[]): RecordShape[] {
  return ALL_SHAPES.filter((s) => classes.some((c) => c._sigma_shape === s));
}

const CHUNK = 500;

/** Bundle indexes of the rules whose route some class satisfies. */
export async function reachableRules(store: Store, classes: readonly EventClassRow[], rules: ReadonlyArray<{ index: number; route: Frag }>): Promise<{ reachable: Set<number>; queries: number }> {
  const reachable = new Set<number>();
  let queries = 0;
  if (classes.length === 0) return { reachable, queries };
  const rows = classes.map((c) => sql`(${join(CLASS.map((k) => (k === '_sigma_eid' ? param(c[k] === null ? null : Number(c[k]), 'float') : param(c[k] === null ? null : String(c[k]), 'string'))), sql`, `)})`);
  const values = sql`(VALUES ${join(rows, sql`, `)}) AS _sigma_classes(${join(CLASS.map((c) => ident(c)), sql`, `)})`;
  for (let i = 0; i < rules.length; i += CHUNK) {
    const chunk = rules.slice(i, i + CHUNK);
    const arms = chunk.map((r) => sql`CASE WHEN ${r.route} THEN ${param(r.index, 'int')} END`);
    queries++;
    const res = await store.query(render(sql`SELECT [${join(arms, sql`, `)}] AS hits FROM ${values}`, duckdbDialect));
    for (const row of res.rows) for (const h of row.hits as unknown[]) if (h !== null) reachable.add(Number(h));
  }
  return { reachable, queries };
}
