/**
 * Detection in the running server: every event the pipeline stores is evaluated, on the same
 * stream, by the compiled Sigma bundle (filters included), the correlation engine and the other
 * detectors (analytics, intel). Detections go to listeners (alerting).
 *
 * Evaluation runs off the ingest acknowledgement path: stored batches queue here and are
 * evaluated a slice at a time, so HTTP stays responsive. The queue is bounded: when it is
 * full, the batch is evaluated at once, in the caller, which slows ingestion down instead of
 * losing events (backpressure, never a silent drop).
 */
import type { VigilEvent } from '../../core/event.js';
import type { Logger, Metric, MetricsRegistry } from '../../core/index.js';
import type { CompileResult, CorrelationOptions, SigmaBundle } from '../sigma/index.js';
import { CorrelationEngine } from '../sigma/index.js';
import type { Detection } from '../detection.js';
import { entitiesOfEvent } from '../detection.js';
import { EntityMemory } from './entity-memory.js';
import type { EventDetector } from './event-detector.js';
import { detectionFromCorrelation, detectionFromMatch, ruleKeyOf } from './to-detection.js';
import { RuleHistory } from './rule-history.js';
import { LatencyWindow } from './latency-window.js';

export interface LiveDetectionOptions {
  /** Events queued for evaluation before ingestion is made to wait. */
  max_queue_events: number;
  /** Events evaluated per turn of the event loop. */
  slice_events: number;
  correlation: CorrelationOptions;
}

/** Called once a stored batch's detections are delivered, with the newest ingest time evaluated so far. */
export type EvaluatedListener = (evaluatedThrough: number) => void | Promise<void>;

/** `events` are the evaluated events the detections came from, when at hand (not for correlations flushed at shutdown). */
export type DetectionListener = (detections: Detection[], events?: readonly VigilEvent[]) => void | Promise<void>;

export class LiveDetection {
  private bundle: SigmaBundle;
  private correlation: CorrelationEngine;
  private disabled = new Set<string>();
  private readonly detectors: EventDetector[] = [];
  private readonly listeners: DetectionListener[] = [];
  private readonly evaluatedListeners: EvaluatedListener[] = [];
  /** Newest ingest time among the evaluated events whose detections were delivered (evaluation-checkpoint.ts). */
  private through = 0;
  private readonly queue: VigilEvent[][] = [];
  private queued = 0;
  private draining: Promise<void> | undefined;
  /** Deliveries run one after another, in evaluation order. */
  private deliveries: Promise<void> = Promise.resolve();
  private readonly memory = new EntityMemory(100_000);
  readonly history = new RuleHistory();
  /** From the pipeline receiving an event to its detection reaching the listeners. */
  readonly latency = new LatencyWindow();
  private readonly evaluated: Metric;
  private readonly detectionsM: Metric;
  private readonly queueGauge: Metric;
  private readonly listenerFailures: Metric;

