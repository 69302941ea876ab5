/**
 * `| stats …` and `| timechart …` → a grouped stage.
 *
 * Events without a value for a `by` field are left out (as in Splunk and Elastic terms
 * aggregations). Grouping by a list column counts each element, so `stats count() by
 * event.category` counts an event once per category: the list is unnested in a subquery.
 * Sums and averages of values read from JSON convert them to numbers (text that is not a
 * number is skipped); `dc` is exact.
 */
import type { Aggregate, FieldRef, StatsPipe, TimechartPipe } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { resolveField } from './fields.js';
import { isNotNull } from './sql/builder.js';
import { call, ident, param, seq, text, type SqlFragment } from './sql/fragment.js';
import { valueIn, type Stage } from './stage.js';

const NICE_SPANS_MS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200, 86400, 604800].map((s) => s * 1000);
/** Most buckets an automatic timechart span aims for. */
const AUTO_BUCKETS = 200;

/** The span of a timechart without `span=`: the smallest nice span giving at most 200 buckets. */
export function autoSpan(from: number | undefined, to: number | undefined): number {
  if (from === undefined || to === undefined || to <= from) return 3_600_000;
  const wanted = (to - from) / AUTO_BUCKETS;
  return NICE_SPANS_MS.find((s) => s >= wanted) ?? NICE_SPANS_MS[NICE_SPANS_MS.length - 1];
}

function isListField(stage: Stage, field: FieldRef): boolean {
  if (stage.scope !== 'events') return false;
  try {
    const f = resolveField(field.name);
    return f.kind === 'column' && f.type === 'string[]';
  } catch {
    return false;
  }
}

function numericValue(stage: Stage, field: FieldRef): SqlFragment {
  const v = valueIn(stage, field);
  if (stage.scope === 'events') {
    const f = resolveField(field.name);
    if (f.kind === 'column' && (f.type === 'int' || f.type === 'float')) return v;
    if (f.kind === 'column' && f.type !== 'string') throw new QuerySyntaxError(`${field.name} is not a number`, field.column);
  }
  return call('to_double', v);
}

function aggregateExpr(stage: Stage, a: Aggregate): SqlFragment {
  const fn = (name: string, arg: SqlFragment) => seq(text(`${name}(`), arg, text(')'));
  switch (a.fn) {
    case 'count':
      return a.field ? fn('count', valueIn(stage, a.field)) : text('count(*)');
    case 'dc':
      return call('count_distinct', valueIn(stage, a.field!));
    case 'sum':
    case 'avg':
      return fn(a.fn, numericValue(stage, a.field!));
    case 'min':
    case 'max': {
      // Typed columns keep their order (times, text); JSON values compare as numbers.
      const f = stage.scope === 'events' ? resolveField(a.field!.name) : undefined;
      return fn(a.fn, f?.kind === 'json' ? numericValue(stage, a.field!) : valueIn(stage, a.field!));
    }
  }
}

function checkNames(names: string[], pipe: StatsPipe | TimechartPipe): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new QuerySyntaxError(`the result would have two columns named "${n}"; rename one with "as"`, pipe.column);
    seen.add(n);
  }
}

/**
 * Turns `stage` into the grouped stage. `subquery` wraps the stage with list columns unnested
 * (it returns the wrapped stage), used only when a `by` field is a list column.
 */
export function aggregateStage(stage: Stage, pipe: StatsPipe | TimechartPipe, span_ms: number, unnestInto: (stage: Stage, lists: FieldRef[]) => Stage): Stage {
  const by = pipe.type === 'stats' ? pipe.by : pipe.by ? [pipe.by] : [];
  const lists = by.filter((f) => isListField(stage, f));
  let base = stage;
  if (lists.length) base = unnestInto(stage, lists);
  const keys: Array<{ expr: SqlFragment; name: string }> = [];
  if (pipe.type === 'timechart') {
    if (base.scope !== 'events' && !base.sourceColumns.includes('@timestamp')) {
      throw new QuerySyntaxError('timechart needs "@timestamp", which an earlier pipe removed', pipe.column);
    }
    keys.push({ expr: call('time_bucket', param(span_ms, 'int'), ident('@timestamp')), name: '_time' });
  }
  const where = [...base.where];
  for (const f of by) {
    const listIndex = lists.indexOf(f);
    const expr = listIndex >= 0 ? ident(`_by${listIndex + 1}`) : valueIn(base, f);
    keys.push({ expr, name: f.name });
    if (listIndex < 0) where.push(isNotNull(expr));
  }
  const aggregates = pipe.aggregates.map((a) => ({ expr: aggregateExpr(base, a), name: a.name }));
  const select = [...keys, ...aggregates];
  checkNames(select.map((s) => s.name), pipe);
  const ordinal = (i: number, desc = false) => text(`${i + 1}${desc ? ' DESC' : ''}`);
  const orderBy =
    pipe.type === 'timechart'
      ? keys.map((_, i) => ordinal(i))
      : [ordinal(keys.length, true), ...keys.map((_, i) => ordinal(i))];
  return { ...base, where, select, groupKeys: keys.length, aggregated: true, orderBy, shape: pipe.type, limit: undefined };
}
