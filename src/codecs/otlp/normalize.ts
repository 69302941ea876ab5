/**
 * OTLP log records to Vigil records. OpenTelemetry semantic conventions and ECS were merged,
 * so most attribute names already are ECS names and are kept as fields as they are; the few
 * resource attributes whose ECS name differs are renamed. The whole OTLP record is kept as the
 * native record (resource, scope, attributes, body), which is what rules can match natively.
 */
import type { EcsFields, NormalizedRecord, RejectedRecord } from '../../core/event.js';
import { flattenObject } from '../json/flatten.js';
import type { OtlpAttributes, OtlpLogRecord, OtlpLogsData, OtlpValue } from './model.js';

/** Resource attribute (semantic conventions) → ECS field where the two differ. */
const RESOURCE_RENAMES: Record<string, string> = {
  'service.instance.id': 'service.node.name',
  'deployment.environment': 'service.environment',
  'deployment.environment.name': 'service.environment',
  'host.arch': 'host.architecture',
  'os.type': 'host.os.type',
  'os.name': 'host.os.name',
  'os.version': 'host.os.version',
  'os.description': 'host.os.full',
  'process.executable.path': 'process.executable',
  'process.executable.name': 'process.name',
  'telemetry.sdk.name': 'agent.name',
  'telemetry.sdk.version': 'agent.version',
};

const SEVERITY_TEXT = ['', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

export interface OtlpNormalizeOptions {
  max_record_bytes: number;
}

export interface OtlpNormalized {
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
}

export function normalizeOtlpLogs(data: OtlpLogsData, opts: OtlpNormalizeOptions): OtlpNormalized {
  const out: OtlpNormalized = { records: [], rejected: [] };
  let index = 0;
  for (const rl of data.resourceLogs) {
    const resourceFields = renameResource(rl.resource);
    for (const sl of rl.scopeLogs) {
      for (const lr of sl.logRecords) {
        index++;
        const native = nativeRecord(rl.resource, sl.scope, lr);
        const raw = JSON.stringify(native);
        if (lr.error) {
          out.rejected.push({ position: { index }, reason: lr.error, raw: raw.slice(0, 64 * 1024) });
          continue;
        }
        if (raw.length > opts.max_record_bytes) {
          out.rejected.push({ position: { index }, reason: `log record of ${raw.length} bytes exceeds max_record_bytes ${opts.max_record_bytes}`, raw: raw.slice(0, 64 * 1024) });
          continue;
        }
        const fields: EcsFields = { ...resourceFields };
        if (sl.scope.name) fields['log.logger'] = sl.scope.name;
        Object.assign(fields, bodyFields(lr.body), flattenObject(lr.attributes as Record<string, unknown>));
        const level = lr.severityText || severityName(lr.severityNumber);
        if (level) fields['log.level'] = level.toLowerCase();
        if (lr.severityNumber) fields['event.severity'] = lr.severityNumber;
        if (lr.traceId) fields['trace.id'] = lr.traceId;
        if (lr.spanId) fields['span.id'] = lr.spanId;
        if (lr.eventName) fields['event.action'] = lr.eventName;
        const record: NormalizedRecord = { fields, native, raw };
        const nanos = lr.timeUnixNano || lr.observedTimeUnixNano;
        // Keep sub-millisecond precision: whole milliseconds plus the fraction.
        if (nanos > 0n) record.ts = Number(nanos / 1_000_000n) + Number(nanos % 1_000_000n) / 1e6;
        out.records.push(record);
      }
    }
  }
  return out;
}

export function countLogRecords(data: OtlpLogsData): number {
  let n = 0;
  for (const rl of data.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}

function renameResource(attrs: OtlpAttributes): EcsFields {
  const renamed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) renamed[RESOURCE_RENAMES[k] ?? k] = v;
  return flattenObject(renamed);
}

/** A string body is the message; a map body is a structured log whose keys become fields. */
function bodyFields(body: OtlpValue | undefined): EcsFields {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return { message: body };
  if (typeof body === 'object' && !Array.isArray(body)) return flattenObject(body as Record<string, unknown>);
  return { message: typeof body === 'object' ? JSON.stringify(body) : String(body) };
}

function severityName(n: number): string {
  return n >= 1 && n <= 24 ? SEVERITY_TEXT[Math.ceil(n / 4)] : '';
}

function nativeRecord(resource: OtlpAttributes, scope: { name: string; version: string; attributes: OtlpAttributes }, lr: OtlpLogRecord): Record<string, unknown> {
  const native: Record<string, unknown> = { resource: { attributes: resource }, scope };
  if (lr.timeUnixNano) native.time_unix_nano = lr.timeUnixNano.toString();
  if (lr.observedTimeUnixNano) native.observed_time_unix_nano = lr.observedTimeUnixNano.toString();
  if (lr.severityNumber) native.severity_number = lr.severityNumber;
  if (lr.severityText) native.severity_text = lr.severityText;
  if (lr.body !== undefined) native.body = lr.body;
  native.attributes = lr.attributes;
  if (lr.traceId) native.trace_id = lr.traceId;
  if (lr.spanId) native.span_id = lr.spanId;
  if (lr.flags) native.flags = lr.flags;
  if (lr.eventName) native.event_name = lr.eventName;
  if (lr.droppedAttributesCount) native.dropped_attributes_count = lr.droppedAttributesCount;
  return native;
}
