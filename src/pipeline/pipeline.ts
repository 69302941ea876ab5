/**
 * The pipeline runtime: sources hand it batches; it turns records into events (id, time,
 * metadata), dead-letters what codecs rejected, applies transforms, and fans out to the
 * store (batched, acknowledged when durable) and to event listeners (detection).
 *
 * Counters answer "how many events from source X arrived, were stored, were evaluated,
 * and where did the rest go": received = stored + rejected + dropped(reason).
 */
import type { NormalizedRecord, SourceBatch, SourceOutput, VigilEvent } from '../core/index.js';
import { Batcher, MetricsRegistry, newEventId, type Metric, type Logger } from '../core/index.js';
import type { DeadLetter, EventStore } from '../storage/store.js';
import { reasonLabel } from './reason.js';

export interface PipelineOptions {
  max_batch_items: number;
  flush_interval_ms: number;
  /** Events buffered or being written before sources must wait (or, for UDP, drop). */
  max_pending_events: number;
  /** Keep original text of accepted records in meta.raw. */
  keep_raw: boolean;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  max_batch_items: 20_000,
  flush_interval_ms: 200,
  max_pending_events: 200_000,
  keep_raw: false,
};

/** A consumer of stored-path events, e.g. the detection engine. Must not throw. */
export type EventListener = (events: VigilEvent[]) => void;

export interface AcceptResult {
  accepted: number;
  rejected: number;
}

const MIN_TS = 0;
const MAX_TS = Date.UTC(2200, 0, 1);

export class Pipeline implements SourceOutput {
  private readonly batcher: Batcher<VigilEvent>;
  private readonly listeners: EventListener[] = [];
  private enrich: ((events: VigilEvent[]) => void) | undefined;
  private readonly received: Metric;
  private readonly stored: Metric;
  private readonly rejectedM: Metric;
  private readonly dropped: Metric;
  private readonly pendingGauge: Metric;
  private closing = false;

  constructor(
    private readonly store: EventStore,
    private readonly metrics: MetricsRegistry,
    private readonly logger: Logger,
    private readonly opts: PipelineOptions = DEFAULT_PIPELINE_OPTIONS,
    private readonly clock: () => number = Date.now,
  ) {
    this.received = metrics.counter('vigil_events_received_total', 'Records received, by source');
    this.stored = metrics.counter('vigil_events_stored_total', 'Events durably stored, by source');
    this.rejectedM = metrics.counter('vigil_events_rejected_total', 'Records rejected by a codec and dead-lettered, by source and reason');
    this.dropped = metrics.counter('vigil_events_dropped_total', 'Events dropped after acceptance, by source and reason');
    this.pendingGauge = metrics.gauge('vigil_pipeline_pending_events', 'Events buffered or being written to the store');
    this.batcher = new Batcher<VigilEvent>(
      { max_batch_items: opts.max_batch_items, flush_interval_ms: opts.flush_interval_ms, max_pending_items: opts.max_pending_events },
      (events) => this.write(events),
    );
  }

  /**
   * Enrichment before the store: called in place on each accepted batch of events, after they
   * got their ids and before they are stored and evaluated, so stored and detected events agree.
   */
  setEnrich(enrich: (events: VigilEvent[]) => void): void {
    this.enrich = enrich;
  }

  onEvents(listener: EventListener): void {
    this.listeners.push(listener);
  }

  get pending(): number {
    return this.batcher.pending;
  }

  /** SourceOutput: waits for space (backpressure) and for the store to acknowledge. */
  async emit(batch: SourceBatch): Promise<void> {
    await this.accept(batch);
  }

  /**
   * For sources that cannot wait (UDP): drops the batch with reason `overload` when the
   * pipeline is full instead of blocking. Resolves once the batch is stored or dropped.
   */
  async offer(batch: SourceBatch): Promise<AcceptResult> {
    const incoming = batch.records.length;
    if (this.closing || this.batcher.pending + incoming > this.opts.max_pending_events) {
      const reason = this.closing ? 'shutting_down' : 'overload';
      this.received.inc({ source: batch.source }, incoming + batch.rejected.length);
      this.dropped.inc({ source: batch.source, reason }, incoming);
      await this.deadLetter(batch);
      return { accepted: 0, rejected: batch.rejected.length };
    }
    return this.accept(batch);
  }

