/**
 * Reader for Zeek's JSON logs (`LogAscii::use_json=T`, or the json-streaming-logs package),
 * producing the same canonical records as the TSV reader (see record.ts).
 *
 * JSON carries no Zeek types, so the conversions are by value and by name: numbers are
 * rounded to the TSV precision, strings are put in canonical text form, time fields (by
 * name) given as ISO 8601 strings or epoch milliseconds become epoch seconds, nested
 * objects (`LogAscii::json_flatten` off) are flattened to Zeek's dotted column names.
 */
import { canonicalNumber, isoToEpochSeconds, isTimeFieldName, type ZeekRecord, type ZeekScalar, type ZeekValue } from './record.js';
import { canonicalText } from './text.js';

export interface ZeekJsonOptions {
  /** Log stream name when the record has no `_path` (plain Zeek JSON does not write one). */
  defaultPath?: string;
  /**
   * How numeric times are written (`LogAscii::json_timestamps`): epoch seconds (Zeek's
   * default) or epoch milliseconds (`JSON::TS_MILLIS`). ISO 8601 strings are always accepted.
   */
  numericTime?: 'seconds' | 'millis';
  /** Extra `time` columns of custom or package logs, beyond the standard names in record.ts. */
  timeFields?: readonly string[];
}

export type ZeekJsonLine = { ok: true; record: ZeekRecord } | { ok: false; reason: string };

/** Metadata the json-streaming-logs package adds; not Zeek columns, so not record fields. */
const STREAMING_METADATA = new Set(['_path', '_write_ts', '_system_name']);

/** Nesting deeper than this is not something Zeek writes; refuse rather than recurse without bound. */
const MAX_DEPTH = 16;

function scalar(v: unknown): ZeekScalar | null | undefined {
  if (typeof v === 'string') return canonicalText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? canonicalNumber(v) : undefined;
  if (typeof v === 'boolean') return v;
  if (v === null) return null;
  return undefined;
}

function timeValue(v: unknown, numericTime: 'seconds' | 'millis'): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return canonicalNumber(numericTime === 'millis' ? v / 1000 : v);
  if (typeof v === 'string') return isoToEpochSeconds(v);
  return undefined;
}

export function parseZeekJsonLine(line: string, options: ZeekJsonOptions = {}): ZeekJsonLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, reason: 'a Zeek JSON log line must be an object' };
  }
  const obj = parsed as Record<string, unknown>;
  const fields: Record<string, ZeekValue> = {};
  const ctx: FlattenContext = {
    numericTime: options.numericTime ?? 'seconds',
    extraTimeFields: new Set(options.timeFields ?? []),
  };
  const error = flatten(obj, '', fields, ctx, 0);
  if (error) return { ok: false, reason: error };
  const path = typeof obj._path === 'string' && obj._path.length > 0 ? obj._path : (options.defaultPath ?? 'unknown');
  return { ok: true, record: { path, fields } };
}

interface FlattenContext {
  numericTime: 'seconds' | 'millis';
  extraTimeFields: ReadonlySet<string>;
}

function flatten(
  obj: Record<string, unknown>,
  prefix: string,
  out: Record<string, ZeekValue>,
  ctx: FlattenContext,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return 'JSON nested too deeply';
  for (const [key, value] of Object.entries(obj)) {
    if (prefix === '' && STREAMING_METADATA.has(key)) continue;
    const name = prefix + key;
    if (value === null || value === undefined) continue;
    const isTime = isTimeFieldName(name) || ctx.extraTimeFields.has(name);
    if (isTime && (typeof value === 'string' || typeof value === 'number')) {
      const t = timeValue(value, ctx.numericTime);
      if (t === undefined) return `field '${name}': invalid time '${String(value).slice(0, 64)}'`;
      out[name] = t;
      continue;
    }
    if (Array.isArray(value)) {
      const items: Array<ZeekScalar | null> = [];
      for (const item of value) {
        const s = scalar(item);
        if (s === undefined) return `field '${name}': unsupported array element`;
        items.push(s);
      }
      out[name] = items;
      continue;
    }
    if (typeof value === 'object') {
      const error = flatten(value as Record<string, unknown>, name + '.', out, ctx, depth + 1);
      if (error) return error;
      continue;
    }
    const s = scalar(value);
    if (s === undefined || s === null) continue;
    out[name] = s;
  }
  return undefined;
}
