/**
 * Component contracts (ARCHITECTURE.md §3), in the spirit of Vector and the OTel Collector.
 *
 * Lifecycle: config validated by the definition's zod schema (pure, once, at the edge)
 * → `build` (may read files, opens nothing) → `start` (returns quickly) → `stop(deadline)`
 * (idempotent, flushes what was accepted before the deadline).
 */
import type { z } from 'zod';
import type { MetricsRegistry } from './metrics.js';
import type { NormalizedRecord, RejectedRecord } from './event.js';

/** The subset of pino's logger that components use, so core does not depend on pino. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface BuildContext {
  /** The component's id as configured (`syslog_udp`, `netflow`, ...). */
  id: string;
  metrics: MetricsRegistry;
  logger: Logger;
  dataDir: string;
}

export interface RunningComponent {
  start(): Promise<void>;
  /** Idempotent; flushes what was accepted; gives up at `deadline` (epoch ms). */
  stop(deadline: number): Promise<void>;
  /** Extra state for /api/v1/health (listening address, connections, template counts, ...). */
  health?(): Record<string, unknown>;
}

/** Where a source sends its output. Awaiting `emit` is the backpressure: do not read more until it resolves. */
export interface SourceOutput {
  emit(batch: SourceBatch): Promise<void>;
  /**
   * For sources that cannot pause (UDP): never waits for space. When the pipeline is full the
   * batch is dropped and counted with reason `overload`. Optional so that simple test outputs
   * need only `emit`; sources fall back to `emit` without awaiting it when absent.
   */
  offer?(batch: SourceBatch): Promise<unknown>;
}

export interface SourceBatch {
  /** The configured source id, e.g. `syslog_udp`; becomes `meta.source`. */
  source: string;
  /** Codec that produced the records, e.g. `syslog`; becomes `meta.format`. */
  format: string;
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
}

export interface SourceDefinition<C> {
  kind: 'source';
  type: string;
  description: string;
  config: z.ZodType<C>;
  build(config: C, ctx: BuildContext, output: SourceOutput): RunningComponent | Promise<RunningComponent>;
}

/** A transform is preferably a pure function from a batch to a batch. */
export interface TransformDefinition<C> {
  kind: 'transform';
  type: string;
  description: string;
  config: z.ZodType<C>;
  build(config: C, ctx: BuildContext): Transform | Promise<Transform>;
}

export interface Transform {
  apply<E>(batch: E[]): E[] | Promise<E[]>;
}
