/**
 * The reader every JSON cloud format shares. Providers deliver the same records in several
 * layouts, all accepted by one decoder:
 *  - a wrapper object holding the records in an array (`{"Records":[...]}` CloudTrail S3 objects,
 *    `{"records":[...]}` Azure diagnostic exports, `{"kind":"EventList","items":[...]}`),
 *    possibly one wrapper per line;
 *  - NDJSON, one record per line (CloudWatch/Event Hub/SIEM exports, API pagers);
 *  - a JSON array of records (API responses) or one pretty-printed record.
 * A bad record is rejected alone with its line and its index inside the wrapper or array; the
 * others are kept. NDJSON is decoded line by line as it streams; only documents that span lines
 * (pretty-printed, arrays) are held until the end, up to a bounded size.
 */
import type { NormalizedRecord, RejectedRecord } from '../../../core/event.js';
import type { DecodeResult, DecoderOptions, StreamDecoder } from '../../format.js';
import { exceedsJsonDepth } from '../../json/depth.js';

/** Thrown by a mapper for a record it cannot accept; becomes a rejection with the record's position. */
export class CloudRecordError extends Error {}

export function fail(reason: string): never {
  throw new CloudRecordError(reason);
}

export interface MapContext {
  /** The caller's clock, for records without any time (codecs never read the clock themselves). */
  now?: () => number;
}

/** One provider record → its event, or several when the record bundles events (Workspace activities). */
export type CloudMapper = (rec: Record<string, unknown>, ctx: MapContext) => NormalizedRecord | NormalizedRecord[];

export interface JsonRecordSpec {
  /** Keys of a wrapper object whose array holds the records (`Records`, `records`, `items`). */
  wrapperKeys: readonly string[];
  map: CloudMapper;
}

/** A whole multi-line document is held in memory up to this size (CloudTrail objects are far smaller). */
const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
const RAW_KEEP_CHARS = 64 * 1024;

type Position = RejectedRecord['position'];

export function createJsonRecordDecoder(opts: DecoderOptions, spec: JsonRecordSpec): StreamDecoder {
  let mode: 'undecided' | 'lines' | 'document' = 'undecided';
  const doc: string[] = [];
  let docChars = 0;
  let docLine = 1;
  let docTooLarge = false;
  const ctx: MapContext = opts.now ? { now: opts.now } : {};

  const reject = (out: DecodeResult, position: Position, reason: string, raw: string): void => {
    out.rejected.push({ position, reason, raw: raw.length > RAW_KEEP_CHARS ? raw.slice(0, RAW_KEEP_CHARS) : raw });
  };

  const mapOne = (out: DecodeResult, value: unknown, position: Position): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      reject(out, position, `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, JSON.stringify(value) ?? '');
      return;
    }
    try {
      const mapped = spec.map(value as Record<string, unknown>, ctx);
      if (Array.isArray(mapped)) out.records.push(...mapped);
      else out.records.push(mapped);
    } catch (err) {
      const reason = err instanceof CloudRecordError ? err.message : `cannot map record: ${err instanceof Error ? err.message : String(err)}`;
      reject(out, position, reason, JSON.stringify(value));
    }
  };

  /** A parsed top-level value: an array of records, a wrapper, or one record. */
  const mapValue = (out: DecodeResult, value: unknown, line: number): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => mapOne(out, item, { line, index }));
      return;
    }
    const o = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    const key = o && spec.wrapperKeys.find((k) => Array.isArray(o[k]));
    if (o && key) {
      (o[key] as unknown[]).forEach((item, index) => mapOne(out, item, { line, index }));
      return;
    }
    mapOne(out, value, { line });
  };

  const parse = (text: string, maxChars: number): { ok: true; value: unknown } | { ok: false; reason: string } => {
    if (text.length > maxChars) return { ok: false, reason: `record of ${text.length} bytes exceeds max_record_bytes ${maxChars}` };
    // Two levels more than a record may have: the wrapper object and its array.
    if (exceedsJsonDepth(text, opts.max_depth + 2)) return { ok: false, reason: `JSON nested deeper than max_depth ${opts.max_depth}` };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (err) {
      return { ok: false, reason: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  };

  /**
   * Whether the first line opens a document spanning lines (a pretty-printed object or an
   * array) rather than being an NDJSON record: it does not parse alone, and it is not a
   * complete-looking record that is merely broken (which NDJSON decoding rejects alone).
   */
  const startsDocument = (first: string): boolean => {
    if (first.startsWith('[')) return !(first.endsWith(']') && parse(first, MAX_DOCUMENT_CHARS).ok);
    if (!first.startsWith('{')) return false;
    return !first.endsWith('}') && !parse(first, MAX_DOCUMENT_CHARS).ok;
  };

  const decodeLine = (out: DecodeResult, line: string, lineNo: number): void => {
    // A wrapper line (a CloudTrail S3 object is one line) holds many records, so it may exceed
    // the per-record limit by design; a plain record may not.
    const wrapper = line.length > opts.max_record_bytes && spec.wrapperKeys.some((k) => line.slice(0, 512).includes(`"${k}"`));
    const parsed = parse(line, wrapper ? MAX_DOCUMENT_CHARS : opts.max_record_bytes);
    if (parsed.ok) mapValue(out, parsed.value, lineNo);
    else reject(out, { line: lineNo }, parsed.reason, line);
  };

  return {
    push(text, firstLine) {
      const out: DecodeResult = { records: [], rejected: [] };
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const lineNo = firstLine + i;
        let line = lines[i];
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (mode === 'document') {
          docChars += line.length + 1;
          if (docChars > MAX_DOCUMENT_CHARS) docTooLarge = true;
          else doc.push(line);
          continue;
        }
        const trimmed = line.trim();
        if (trimmed === '') continue;
        if (mode === 'undecided') {
          mode = startsDocument(trimmed) ? 'document' : 'lines';
          if (mode === 'document') {
            docLine = lineNo;
            doc.push(line);
            docChars = line.length + 1;
            continue;
          }
        }
        decodeLine(out, trimmed, lineNo);
      }
      return out;
    },
    end() {
      const out: DecodeResult = { records: [], rejected: [] };
      if (mode !== 'document') return out;
      if (docTooLarge) {
        reject(out, { line: docLine }, `JSON document longer than ${MAX_DOCUMENT_CHARS} characters`, doc.join('\n'));
        return out;
      }
      const text = doc.join('\n');
      const parsed = parse(text.trim(), MAX_DOCUMENT_CHARS);
      if (parsed.ok) mapValue(out, parsed.value, docLine);
      else {
        // Not one document after all (NDJSON whose first line is cut or broken): line by line,
        // so that the bad lines alone are rejected.
        doc.forEach((line, i) => {
          if (line.trim() !== '') decodeLine(out, line.trim(), docLine + i);
        });
      }
      doc.length = 0;
      return out;
    },
  };
}
