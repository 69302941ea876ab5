/**
 * What every analytic shares: the event-time watermark and late counting, the counters, and
 * building the Detection. Time: the watermark is the newest event time seen minus
 * `allowed_lateness_ms`; an event older than it is counted as late and not used (its window
 * may already have been judged). Events inside the lateness are used in their own time, so
 * moderately disordered input (several shippers, several files) gives the same answer. Events
 * dated more than `max_future_ms` after their ingest time are counted as `future` and not used.
 */
import type { VigilEvent } from '../../core/event.js';
import type { Detection, DetectionLevel, Entities } from '../detection.js';
import type { Analytic, AnalyticStats, CommonParams } from './types.js';

/** A detection names at most this many triggering events. */
export const MAX_EVENT_IDS = 20;

export interface AnalyticIdentity {
  name: string;
  title: string;
  level: DetectionLevel;
  tags: readonly string[];
}

export abstract class AnalyticBase implements Analytic {
  readonly id: string;
  readonly title: string;
  readonly level: DetectionLevel;
  readonly tags: readonly string[];
  protected readonly counters = { events: 0, late: 0, future: 0, fired: 0 };
  private maxTs = Number.NEGATIVE_INFINITY;

  constructor(identity: AnalyticIdentity, protected readonly common: CommonParams) {
    this.id = `analytic:${identity.name}`;
    this.title = identity.title;
    this.level = common.level ?? identity.level;
    this.tags = identity.tags;
  }

  /** Cheap test on the event's fields: does this analytic care at all? */
  protected abstract accepts(e: VigilEvent): boolean;
  /** The event, accepted and on time. */
  protected abstract observe(e: VigilEvent): Detection[];
  /** The per-entity tables, for the entity and eviction counts. */
  protected abstract tables(): readonly { size: number; evicted: number }[];
  /** Items dropped inside an entity (a user's oldest country, a host's oldest path). */
  protected droppedItems = 0;
  /** Events for a window or bucket already judged (counted with `late`). */
  protected lateWindows = 0;

  get watermark(): number {
    return this.maxTs - this.common.allowed_lateness_ms;
  }

  process(e: VigilEvent): Detection[] {
    if (!this.accepts(e)) return [];
    this.counters.events++;
    // One device with a clock years ahead must not push the watermark and make everything else late.
    if (e.ts > e.meta.ingestTime + this.common.max_future_ms) {
      this.counters.future++;
      return [];
    }
    if (e.ts < this.watermark) {
      this.counters.late++;
      return [];
    }
    if (e.ts > this.maxTs) this.maxTs = e.ts;
    const out = this.observe(e);
    this.counters.fired += out.length;
    return out;
  }

  stats(): AnalyticStats {
    let entities = 0;
    let evicted = this.droppedItems;
    for (const t of this.tables()) {
      entities += t.size;
      evicted += t.evicted;
    }
    return { id: this.id, ...this.counters, late: this.counters.late + this.lateWindows, entities, evicted };
  }

  protected detection(args: { ts: number; eventIds: string[]; eventCount: number; entities: Entities; explanation: string[]; details: Record<string, unknown> }): Detection {
    return {
      kind: 'analytic',
      rule: { id: this.id, title: this.title, level: this.level, tags: [...this.tags] },
      ts: args.ts,
      eventIds: args.eventIds.slice(-MAX_EVENT_IDS),
      eventCount: args.eventCount,
      entities: args.entities,
      explanation: args.explanation,
      details: args.details,
    };
  }
}
