/**
 * Decodes OTLP/JSON logs (the protobuf JSON mapping as the OTLP spec profiles it: lowerCamelCase
 * keys, 64-bit integers as strings or numbers, enums as integers, trace and span ids as hex,
 * bytes as base64) into the same model as the protobuf decoder. proto field names
 * (snake_case) are accepted too, as the JSON mapping allows.
 */
import { exceedsJsonDepth } from '../json/depth.js';
import { emptyLogRecord, int64Value, RecordTooDeepError, type OtlpAttributes, type OtlpDecodeLimits, type OtlpLogRecord, type OtlpLogsData, type OtlpValue } from './model.js';

export class OtlpJsonError extends Error {
  override readonly name = 'OtlpJsonError';
}

type Obj = Record<string, unknown>;

/** Looks up a field by its JSON name or its proto name. */
function get(o: Obj, camel: string): unknown {
  if (camel in o) return o[camel];
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return o[snake];
}

function list(o: Obj, camel: string, where: string): Obj[] {
  const v = get(o, camel);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new OtlpJsonError(`${where}.${camel}: expected an array`);
  return v.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new OtlpJsonError(`${where}.${camel}[${i}]: expected an object`);
    return item as Obj;
  });
}

function obj(o: Obj, camel: string): Obj {
  const v = get(o, camel);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

export function decodeLogsJson(text: string, limits: OtlpDecodeLimits): OtlpLogsData {
  // Each AnyValue level costs up to three JSON levels ({"kvlistValue":{"values":[...]}}).
  if (exceedsJsonDepth(text, limits.max_depth * 4 + 12)) throw new OtlpJsonError(`JSON nested deeper than the OTLP limit for max_depth ${limits.max_depth}`);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new OtlpJsonError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new OtlpJsonError('expected an ExportLogsServiceRequest object');
  return {
    resourceLogs: list(root as Obj, 'resourceLogs', '').map((rl, i) => {
      const where = `resourceLogs[${i}]`;
      return {
        resource: attributes(obj(rl, 'resource'), limits, `${where}.resource`),
        scopeLogs: list(rl, 'scopeLogs', where).map((sl, j) => {
          const scope = obj(sl, 'scope');
          return {
            scope: { name: str(get(scope, 'name')), version: str(get(scope, 'version')), attributes: attributes(scope, limits, `${where}.scopeLogs[${j}].scope`) },
            logRecords: list(sl, 'logRecords', `${where}.scopeLogs[${j}]`).map((lr) => logRecord(lr, limits)),
          };
        }),
      };
    }),
  };
}

function logRecord(o: Obj, limits: OtlpDecodeLimits): OtlpLogRecord {
  const rec = emptyLogRecord();
  try {
    rec.timeUnixNano = nanos(get(o, 'timeUnixNano'));
    rec.observedTimeUnixNano = nanos(get(o, 'observedTimeUnixNano'));
    rec.severityNumber = severity(get(o, 'severityNumber'));
    rec.severityText = str(get(o, 'severityText'));
    const body = get(o, 'body');
    if (body !== undefined && body !== null) rec.body = anyValue(body, limits, 1);
    rec.attributes = attributes(o, limits, 'logRecord');
    rec.droppedAttributesCount = Number(get(o, 'droppedAttributesCount') ?? 0) || 0;
    rec.flags = Number(get(o, 'flags') ?? 0) || 0;
    rec.traceId = hexId(get(o, 'traceId'), 32, 'traceId');
    rec.spanId = hexId(get(o, 'spanId'), 16, 'spanId');
    rec.eventName = str(get(o, 'eventName'));
  } catch (err) {
    // Bad values fail this record only; the request's other records are still accepted.
    if (err instanceof RecordTooDeepError || err instanceof OtlpJsonError) rec.error = err.message;
    else throw err;
  }
  return rec;
}

function attributes(o: Obj, limits: OtlpDecodeLimits, where: string): OtlpAttributes {
  const out: OtlpAttributes = {};
  for (const kv of list(o, 'attributes', where)) out[str(kv.key)] = kv.value === undefined ? null : anyValue(kv.value, limits, 1);
  return out;
}

function anyValue(v: unknown, limits: OtlpDecodeLimits, depth: number): OtlpValue {
  if (depth > limits.max_depth) throw new RecordTooDeepError(limits.max_depth);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new OtlpJsonError('AnyValue must be an object such as {"stringValue":"..."}');
  const o = v as Obj;
  if ('stringValue' in o || 'string_value' in o) return str(get(o, 'stringValue'));
  if ('boolValue' in o || 'bool_value' in o) return get(o, 'boolValue') === true;
  if ('intValue' in o || 'int_value' in o) return int64Value(integer(get(o, 'intValue'), 'intValue'));
  if ('doubleValue' in o || 'double_value' in o) return Number(get(o, 'doubleValue'));
  if ('bytesValue' in o || 'bytes_value' in o) return str(get(o, 'bytesValue'));
  if ('arrayValue' in o || 'array_value' in o) {
    const values = get(obj(o, 'arrayValue'), 'values');
    return Array.isArray(values) ? values.map((x) => anyValue(x, limits, depth + 1)) : [];
  }
  if ('kvlistValue' in o || 'kvlist_value' in o) {
    const out: OtlpAttributes = {};
    const values = get(obj(o, 'kvlistValue'), 'values');
    if (Array.isArray(values)) for (const kv of values as Obj[]) out[str(kv?.key)] = kv?.value === undefined ? null : anyValue(kv.value, limits, depth + 1);
    return out;
  }
  return null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function integer(v: unknown, what: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return BigInt(v);
  throw new OtlpJsonError(`${what}: expected an integer, got ${JSON.stringify(v)}`);
}

function nanos(v: unknown): bigint {
  if (v === undefined || v === null || v === '') return 0n;
  const n = integer(v, 'timeUnixNano');
  if (n < 0n) throw new OtlpJsonError('timeUnixNano: must not be negative');
  return n;
}

const SEVERITY_NAMES = ['UNSPECIFIED', 'TRACE', 'TRACE2', 'TRACE3', 'TRACE4', 'DEBUG', 'DEBUG2', 'DEBUG3', 'DEBUG4', 'INFO', 'INFO2', 'INFO3', 'INFO4', 'WARN', 'WARN2', 'WARN3', 'WARN4', 'ERROR', 'ERROR2', 'ERROR3', 'ERROR4', 'FATAL', 'FATAL2', 'FATAL3', 'FATAL4'];

function severity(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  // Enum names are what a generic protobuf JSON printer writes; accept them too.
  if (typeof v === 'string') {
    const i = SEVERITY_NAMES.indexOf(v.replace(/^SEVERITY_NUMBER_/, ''));
    if (i >= 0) return i;
  }
  throw new OtlpJsonError(`severityNumber: expected 0-24, got ${JSON.stringify(v)}`);
}

function hexId(v: unknown, length: number, what: string): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string' && v.length === length && /^[0-9a-fA-F]+$/.test(v)) return v.toLowerCase();
  throw new OtlpJsonError(`${what}: expected ${length} hex digits`);
}
