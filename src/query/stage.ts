/**
 * One SELECT of a compiled query. Pipes fill in a stage; when a pipe needs the previous
 * result as it stands (a `stats` after a `head`, a `sort` after a `head`), the stage is
 * wrapped as a subquery and the next stage reads its output columns by name.
 */
import { allColumns } from '../storage/schema.js';
import { QuerySyntaxError } from './errors.js';
import type { FieldRef } from './ast.js';
import { fieldValue, resolveField } from './fields.js';
import { and, alias } from './sql/builder.js';
import { ident, join, param, seq, text, type SqlFragment } from './sql/fragment.js';

export type ResultShape = 'rows' | 'stats' | 'timechart';

export interface Stage {
  /** What the FROM clause reads: the events relation or a wrapped stage. */
  source: SqlFragment;
  /** `events`: names resolve as event fields; `columns`: names are the source's output columns. */
  scope: 'events' | 'columns';
  /** Output columns of the source when scope is `columns`. */
  sourceColumns: string[];
  where: SqlFragment[];
  /** Null selects every stored column. */
  select: Array<{ expr: SqlFragment; name: string }> | null;
  /** Number of leading select items that are grouping keys (aggregated stages). */
  groupKeys: number;
  aggregated: boolean;
  orderBy: SqlFragment[];
  limit?: number;
  shape: ResultShape;
}

export function eventsStage(relation: string): Stage {
  return { source: ident(relation), scope: 'events', sourceColumns: [], where: [], select: null, groupKeys: 0, aggregated: false, orderBy: [], shape: 'rows' };
}

export function outputColumns(stage: Stage): string[] {
  if (stage.select) return stage.select.map((s) => s.name);
  return stage.scope === 'events' ? allColumns().map((c) => c.name) : [...stage.sourceColumns];
}

/** The value of a named field in this stage: an event field, or one of the source's output columns. */
export function valueIn(stage: Stage, field: FieldRef): SqlFragment {
  if (stage.scope === 'columns') {
    if (!stage.sourceColumns.includes(field.name)) {
      throw new QuerySyntaxError(`no column "${field.name}" at this point of the query`, field.column, stage.sourceColumns.map((c) => `"${c}"`));
    }
    return ident(field.name);
  }
  try {
    return fieldValue(resolveField(field.name));
  } catch (err) {
    throw new QuerySyntaxError(err instanceof Error ? err.message : String(err), field.column);
  }
}

function isIdent(expr: SqlFragment, name: string): boolean {
  return expr.kind === 'ident' && expr.name === name;
}

/** The SELECT list: each chosen expression named by its output column (no alias when it already is). */
export function selectList(stage: Stage): SqlFragment[] {
  if (!stage.select) return outputColumns(stage).map((c) => ident(c));
  return stage.select.map((s) => (isIdent(s.expr, s.name) ? s.expr : alias(s.expr, ident(s.name))));
}

/** Newest first; the id breaks ties so that pages and repeated searches agree. */
export function defaultOrder(): SqlFragment[] {
  return [seq(ident('@timestamp'), text(' DESC')), seq(ident('id'), text(' DESC'))];
}

export function renderStage(stage: Stage, limit: number | undefined): SqlFragment {
  const parts: SqlFragment[] = [text('SELECT '), join(selectList(stage), text(', ')), text(' FROM '), stage.source];
  if (stage.where.length) parts.push(text(' WHERE '), and(...stage.where));
  if (stage.aggregated && stage.groupKeys > 0) {
    const ordinals = Array.from({ length: stage.groupKeys }, (_, i) => text(String(i + 1)));
    parts.push(text(' GROUP BY '), join(ordinals, text(', ')));
  }
  let order = stage.orderBy;
  if (!order.length && !stage.aggregated && stage.scope === 'events' && limit !== undefined) order = defaultOrder();
  if (order.length) parts.push(text(' ORDER BY '), join(order, text(', ')));
  if (limit !== undefined) parts.push(text(' LIMIT '), param(limit, 'int'));
  return seq(...parts);
}

/** The stage as the `n`-th subquery; the next stage reads its output columns by name. */
export function wrap(stage: Stage, n: number): Stage {
  const name = `_stage${n}`;
  return {
    source: seq(text('('), renderStage(stage, stage.limit), text(') AS '), ident(name)),
    scope: 'columns',
    sourceColumns: outputColumns(stage),
    where: [],
    select: null,
    groupKeys: 0,
    aggregated: false,
    orderBy: [],
    shape: stage.shape,
  };
}
