/**
 * What the readers hand out: one record with its id, written time, file offset, the
 * evtx_dump-convention JSON object and its XML text (rendered on demand).
 */
import type { ParsedRecord } from './chunk.js';
import type { EvtxDamage } from './damage.js';
import { renderJson } from './render-json.js';
import type { JsonObject, JsonOptions } from './render-json.js';
import { renderXml } from './render-xml.js';

export interface EvtxRecord {
  recordId: number;
  /** Written time from the record header, ISO 8601 UTC with microseconds. */
  timestamp: string;
  /** Written time as epoch milliseconds (fraction = sub-millisecond part). */
  timestampMs: number;
  /** Absolute file offset of the record. */
  offset: number;
  chunkIndex: number;
  /** The record as evtx_dump JSON: `{Event: {System: …, EventData: …}}` (or `UserData`). */
  readonly event: JsonObject;
  /** The record as XML, as evtx_dump prints it (with the XML declaration). */
  xml(): string;
}

export type EvtxItem = { kind: 'record'; record: EvtxRecord } | { kind: 'damage'; damage: EvtxDamage };

/** The record's evtx_dump JSON, from its template instance when it has the plain form. */
export function recordJson(parsed: ParsedRecord, options: JsonOptions): JsonObject {
  return renderJson(parsed.instance ?? parsed.root, options);
}

/** A record parsed in this thread: JSON and XML are both rendered lazily from the tree. */
export class TreeRecord implements EvtxRecord {
  readonly recordId: number;
  readonly timestamp: string;
  readonly timestampMs: number;
  readonly offset: number;
  private json: JsonObject | undefined;

  constructor(
    private readonly parsed: ParsedRecord,
    chunkFileOffset: number,
    readonly chunkIndex: number,
    private readonly jsonOptions: JsonOptions,
  ) {
    this.recordId = parsed.recordId;
    this.timestamp = parsed.timestamp;
    this.timestampMs = parsed.timestampMs;
    this.offset = chunkFileOffset + parsed.chunkOffset;
  }

  get event(): JsonObject {
    this.json ??= recordJson(this.parsed, this.jsonOptions);
    return this.json;
  }

  xml(): string {
    return renderXml(this.parsed.root);
  }
}
