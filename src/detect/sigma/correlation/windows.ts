/**
 * The two window disciplines (docs/sigma.md, "Correlation"):
 *
 *  - sliding: for conditions that can only become true as entries arrive. When an entry
 *    arrives, every window of length `timespan` that contains it is checked; the first that
 *    satisfies the condition fires, and its entries are consumed (removed from the group) so the
 *    next detection needs new events.
 *  - tumbling: for conditions that need a complete window (upper bounds, equality, averages,
 *    percentiles). Time is cut into windows aligned to multiples of `timespan` since the epoch;
 *    a window is evaluated once, when the watermark passes its end (or at flush).
 */
import type { SigmaCorrelation } from '../model/types.js';
import { aggregate, conditionHolds } from './aggregate.js';
import type { Group } from './group-state.js';
import type { CorrelationEntry } from './types.js';

export interface Fired {
  value: number;
  entries: CorrelationEntry[];
  start: number;
  end: number;
}

/** Sliding: check the windows containing the entry at `at` (an index into group.entries). */
export function slideAndCheck(c: SigmaCorrelation, g: Group, at: number): Fired | undefined {
  const list = g.entries;
  const t = list[at].ts;
  const span = c.timespanMs;
  const newest = at === list.length - 1;
  // In order (the common case) the window ending at the new entry holds every other window
  // containing it, and the aggregates checked here only grow with more entries.
  const starts: number[] = [];
  if (newest) {
    let s = at;
    while (s > 0 && list[s - 1].ts >= t - span) s--;
    starts.push(s);
  } else {
    for (let s = at; s >= 0 && list[s].ts >= t - span; s--) starts.push(s);
  }
  for (const s of starts) {
    let e = s;
    while (e + 1 < list.length && list[e + 1].ts <= list[s].ts + span) e++;
    if (e < at) continue;
    const window = list.slice(s, e + 1);
    const v = aggregate(c, window);
    if (v !== undefined && conditionHolds(c.condition, v)) {
      list.splice(s, e - s + 1);
      return { value: v, entries: window, start: window[0].ts, end: window[window.length - 1].ts };
    }
  }
  return undefined;
}

export function bucketOf(ts: number, span: number): number {
  return Math.floor(ts / span);
}

/** Tumbling: evaluate a closed bucket. */
export function closeBucket(c: SigmaCorrelation, bucket: number, entries: CorrelationEntry[]): Fired | undefined {
  const v = aggregate(c, entries);
  if (v === undefined || !conditionHolds(c.condition, v)) return undefined;
  return { value: v, entries, start: bucket * c.timespanMs, end: (bucket + 1) * c.timespanMs };
}

/** Sliding: drop entries no window with an acceptable (not late) entry can reach. */
export function pruneSliding(g: Group, c: SigmaCorrelation, watermark: number): number {
  let n = 0;
  while (n < g.entries.length && g.entries[n].ts < watermark - c.timespanMs) n++;
  if (n > 0) g.entries.splice(0, n);
  return n;
}
