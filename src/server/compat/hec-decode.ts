/**
 * Splunk HEC request bodies to records (pure). The event endpoint takes JSON event objects
 * back to back (`{"event":…}{"event":…}`, with or without whitespace between them); the raw
 * endpoint takes text, one event per line. A bad event never fails the others: it is rejected
 * with its 0-based event number (Splunk's `invalid-event-number`) and the HEC code it earns.
 */
import type { EcsFields, NormalizedRecord, RejectedRecord, Scalar } from '../../core/event.js';
import { normalizeGenericJson } from '../../codecs/json/generic.js';
import { exceedsJsonDepth } from '../../codecs/json/depth.js';
import { HEC, type HecStatus } from './hec-status.js';

export interface HecDecodeOptions {
  max_depth: number;
  max_record_bytes: number;
  /** Index names a request may name; empty means any well-formed name. */
  indexes: string[];
}

export interface HecProblem {
  /** 0-based event number, as Splunk reports it. */
  event: number;
  status: HecStatus;
}

export interface HecDecoded {
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
  /** The first bad event, which decides the response code. */
  problem?: HecProblem;
}

/** Default metadata for every event of a request (raw endpoint query parameters). */
export interface HecDefaults {
  host?: string;
  source?: string;
  sourcetype?: string;
  index?: string;
}

const INDEX_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;
const RAW_KEEP = 64 * 1024;

/** Finds where each top-level JSON object ends, tracking strings; no recursion, so depth costs nothing. */
export function splitConcatenated(text: string): Array<{ text: string; offset: number; error?: string }> {
  const out: Array<{ text: string; offset: number; error?: string }> = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    const start = i;
    if (c !== 0x7b) {
      // Not an object: skip to the next `{` so the events after the garbage still count.
      const next = text.indexOf('{', i);
      const end = next < 0 ? text.length : next;
      out.push({ text: text.slice(start, end), offset: start, error: `expected a JSON object at offset ${start}` });
      i = end;
      continue;
    }
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (inString) {
        if (ch === 0x5c) i++;
        else if (ch === 0x22) inString = false;
      } else if (ch === 0x22) inString = true;
      else if (ch === 0x7b || ch === 0x5b) depth++;
      else if ((ch === 0x7d || ch === 0x5d) && --depth === 0) break;
    }
    if (i >= text.length) {
      out.push({ text: text.slice(start), offset: start, error: `unterminated JSON object starting at offset ${start}` });
      break;
    }
    i++;
    out.push({ text: text.slice(start, i), offset: start });
  }
  return out;
}

