/**
 * What a correlation computes over a set of entries, and when its condition holds.
 */
import type { CorrelationCondition, SigmaCorrelation } from '../model/types.js';
import { toNumber } from '../match/predicates.js';
import type { CorrelationEntry } from './types.js';

export function conditionHolds(cond: CorrelationCondition, v: number): boolean {
  for (const c of cond.comparisons) {
    const ok = c.op === 'gt' ? v > c.value : c.op === 'gte' ? v >= c.value : c.op === 'lt' ? v < c.value : c.op === 'lte' ? v <= c.value : c.op === 'eq' ? v === c.value : v !== c.value;
    if (!ok) return false;
  }
  return true;
}

/**
 * Conditions that can only become true as entries are added (count or distinct count or sum of
 * non-negative values reaching a lower bound, all rules of a temporal correlation seen) are
 * evaluated on sliding windows as entries arrive. Everything else (upper bounds, equality,
 * averages, percentiles) needs the whole window and is evaluated on closed tumbling windows.
 */
export function isSliding(c: SigmaCorrelation): boolean {
  if (c.type === 'temporal' || c.type === 'temporal_ordered') return true;
  if (c.type === 'value_avg' || c.type === 'value_percentile') return false;
  return c.condition.comparisons.every((x) => x.op === 'gt' || x.op === 'gte');
}

/** Normalised form of a value for distinct counting. */
export function distinctKey(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'number' || typeof v === 'boolean') return 's' + String(v);
  return 'j' + JSON.stringify(v);
}

/** The aggregate of a correlation over entries (in time order). */
export function aggregate(c: SigmaCorrelation, entries: readonly CorrelationEntry[]): number | undefined {
  switch (c.type) {
    case 'event_count':
      return entries.length;
    case 'value_count': {
      const seen = new Set<string>();
      for (const e of entries) {
        const k = distinctKey(e.value);
        if (k !== undefined) seen.add(k);
      }
      return seen.size;
    }
    case 'value_sum':
    case 'value_avg':
    case 'value_percentile': {
      const nums: number[] = [];
      for (const e of entries) {
        const n = toNumber(e.value);
        if (n !== undefined) nums.push(n);
      }
      if (nums.length === 0) return undefined;
      if (c.type === 'value_sum') return nums.reduce((a, b) => a + b, 0);
      if (c.type === 'value_avg') return nums.reduce((a, b) => a + b, 0) / nums.length;
      return percentile(nums, c.condition.percentile ?? 95);
    }
    case 'temporal': {
      const seen = new Set<number>();
      for (const e of entries) seen.add(e.source);
      return seen.size;
    }
    case 'temporal_ordered':
      return inOrder(entries, c.rules.length) ? c.rules.length : 0;
  }
}

/** Nearest-rank percentile (the value below which p% of the values fall), as pySigma computes it. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(Math.floor((sorted.length * p) / 100), sorted.length - 1)];
}

/** Do entries (time order) contain source 0, then 1, ..., then n-1, each no earlier than the one before? */
export function inOrder(entries: readonly CorrelationEntry[], n: number): boolean {
  let want = 0;
  let lastTs = -Infinity;
  for (const e of entries) {
    if (e.source === want && e.ts >= lastTs) {
      want++;
      lastTs = e.ts;
      if (want === n) return true;
    }
  }
  return false;
}
