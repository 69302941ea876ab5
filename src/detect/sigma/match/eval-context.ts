/**
 * Per-event scratch space shared by every rule evaluated on the event: each field slot is read
 * and lower-cased at most once per event. Slots are numbered per route; arrays are reused from
 * event to event (an epoch stamp says which entries are current), so evaluation allocates
 * nothing in the common case.
 */
import type { Accessor, MatchEvent } from './accessors.js';
import { allValues } from './accessors.js';

export class EvalContext {
  ev: MatchEvent = { native: {}, fields: {} };
  private epoch = 1;
  private stamp = new Uint32Array(64);
  private lowStamp = new Uint32Array(64);
  private raw: unknown[] = new Array(64);
  private low: string[] = new Array(64);
  private keywords: string[] | undefined;
  private keywordsLower: string[] | undefined;
  accessors: Accessor[] = [];

  reset(ev: MatchEvent, accessors: Accessor[]): void {
    this.ev = ev;
    this.accessors = accessors;
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.stamp.fill(0);
      this.lowStamp.fill(0);
      this.epoch = 1;
    }
    if (accessors.length > this.stamp.length) this.grow(accessors.length);
    this.keywords = undefined;
    this.keywordsLower = undefined;
  }

  value(slot: number): unknown {
    if (this.stamp[slot] === this.epoch) return this.raw[slot];
    // Rules compile on first use, and may add slots to the route in the middle of an event.
    if (slot >= this.stamp.length) this.grow(slot + 1);
    const v = this.accessors[slot](this.ev);
    this.raw[slot] = v;
    this.stamp[slot] = this.epoch;
    return v;
  }

  /** The slot's value lower-cased, when it is a string (the common case). */
  lower(slot: number, v: string): string {
    if (this.lowStamp[slot] === this.epoch) return this.low[slot];
    if (slot >= this.lowStamp.length) this.grow(slot + 1);
    const l = v.toLowerCase();
    this.low[slot] = l;
    this.lowStamp[slot] = this.epoch;
    return l;
  }

  /** Room for `slots` slots; what the current event already read stays. */
  private grow(slots: number): void {
    const n = Math.max(slots, this.stamp.length * 2);
    const stamp = new Uint32Array(n);
    const lowStamp = new Uint32Array(n);
    stamp.set(this.stamp);
    lowStamp.set(this.lowStamp);
    this.stamp = stamp;
    this.lowStamp = lowStamp;
    this.raw.length = n;
    this.low.length = n;
  }

  allValues(): string[] {
    return (this.keywords ??= allValues(this.ev));
  }

  allValuesLower(): string[] {
    return (this.keywordsLower ??= this.allValues().map((s) => s.toLowerCase()));
  }
}
