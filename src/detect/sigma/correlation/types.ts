/**
 * Correlation engine inputs, outputs, options and counters.
 */
import type { CorrelationType, SigmaLevel } from '../model/types.js';

/** One base detection (or a chained correlation detection) as a correlation sees it. */
export interface CorrelationEntry {
  ts: number;
  /** Position of the source in the correlation's `rules` list. */
  source: number;
  /** The condition field's value (value_count / value_sum / value_avg / value_percentile). */
  value: unknown;
  /** Opaque reference to the event(s) behind the entry (an event id in the pipeline, the record in hunts). */
  refs: unknown[];
}

export interface CorrelationDetection {
  correlation: { index: number; id?: string; name?: string; title: string; level?: SigmaLevel; tags: string[]; type: CorrelationType };
  /** Event time of the last entry of the window that satisfied the condition. */
  ts: number;
  window: { start: number; end: number };
  /** Group-by field → value (`null` when the events lacked the field). */
  groupBy: Record<string, unknown>;
  /** The aggregate that satisfied the condition: count, distinct count, sum, average, percentile or number of rules seen. */
  value: number;
  /** References of the contributing events, at most `max_events_per_detection`. */
  events: unknown[];
  /** How many events contributed (may exceed `events.length`). */
  eventCount: number;
  /** False when another correlation uses this one and it does not set `generate: true`. */
  standalone: boolean;
}

export interface CorrelationOptions {
  /** Events may arrive this much older than the newest event seen and still count (default 60 s). */
  allowed_lateness_ms?: number;
  /** Group states kept per correlation rule; beyond, the least recently updated group is evicted (counted). */
  max_groups_per_correlation?: number;
  /** Entries kept per group; beyond, the oldest are dropped (counted). */
  max_entries_per_group?: number;
  /** Event references carried in one detection. */
  max_events_per_detection?: number;
}

export const DEFAULT_CORRELATION_OPTIONS: Required<CorrelationOptions> = {
  allowed_lateness_ms: 60_000,
  max_groups_per_correlation: 100_000,
  max_entries_per_group: 1_000,
  max_events_per_detection: 100,
};

export interface CorrelationStats {
  title: string;
  mode: 'sliding' | 'tumbling';
  groups: number;
  entries: number;
  fired: number;
  /** Inputs older than the watermark (newest time − allowed lateness): counted, not used. */
  late: number;
  /** Groups evicted because max_groups_per_correlation was reached. */
  evictedGroups: number;
  /** Entries dropped because max_entries_per_group was reached. */
  truncatedEntries: number;
  /** Inputs without a usable condition-field value (value_* types). */
  missingValue: number;
}
