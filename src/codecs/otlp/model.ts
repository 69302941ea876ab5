/**
 * OTLP logs as plain values, the same whether they arrived as protobuf or as OTLP/JSON
 * (opentelemetry/proto/logs/v1/logs.proto). AnyValue becomes a JSON-like value: int64 stays
 * a number when it is exact and becomes a decimal string otherwise; bytes become base64.
 */
export type OtlpValue = string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };
export type OtlpAttributes = Record<string, OtlpValue>;

export interface OtlpLogRecord {
  /** Nanoseconds since the epoch; 0n when unset. */
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: OtlpValue | undefined;
  attributes: OtlpAttributes;
  droppedAttributesCount: number;
  flags: number;
  /** Lowercase hex, empty when unset. */
  traceId: string;
  spanId: string;
  eventName: string;
  /** Set when this record cannot be accepted (too deep, too large); the others still are. */
  error?: string;
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: OtlpAttributes;
}

export interface OtlpScopeLogs {
  scope: OtlpScope;
  logRecords: OtlpLogRecord[];
}

export interface OtlpResourceLogs {
  resource: OtlpAttributes;
  scopeLogs: OtlpScopeLogs[];
}

export interface OtlpLogsData {
  resourceLogs: OtlpResourceLogs[];
}

export interface OtlpDecodeLimits {
  /** Deepest AnyValue nesting (arrays and kvlists) a record may have. */
  max_depth: number;
}

export function emptyLogRecord(): OtlpLogRecord {
  return {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    body: undefined,
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  };
}

/** Thrown inside one record's decoding; caught per record so the rest of the request survives. */
export class RecordTooDeepError extends Error {
  constructor(maxDepth: number) {
    super(`value nested deeper than max_depth ${maxDepth}`);
  }
}

export function int64Value(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}