  /** Resolves when every accepted event of the batch is stored (or rejects if the store failed). */
  async accept(batch: SourceBatch): Promise<AcceptResult> {
    if (this.closing) throw new ShuttingDownError();
    const now = this.clock();
    this.received.inc({ source: batch.source }, batch.records.length + batch.rejected.length);
    await this.deadLetter(batch);
    const events = batch.records.map((r) => this.toEvent(r, batch, now));
    if (events.length && this.enrich) this.enrich(events);
    if (events.length) {
      this.pendingGauge.set({}, this.batcher.pending + events.length);
      await this.batcher.add(events);
    }
    return { accepted: events.length, rejected: batch.rejected.length };
  }

  /** Stops accepting and flushes everything accepted so far. */
  async close(): Promise<void> {
    this.closing = true;
    await this.batcher.close();
  }

  async flush(): Promise<void> {
    await this.batcher.flush();
  }

  private toEvent(r: NormalizedRecord, batch: SourceBatch, now: number): VigilEvent {
    let ts = r.ts;
    let warnings = r.warnings;
    if (ts === undefined || !Number.isFinite(ts) || ts < MIN_TS || ts >= MAX_TS) {
      warnings = [...(warnings ?? []), ts === undefined ? 'no event time: ingest time used' : `event time ${ts} out of range: ingest time used`];
      ts = now;
    }
    const event: VigilEvent = {
      id: newEventId(ts),
      ts,
      fields: r.fields,
      native: r.native,
      meta: { source: batch.source, format: batch.format, ingestTime: now },
    };
    if (r.logsource) event.meta.logsource = r.logsource;
    if (warnings?.length) event.meta.warnings = warnings;
    if (this.opts.keep_raw && r.raw !== undefined) event.meta.raw = r.raw;
    return event;
  }

  private async deadLetter(batch: SourceBatch): Promise<void> {
    if (batch.rejected.length === 0) return;
    const now = this.clock();
    const letters: DeadLetter[] = batch.rejected.map((r) => {
      this.rejectedM.inc({ source: batch.source, reason: reasonLabel(r.reason) });
      const p = r.position;
      const position = p.line !== undefined ? `line ${p.line}` : p.index !== undefined ? `index ${p.index}` : p.offset !== undefined ? `offset ${p.offset}` : undefined;
      const raw = r.raw === undefined ? '' : typeof r.raw === 'string' ? r.raw : `base64:${Buffer.from(r.raw).toString('base64')}`;
      return { time: now, source: batch.source, format: batch.format, reason: r.reason, position, raw };
    });
    try {
      await this.store.appendDeadLetters(letters);
    } catch (err) {
      // The rejection is still counted; losing the copy of a bad record must not fail good ones.
      this.dropped.inc({ source: batch.source, reason: 'dead_letter_write_failed' }, letters.length);
      this.logger.error({ err: String(err) }, 'dead-letter write failed');
    }
  }

  private async write(events: VigilEvent[]): Promise<void> {
    try {
      await this.store.append(events);
    } catch (err) {
      const bySource = countBySource(events);
      for (const [source, n] of bySource) this.dropped.inc({ source, reason: 'store_failed' }, n);
      this.logger.error({ err: String(err), events: events.length }, 'store append failed');
      throw err;
    } finally {
      this.pendingGauge.set({}, Math.max(0, this.batcher.pending - events.length));
    }
    for (const [source, n] of countBySource(events)) this.stored.inc({ source }, n);
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (err) {
        this.logger.error({ err: String(err) }, 'event listener failed');
      }
    }
  }
}

export class ShuttingDownError extends Error {
  override readonly name = 'ShuttingDownError';
  constructor() {
    super('Vigil is shutting down and no longer accepts events');
  }
}

function countBySource(events: VigilEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.meta.source, (m.get(e.meta.source) ?? 0) + 1);
  return m;
}
