/**
 * Newest-first raw events in two steps, in one statement.
 *
 * The events relation is a UNION ALL view over time partitions, through which DuckDB does not
 * materialize late: for `WHERE <filter> ORDER BY "@timestamp" DESC LIMIT 100` it reads every
 * column — the large JSON documents too — of every row before filtering, unless the filter
 * can be pushed into the scans (a conjunction of tests on one column each). For other filters
 * (free text over two columns, OR across fields, JSON fields) this reads the filter's columns
 * and "@timestamp" first to find the newest N hits, then reads whole rows only between the
 * oldest and newest of those times, where zone maps skip the rest. Measured on 2M events:
 * free text 7 s → 0.5 s, OR across fields 3 s → 0.3 s; with no hit at all the second step
 * reads nothing. A pushable filter keeps the plain form, which is faster for it.
 */
import type { FilterNode } from './ast.js';
import { resolveField } from './fields.js';
import { and, alias, coalesce } from './sql/builder.js';
import { ident, join, param, seq, text, type SqlFragment } from './sql/fragment.js';
import { defaultOrder, selectList, type Stage } from './stage.js';

/** The one column a predicate reads, or null when it reads several (or JSON inside a document). */
function singleColumn(node: FilterNode, freeTextColumns: readonly string[]): string | null {
  switch (node.type) {
    case 'text':
      return freeTextColumns.length === 1 ? freeTextColumns[0] : null;
    case 'term': {
      try {
        const f = resolveField(node.field.name);
        return f.kind === 'json' ? null : f.name;
      } catch {
        return null;
      }
    }
    case 'not':
      return singleColumn(node.child, freeTextColumns);
    case 'or': {
      const cols = node.children.map((c) => singleColumn(c, freeTextColumns));
      return cols.every((c) => c !== null && c === cols[0]) ? cols[0] : null;
    }
    case 'and':
      return null;
  }
}

/** True when DuckDB can push every conjunct of the filter into the table scans. */
export function isScanPushable(node: FilterNode, freeTextColumns: readonly string[]): boolean {
  if (node.type === 'and') return node.children.every((c) => isScanPushable(c, freeTextColumns));
  // `id:` compiles to a conjunction of single-column comparisons (id, "@timestamp").
  if (node.type === 'term' && node.field.name === 'id') return true;
  return singleColumn(node, freeTextColumns) !== null;
}

/** Epoch 0 stands in for "no hit": a range that holds no row, so the second step reads nothing. */
const NO_HIT_MS = 0;

export function renderNewestRows(stage: Stage, limit: number): SqlFragment {
  const where = and(...stage.where);
  const ts = ident('@timestamp');
  const hits = seq(text('WITH '), ident('_hits'), text(' AS (SELECT '), ts, text(' FROM '), stage.source, text(' WHERE '), where, text(' ORDER BY '), ts, text(' DESC LIMIT '), param(limit, 'int'), text(')'));
  const bound = (fn: 'min' | 'max', name: string) => alias(coalesce(seq(text(`${fn}(`), ts, text(')')), param(NO_HIT_MS, 'timestamp')), ident(name));
  const bounds = seq(text('(SELECT '), bound('min', '_lo'), text(', '), bound('max', '_hi'), text(' FROM '), ident('_hits'), text(') AS '), ident('_bounds'));
  const inRange = seq(ts, text(' BETWEEN '), ident('_bounds'), text('.'), ident('_lo'), text(' AND '), ident('_bounds'), text('.'), ident('_hi'));
  return seq(
    hits,
    text(' SELECT '),
    join(selectList(stage), text(', ')),
    text(' FROM '),
    stage.source,
    text(', '),
    bounds,
    text(' WHERE '),
    and(inRange, where),
    text(' ORDER BY '),
    join(defaultOrder(), text(', ')),
    text(' LIMIT '),
    param(limit, 'int'),
  );
}