  constructor(
    compiled: CompileResult,
    private readonly opts: LiveDetectionOptions,
    metrics: MetricsRegistry,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {
    this.bundle = compiled.bundle;
    this.correlation = new CorrelationEngine(this.bundle, opts.correlation);
    this.evaluated = metrics.counter('vigil_events_evaluated_total', 'Events evaluated by detection, by source');
    this.detectionsM = metrics.counter('vigil_detections_total', 'Detections, by kind and level');
    this.queueGauge = metrics.gauge('vigil_detection_queue_events', 'Stored events waiting for detection');
    this.listenerFailures = metrics.counter('vigil_detection_listener_failures_total', 'Detection batches a listener (alerting) failed on');
  }

  get queuedEvents(): number {
    return this.queued;
  }

  get currentBundle(): SigmaBundle {
    return this.bundle;
  }

  /** Swaps in a recompiled rule set. Correlation windows in progress start over (documented). */
  replaceRules(compiled: CompileResult): void {
    this.history.carryOver(this.bundle, this.clock());
    this.bundle = compiled.bundle;
    this.correlation = new CorrelationEngine(this.bundle, this.opts.correlation);
  }

  setDisabled(keys: Set<string>): void {
    this.disabled = keys;
  }

  isDisabled(key: string): boolean {
    return this.disabled.has(key);
  }

  addDetector(d: EventDetector): void {
    this.detectors.push(d);
  }

  onDetections(listener: DetectionListener): void {
    this.listeners.push(listener);
  }

  onEvaluated(listener: EvaluatedListener): void {
    this.evaluatedListeners.push(listener);
  }

  get evaluatedThrough(): number {
    return this.through;
  }

  /** Where evaluation stands after a restart: the checkpoint's value, so that it never goes back. */
  resumeFrom(evaluatedThrough: number): void {
    this.through = Math.max(this.through, evaluatedThrough);
  }

  /** Pipeline listener: called with each stored batch. */
  readonly enqueue = (events: VigilEvent[]): void => {
    if (this.queued + events.length > this.opts.max_queue_events) {
      // Full: evaluate everything queued, then this batch, here and now (in order).
      while (this.queue.length) {
        const queued = this.queue.shift() as VigilEvent[];
        this.schedule(this.evaluate(queued), queued);
      }
      this.queued = 0;
      this.queueGauge.set({}, 0);
      this.schedule(this.evaluate(events), events);
      return;
    }
    this.queue.push(events);
    this.queued += events.length;
    this.queueGauge.set({}, this.queued);
    this.draining ??= this.drain();
  };

  /** Resolves once everything queued so far has been evaluated and handed to listeners. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
    await this.deliveries;
  }

  private schedule(detections: Detection[], events?: readonly VigilEvent[]): void {
    if (detections.length) this.deliveries = this.deliveries.then(() => this.deliver(detections, events));
    if (events?.length && this.evaluatedListeners.length) {
      const newest = newestIngest(events);
      this.deliveries = this.deliveries.then(() => this.markEvaluated(newest));
    }
  }

  private async markEvaluated(newest: number): Promise<void> {
    if (newest > this.through) this.through = newest;
    for (const l of this.evaluatedListeners) {
      try {
        await l(this.through);
      } catch (err) {
        this.logger.error({ err: String(err) }, 'evaluation checkpoint listener failed');
      }
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue[0];
        const slice = batch.length <= this.opts.slice_events ? (this.queue.shift() as VigilEvent[]) : batch.splice(0, this.opts.slice_events);
        this.queued -= slice.length;
        this.queueGauge.set({}, this.queued);
        const received = oldestIngest(slice);
        const found = this.evaluate(slice);
        this.schedule(found, slice);
        await this.deliveries;
        if (found.length) this.latency.add(this.clock() - received, found.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** Evaluates events in order; returns what they triggered. */
  evaluate(events: readonly VigilEvent[]): Detection[] {
    const out: Detection[] = [];
    const bySource = new Map<string, number>();
    for (const event of events) {
      bySource.set(event.meta.source, (bySource.get(event.meta.source) ?? 0) + 1);
      const matched = this.bundle.match(event);
      // Most events match nothing: no filtering (and no new array) for them.
      const matches = matched.length === 0 || this.disabled.size === 0 ? matched : matched.filter((m) => !this.disabled.has(ruleKeyOf(m.rule)));
      if (matches.length === 0) {
        if (this.bundle.correlations.length) out.push(...this.correlate([], event));
        continue;
      }
      const now = this.clock();
      for (const m of matches) {
        this.history.hit(ruleKeyOf(m.rule), now);
        if (m.standalone) out.push(detectionFromMatch(m, event));
      }
      if (this.bundle.correlations.length) {
        this.memory.remember(event.id, entitiesOfEvent(event));
        out.push(...this.correlate(matches, event));
      }
    }
    for (const d of this.detectors) {
      try {
        out.push(...d.process(events));
      } catch (err) {
        this.logger.error({ detector: d.name, err: String(err) }, 'detector failed on a batch');
      }
    }
    for (const [source, n] of bySource) this.evaluated.inc({ source }, n);
    for (const d of out) this.detectionsM.inc({ kind: d.kind, level: d.rule.level });
    this.history.sawRoutes(this.bundle, this.clock());
    return out;
  }

  private correlate(matches: Parameters<CorrelationEngine['process']>[0], event: VigilEvent): Detection[] {
    const fired = this.correlation.process(matches, event.ts, event.id);
    return fired.filter((c) => c.standalone && !this.disabled.has(c.correlation.id ?? c.correlation.name ?? c.correlation.title)).map((c) => detectionFromCorrelation(c, (id) => this.memory.get(id)));
  }

  private async deliver(detections: Detection[], events?: readonly VigilEvent[]): Promise<void> {
    if (detections.length === 0) return;
    for (const l of this.listeners) {
      try {
        await l(detections, events);
      } catch (err) {
        this.listenerFailures.inc({});
        this.logger.error({ err: String(err), detections: detections.length }, 'detection listener failed');
      }
    }
  }

  /** Detections still held by open correlation windows, at shutdown. */
  async flush(): Promise<void> {
    await this.idle();
    const fired = this.correlation.flush().filter((c) => c.standalone);
    this.schedule(fired.map((c) => detectionFromCorrelation(c, (id) => this.memory.get(id))));
    await this.deliveries;
  }
}

function newestIngest(events: readonly VigilEvent[]): number {
  let max = -Infinity;
  for (const e of events) if (e.meta.ingestTime > max) max = e.meta.ingestTime;
  return max;
}

function oldestIngest(events: readonly VigilEvent[]): number {
  let min = Infinity;
  for (const e of events) if (e.meta.ingestTime < min) min = e.meta.ingestTime;
  return min;
}
