/**
 * The store contract. Every adapter (DuckDB now, ClickHouse later) implements it and must pass
 * the one conformance suite in conformance.ts.
 */
import type { VigilEvent } from '../core/event.js';

/** A bad record kept with its reason and original bytes, so nothing is lost silently. */
export interface DeadLetter {
  time: number;
  source: string;
  format: string;
  reason: string;
  /** Where in the input: line number, record index or byte offset. */
  position?: string;
  raw: string;
}

export interface RetentionPolicy {
  /** Drop partitions whose newest event is older than this; 0 keeps forever. */
  max_age_days: number;
  /** Drop oldest partitions while the store is larger than this; 0 means no size limit. */
  max_total_bytes: number;
  /** When set, expired partitions are written here as Parquet before they are dropped. */
  archive_dir?: string;
}

export interface PartitionInfo {
  name: string;
  /** Inclusive start and exclusive end of the partition's time range, epoch ms. */
  start: number;
  end: number;
  rows: number;
}

export interface RetentionResult {
  dropped: Array<{ partition: string; rows: number; reason: 'age' | 'size'; archived_to?: string }>;
}

export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/** SQL rendered by a dialect: text with placeholders plus the bound values, in order. */
export interface BoundSql {
  sql: string;
  params: unknown[];
}

export interface StoreStats {
  events: number;
  dead_letters: number;
  bytes: number;
  partitions: number;
}

/** A position in (ingest time, id) order; `id: ''` starts at the time itself. */
export interface IngestCursor {
  /** Epoch ms. */
  ingestTime: number;
  id: string;
}

export interface EventStore {
  /** Dialect name the query layer renders for (`duckdb`, `clickhouse`). */
  readonly dialect: string;
  /** Name of the relation that spans every partition, for the query compiler. */
  readonly eventsRelation: string;
  open(): Promise<void>;
  /** Durable when the promise resolves. Events may span several partitions. */
  append(events: VigilEvent[]): Promise<void>;
  appendDeadLetters(letters: DeadLetter[]): Promise<void>;
  /**
   * The relation to query for events in [from, to): fewer partitions to plan and scan than
   * `eventsRelation` when the range is narrow. Either bound may be open.
   */
  relationFor(from?: number, to?: number): Promise<string>;
  /** Runs SQL produced by the query layer (read-only). */
  query(sql: BoundSql): Promise<QueryResult>;
  getEvent(id: string): Promise<Record<string, unknown> | undefined>;
  /**
   * Stored events whose ingest time is after `after.ingestTime` (or equal, with a greater id),
   * in (ingest time, id) order, as the pipeline handed them to the store: what live detection
   * evaluates again after a crash (src/detect/live/evaluation-checkpoint.ts).
   */
  eventsIngestedAfter(after: IngestCursor, limit: number): Promise<VigilEvent[]>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
  partitions(): Promise<PartitionInfo[]>;
  applyRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
