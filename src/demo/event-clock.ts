/**
 * Event times for normal traffic: `count` timestamps in increasing order over the span,
 * denser during office hours and on weekdays, as real telemetry is.
 *
 * Streaming without sorting: the i-th time is the inverse of the cumulative activity curve at
 * (i + u) / count, u uniform in [0, 1). Each event gets its own stratum, so the sequence is
 * monotonic by construction, and the clock needs O(buckets) memory whatever the event count.
 * It has its own random stream, so the story's position in the output can be computed
 * (for the ground truth) without generating the normal records.
 */
import { Prng } from './prng.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** 0 → 1 → 0 across [from, to) hours, with one-hour ramps so activity does not jump. */
function bump(hour: number, from: number, to: number): number {
  if (hour < from - 1 || hour >= to + 1) return 0;
  if (hour < from) return hour - (from - 1);
  if (hour < to) return 1;
  return to + 1 - hour;
}

/**
 * Relative activity at a UTC instant. Offices in Europe (07–17 UTC) and the US (13–23 UTC);
 * machines keep a floor of background activity at night and on weekends.
 */
export function activityLevel(ts: number): number {
  const day = Math.floor(ts / DAY_MS);
  const hour = (ts - day * DAY_MS) / HOUR_MS;
  // 1970-01-01 was a Thursday: day + 4 mod 7 gives 0 = Sunday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  const people = 0.75 * bump(hour, 7, 17) + 0.5 * bump(hour, 13, 23);
  const weekendFactor = weekday === 0 || weekday === 6 ? 0.3 : 1;
  return 0.25 + people * weekendFactor;
}

export class EventClock {
  private readonly bucketMs: number;
  private readonly cumulative: Float64Array;
  private readonly total: number;
  private readonly rng: Prng;
  private index = 0;
  private bucket = 0;
  private last: number;

  constructor(
    private readonly start_ms: number,
    private readonly span_ms: number,
    private readonly count: number,
    seed: number | string,
  ) {
    this.rng = new Prng(seed, 'clock');
    // Five-minute resolution, coarser for very long spans so the table stays small.
    this.bucketMs = Math.max(300_000, Math.ceil(span_ms / 100_000));
    const buckets = Math.max(1, Math.ceil(span_ms / this.bucketMs));
    this.cumulative = new Float64Array(buckets + 1);
    for (let b = 0; b < buckets; b++) {
      const from = start_ms + b * this.bucketMs;
      const len = Math.min(this.bucketMs, start_ms + span_ms - from);
      this.cumulative[b + 1] = this.cumulative[b] + activityLevel(from + len / 2) * len;
    }
    this.total = this.cumulative[buckets];
    this.last = start_ms;
  }

  /** Events left to hand out. */
  get remaining(): number {
    return this.count - this.index;
  }

  /** The next event time, whole milliseconds, never decreasing, within [start, start + span). */
  next(): number {
    if (this.index >= this.count) throw new RangeError('EventClock exhausted');
    const target = ((this.index + this.rng.float()) / this.count) * this.total;
    this.index++;
    const cum = this.cumulative;
    while (this.bucket < cum.length - 2 && cum[this.bucket + 1] <= target) this.bucket++;
    const from = this.start_ms + this.bucket * this.bucketMs;
    const len = Math.min(this.bucketMs, this.start_ms + this.span_ms - from);
    const weight = cum[this.bucket + 1] - cum[this.bucket];
    let ts = Math.floor(from + ((target - cum[this.bucket]) / weight) * len);
    // Guard the float edges: stay monotonic and inside the span.
    if (ts < this.last) ts = this.last;
    const end = this.start_ms + this.span_ms - 1;
    if (ts > end) ts = end;
    this.last = ts;
    return ts;
  }
}
