/**
 * The enrichment contract (ARCHITECTURE.md §1, "enrich/redact"): a transform over a batch of
 * events that adds fields in place, fast, with no I/O per event (databases and tables are
 * loaded when the enricher is built). Enrichers never throw on odd events: a value they cannot
 * use is counted and left alone.
 */
import type { VigilEvent } from '../core/event.js';

export interface EnricherStats {
  name: string;
  /** Events looked at. */
  events: number;
  /** Fields (or field groups) added. */
  enriched: number;
  /** Values that could not be used (not an address, unknown host) — counted, not errors. */
  skipped: number;
}

export interface Enricher {
  readonly name: string;
  enrich(events: VigilEvent[]): void;
  stats(): EnricherStats;
}

/** Runs enrichers in order over one batch. */
export function enrichBatch(enrichers: readonly Enricher[], events: VigilEvent[]): void {
  for (const e of enrichers) e.enrich(events);
}

/** A size-capped memo (oldest inserted dropped first): the same few thousand addresses recur. */
export class LookupCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
}