export function decodeHecEvents(text: string, opts: HecDecodeOptions, defaults: HecDefaults = {}): HecDecoded {
  const out: HecDecoded = { records: [], rejected: [] };
  splitConcatenated(text).forEach((part, n) => {
    const fail = (status: HecStatus, reason: string) => {
      out.rejected.push({ position: { index: n + 1, offset: part.offset }, reason: `event ${n}: ${reason}`, raw: part.text.slice(0, RAW_KEEP) });
      out.problem ??= { event: n, status };
    };
    if (part.error) return fail(HEC.invalidDataFormat, part.error);
    if (part.text.length > opts.max_record_bytes) return fail(HEC.invalidDataFormat, `event of ${part.text.length} bytes exceeds max_record_bytes ${opts.max_record_bytes}`);
    if (exceedsJsonDepth(part.text, opts.max_depth)) return fail(HEC.invalidDataFormat, `JSON nested deeper than max_depth ${opts.max_depth}`);
    let envelope: Record<string, unknown>;
    try {
      envelope = JSON.parse(part.text) as Record<string, unknown>;
    } catch (err) {
      return fail(HEC.invalidDataFormat, `invalid JSON at offset ${part.offset}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const result = envelopeToRecord(envelope, opts, defaults, part.text);
    if ('status' in result) return fail(result.status, result.reason);
    out.records.push(result);
  });
  return out;
}

function envelopeToRecord(env: Record<string, unknown>, opts: HecDecodeOptions, defaults: HecDefaults, raw: string): NormalizedRecord | { status: HecStatus; reason: string } {
  if (!('event' in env)) return { status: HEC.eventRequired, reason: 'the "event" field is required' };
  const event = env.event;
  const blank = event === null || event === '' || (typeof event === 'object' && !Array.isArray(event) && Object.keys(event).length === 0);
  if (blank) return { status: HEC.eventBlank, reason: 'the "event" field is blank' };
  for (const key of ['host', 'source', 'sourcetype', 'index'] as const) {
    if (env[key] !== undefined && typeof env[key] !== 'string') return { status: HEC.invalidDataFormat, reason: `"${key}" must be a string` };
  }
  const index = (env.index as string | undefined) ?? defaults.index;
  if (index !== undefined && (!INDEX_NAME.test(index) || (opts.indexes.length > 0 && !opts.indexes.includes(index)))) {
    return { status: HEC.incorrectIndex, reason: `index "${index}" is not allowed` };
  }
  let ts: number | undefined;
  if (env.time !== undefined) {
    const t = typeof env.time === 'number' ? env.time : typeof env.time === 'string' && /^\d+(\.\d+)?$/.test(env.time) ? Number(env.time) : NaN;
    if (!Number.isFinite(t)) return { status: HEC.invalidDataFormat, reason: '"time" must be epoch seconds, e.g. 1437522387.123' };
    ts = t * 1000;
  }
  let fields: EcsFields;
  let native: Record<string, unknown> = env;
  let logsource: NormalizedRecord['logsource'];
  if (typeof event === 'object' && !Array.isArray(event)) {
    // The same normalizer as /api/v1/ingest: ECS events land in ECS fields, Windows JSON keeps
    // its native record and logsource for Sigma, a time inside the event is used if the
    // envelope has none.
    const inner = normalizeGenericJson(event as Record<string, unknown>);
    fields = inner.fields;
    if (Object.keys(inner.native).length) native = inner.native;
    logsource = inner.logsource;
    ts ??= inner.ts;
  } else {
    fields = { message: typeof event === 'string' ? event : JSON.stringify(event) };
  }
  if (env.fields !== undefined) {
    const indexed = indexedFields(env.fields);
    if (!indexed) return { status: HEC.indexedFieldsError, reason: '"fields" must be an object of strings, numbers or arrays of them' };
    for (const [k, v] of Object.entries(indexed)) fields[`labels.${k}`] = v;
  }
  const host = (env.host as string | undefined) ?? defaults.host;
  const source = (env.source as string | undefined) ?? defaults.source;
  const sourcetype = (env.sourcetype as string | undefined) ?? defaults.sourcetype;
  if (host !== undefined) fields['host.name'] = host;
  if (source !== undefined) fields['splunk.source'] = source;
  if (sourcetype !== undefined) fields['splunk.sourcetype'] = sourcetype;
  if (index !== undefined) fields['splunk.index'] = index;
  const record: NormalizedRecord = { fields, native, raw };
  if (ts !== undefined) record.ts = ts;
  if (logsource) record.logsource = logsource;
  return record;
}

/** Indexed fields are flat in Splunk: nested objects are an error (code 15). */
function indexedFields(v: unknown): Record<string, Scalar | Scalar[]> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, Scalar | Scalar[]> = {};
  const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (scalar(x)) out[k] = x as Scalar;
    else if (Array.isArray(x) && x.every(scalar)) out[k] = x as Scalar[];
    else return undefined;
  }
  return out;
}

/** The raw endpoint: each non-empty line is one event whose text is the message. */
export function decodeHecRaw(text: string, opts: HecDecodeOptions, defaults: HecDefaults): HecDecoded {
  const out: HecDecoded = { records: [], rejected: [] };
  if (defaults.index !== undefined && (!INDEX_NAME.test(defaults.index) || (opts.indexes.length > 0 && !opts.indexes.includes(defaults.index)))) {
    out.problem = { event: 0, status: HEC.incorrectIndex };
    return out;
  }
  const lines = text.split('\n');
  let n = 0;
  lines.forEach((rawLine, i) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    const event = n++;
    if (line.length > opts.max_record_bytes) {
      out.rejected.push({ position: { line: i + 1 }, reason: `line of ${line.length} bytes exceeds max_record_bytes ${opts.max_record_bytes}`, raw: line.slice(0, RAW_KEEP) });
      out.problem ??= { event, status: HEC.invalidDataFormat };
      return;
    }
    const fields: EcsFields = { message: line };
    if (defaults.host !== undefined) fields['host.name'] = defaults.host;
    if (defaults.source !== undefined) fields['splunk.source'] = defaults.source;
    if (defaults.sourcetype !== undefined) fields['splunk.sourcetype'] = defaults.sourcetype;
    if (defaults.index !== undefined) fields['splunk.index'] = defaults.index;
    out.records.push({ fields, native: {}, raw: line });
  });
  return out;
}
