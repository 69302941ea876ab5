/**
 * Decoding NDJSON, JSON arrays and single JSON objects into records, one bad record never
 * failing the rest: each problem becomes a RejectedRecord with its line (or array index) and
 * reason, and keeps its original text for the dead-letter table.
 */
import type { NormalizedRecord, RejectedRecord } from '../../core/event.js';
import { exceedsJsonDepth } from './depth.js';
import { normalizeGenericJson } from './generic.js';

export interface JsonDecodeOptions {
  max_depth: number;
  max_record_bytes: number;
  /** Turns a parsed object into a record; defaults to the generic normalizer. */
  normalize?: (obj: Record<string, unknown>) => NormalizedRecord;
}

export const DEFAULT_JSON_OPTIONS: JsonDecodeOptions = { max_depth: 64, max_record_bytes: 1024 * 1024 };

export interface DecodeResult {
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
}

const RAW_KEEP_BYTES = 64 * 1024;

function reject(out: DecodeResult, position: RejectedRecord['position'], reason: string, raw: string): void {
  out.rejected.push({ position, reason, raw: raw.length > RAW_KEEP_BYTES ? raw.slice(0, RAW_KEEP_BYTES) : raw });
}

function accept(out: DecodeResult, value: unknown, position: RejectedRecord['position'], raw: string, opts: JsonDecodeOptions): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    reject(out, position, `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, raw);
    return;
  }
  try {
    out.records.push((opts.normalize ?? normalizeGenericJson)(value as Record<string, unknown>));
  } catch (err) {
    reject(out, position, `cannot normalize: ${err instanceof Error ? err.message : String(err)}`, raw);
  }
}

function parseOne(text: string, opts: JsonDecodeOptions): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (text.length > opts.max_record_bytes) return { ok: false, reason: `record of ${text.length} bytes exceeds max_record_bytes ${opts.max_record_bytes}` };
  if (exceedsJsonDepth(text, opts.max_depth)) return { ok: false, reason: `JSON nested deeper than max_depth ${opts.max_depth}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** NDJSON: one object per line; blank lines are skipped; line numbers are 1-based. */
export function decodeNdjson(text: string, opts: JsonDecodeOptions = DEFAULT_JSON_OPTIONS, firstLine = 1, out: DecodeResult = { records: [], rejected: [] }): DecodeResult {
  let start = 0;
  let line = firstLine;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let raw = text.slice(start, end);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.trim() !== '') {
      const parsed = parseOne(raw, opts);
      if (parsed.ok) accept(out, parsed.value, { line }, raw, opts);
      else reject(out, { line }, parsed.reason, raw);
    }
    start = end + 1;
    line++;
  }
  return out;
}

/**
 * A request body or file of unknown JSON layout: a JSON array (each element a record), a single
 * object (possibly pretty-printed over many lines), or NDJSON.
 */
export function decodeJsonAuto(text: string, opts: JsonDecodeOptions = DEFAULT_JSON_OPTIONS): DecodeResult {
  const first = text.search(/\S/);
  if (first < 0) return { records: [], rejected: [] };
  if (text[first] === '[') {
    const out: DecodeResult = { records: [], rejected: [] };
    const parsed = parseOne(text, { ...opts, max_record_bytes: Number.MAX_SAFE_INTEGER, max_depth: opts.max_depth + 1 });
    if (!parsed.ok) {
      reject(out, { line: 1 }, parsed.reason, text);
      return out;
    }
    const items = parsed.value as unknown[];
    items.forEach((item, index) => accept(out, item, { index }, JSON.stringify(item) ?? 'undefined', opts));
    return out;
  }
  const ndjson = decodeNdjson(text, opts);
  // A single pretty-printed object fails line by line but parses whole.
  if (ndjson.records.length === 0 && ndjson.rejected.length > 1) {
    const whole = parseOne(text.trim(), opts);
    if (whole.ok) {
      const out: DecodeResult = { records: [], rejected: [] };
      accept(out, whole.value, { line: 1 }, text, opts);
      return out;
    }
  }
  return ndjson;
}
