/**
 * The one event shape that flows end to end (ARCHITECTURE.md §2).
 *
 * - `fields`: normalized fields with flat, dotted ECS names (`source.ip`, `event.category`).
 *   Flat rather than nested so that a field is one map lookup for the matcher and one
 *   column or JSON key for the store.
 * - `native`: the source's parsed original record (Windows `Event.System`/`Event.EventData`,
 *   CloudTrail keys, Zeek columns, auditd keys). Sigma rules match against it through a
 *   logsource field mapping, so it is kept verbatim, nested as the source had it.
 * - `meta`: everything about the event rather than in it: where it came from, its Sigma
 *   logsource, when it was received, parse warnings, original bytes when policy keeps them.
 */

/** A normalized field value: a scalar or a list of scalars (ECS keyword arrays such as `event.category`). */
export type Scalar = string | number | boolean | null;
export type FieldValue = Scalar | Scalar[];
export type EcsFields = Record<string, FieldValue>;

/** The Sigma logsource triple the event belongs to; any part may be absent. */
export interface Logsource {
  product?: string;
  service?: string;
  category?: string;
}

export interface EventMeta {
  /** Configured source id (`syslog-udp`, `api`, `file:/var/log/auth.log`). */
  source: string;
  /** Codec/format that produced the record (`ndjson`, `syslog`, `evtx`, `netflow`, ...). */
  format?: string;
  logsource?: Logsource;
  tenant?: string;
  /** When Vigil received the record, epoch milliseconds. */
  ingestTime: number;
  /** Original bytes as text, only where policy keeps them. */
  raw?: string;
  /** Non-fatal problems met while parsing or normalizing. */
  warnings?: string[];
}

export interface VigilEvent {
  /** Unique, time-sortable id assigned at ingest. */
  id: string;
  /** Event time, epoch milliseconds (fractional part carries sub-millisecond precision). */
  ts: number;
  fields: EcsFields;
  native: Record<string, unknown>;
  meta: EventMeta;
}

/**
 * What a codec/normalizer produces from one input record, before the pipeline assigns
 * an id and the source metadata. Codecs are pure: they never read the clock, so `ts`
 * may be missing and the pipeline fills it with the ingest time (and records a warning).
 */
export interface NormalizedRecord {
  ts?: number;
  fields: EcsFields;
  native: Record<string, unknown>;
  logsource?: Logsource;
  warnings?: string[];
  raw?: string;
}

/** A record a codec could not turn into an event: counted, dead-lettered, never thrown. */
export interface RejectedRecord {
  /** 1-based line number, record index or byte offset, as meaningful for the format. */
  position: { line?: number; index?: number; offset?: number };
  reason: string;
  raw?: string | Uint8Array;
}

export type CodecResult = { ok: true; record: NormalizedRecord } | { ok: false; rejected: RejectedRecord };

export function isoTimestamp(ts: number): string {
  return new Date(ts).toISOString();
}
