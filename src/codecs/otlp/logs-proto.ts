/**
 * Decodes ExportLogsServiceRequest / LogsData protobuf bytes into the plain model. Field numbers
 * follow opentelemetry-proto: logs/v1/logs.proto, common/v1/common.proto, resource/v1/resource.proto.
 * Unknown fields are skipped, as protobuf requires for forward compatibility.
 */
import { ProtoReader, ProtoDecodeError, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, type FieldTag } from './wire.js';
import {
  emptyLogRecord,
  int64Value,
  RecordTooDeepError,
  type OtlpAttributes,
  type OtlpDecodeLimits,
  type OtlpLogRecord,
  type OtlpLogsData,
  type OtlpResourceLogs,
  type OtlpScopeLogs,
  type OtlpValue,
} from './model.js';

/** Throws ProtoDecodeError (with the byte offset) when the bytes are not a LogsData message. */
export function decodeLogsProto(bytes: Uint8Array, limits: OtlpDecodeLimits): OtlpLogsData {
  const r = new ProtoReader(bytes);
  const out: OtlpLogsData = { resourceLogs: [] };
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1) out.resourceLogs.push(resourceLogs(sub(r, t), limits));
    else r.skip(t);
  }
  return out;
}

function sub(r: ProtoReader, t: FieldTag): ProtoReader {
  r.expect(t, WIRE_LEN);
  return r.message();
}

function resourceLogs(r: ProtoReader, limits: OtlpDecodeLimits): OtlpResourceLogs {
  const out: OtlpResourceLogs = { resource: {}, scopeLogs: [] };
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1) out.resource = resource(sub(r, t), limits);
    // 1000: the deprecated instrumentation_library_logs, same layout as ScopeLogs for what we read.
    else if (t.field === 2 || t.field === 1000) out.scopeLogs.push(scopeLogs(sub(r, t), limits));
    else r.skip(t);
  }
  return out;
}

function resource(r: ProtoReader, limits: OtlpDecodeLimits): OtlpAttributes {
  const attrs: OtlpAttributes = {};
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1) keyValue(sub(r, t), attrs, limits, 1);
    else r.skip(t);
  }
  return attrs;
}

function scopeLogs(r: ProtoReader, limits: OtlpDecodeLimits): OtlpScopeLogs {
  const out: OtlpScopeLogs = { scope: { name: '', version: '', attributes: {} }, logRecords: [] };
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1) {
      const s = sub(r, t);
      while (!s.done) {
        const st = s.tag();
        if (st.field === 1 && st.wire === WIRE_LEN) out.scope.name = s.string();
        else if (st.field === 2 && st.wire === WIRE_LEN) out.scope.version = s.string();
        else if (st.field === 3) keyValue(sub(s, st), out.scope.attributes, limits, 1);
        else s.skip(st);
      }
    } else if (t.field === 2) out.logRecords.push(logRecord(sub(r, t), limits));
    else r.skip(t);
  }
  return out;
}

function logRecord(r: ProtoReader, limits: OtlpDecodeLimits): OtlpLogRecord {
  const rec = emptyLogRecord();
  while (!r.done) {
    const t = r.tag();
    try {
      switch (t.field) {
        case 1:
          r.expect(t, WIRE_FIXED64);
          rec.timeUnixNano = r.fixed64();
          break;
        case 11:
          r.expect(t, WIRE_FIXED64);
          rec.observedTimeUnixNano = r.fixed64();
          break;
        case 2:
          r.expect(t, WIRE_VARINT);
          rec.severityNumber = Number(r.int64());
          break;
        case 3:
          r.expect(t, WIRE_LEN);
          rec.severityText = r.string();
          break;
        case 5:
          rec.body = anyValue(sub(r, t), limits, 1);
          break;
        case 6:
          keyValue(sub(r, t), rec.attributes, limits, 1);
          break;
        case 7:
          r.expect(t, WIRE_VARINT);
          rec.droppedAttributesCount = r.uint32();
          break;
        case 8:
          r.expect(t, WIRE_FIXED32);
          rec.flags = r.fixed32();
          break;
        case 9:
          r.expect(t, WIRE_LEN);
          rec.traceId = Buffer.from(r.bytes()).toString('hex');
          break;
        case 10:
          r.expect(t, WIRE_LEN);
          rec.spanId = Buffer.from(r.bytes()).toString('hex');
          break;
        case 12:
          r.expect(t, WIRE_LEN);
          rec.eventName = r.string();
          break;
        default:
          r.skip(t);
      }
    } catch (err) {
      // A too-deep value fails only this record; the reader already sits after the field.
      if (err instanceof RecordTooDeepError) rec.error ??= err.message;
      else throw err;
    }
  }
  return rec;
}

function keyValue(r: ProtoReader, into: OtlpAttributes, limits: OtlpDecodeLimits, depth: number): void {
  let key = '';
  let value: OtlpValue = null;
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1 && t.wire === WIRE_LEN) key = r.string();
    else if (t.field === 2) value = anyValue(sub(r, t), limits, depth);
    else r.skip(t);
  }
  into[key] = value;
}

function anyValue(r: ProtoReader, limits: OtlpDecodeLimits, depth: number): OtlpValue {
  if (depth > limits.max_depth) throw new RecordTooDeepError(limits.max_depth);
  let value: OtlpValue = null;
  while (!r.done) {
    const t = r.tag();
    switch (t.field) {
      case 1:
        r.expect(t, WIRE_LEN);
        value = r.string();
        break;
      case 2:
        r.expect(t, WIRE_VARINT);
        value = r.varint() !== 0n;
        break;
      case 3:
        r.expect(t, WIRE_VARINT);
        value = int64Value(r.int64());
        break;
      case 4:
        r.expect(t, WIRE_FIXED64);
        value = r.double();
        break;
      case 5: {
        const arr: OtlpValue[] = [];
        const a = sub(r, t);
        while (!a.done) {
          const at = a.tag();
          if (at.field === 1) arr.push(anyValue(sub(a, at), limits, depth + 1));
          else a.skip(at);
        }
        value = arr;
        break;
      }
      case 6: {
        const kv: OtlpAttributes = {};
        const l = sub(r, t);
        while (!l.done) {
          const lt = l.tag();
          if (lt.field === 1) keyValue(sub(l, lt), kv, limits, depth + 1);
          else l.skip(lt);
        }
        value = kv;
        break;
      }
      case 7:
        r.expect(t, WIRE_LEN);
        value = Buffer.from(r.bytes()).toString('base64');
        break;
      default:
        r.skip(t);
    }
  }
  return value;
}

export { ProtoDecodeError };
