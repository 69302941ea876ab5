/** The OTLP logs decoders on hand-built messages: field numbers, unknown fields, limits, errors with offsets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtoWriter, ProtoDecodeError } from './wire.js';
import { decodeLogsProto } from './logs-proto.js';
import { decodeLogsJson, OtlpJsonError } from './logs-json.js';
import { normalizeOtlpLogs } from './normalize.js';

const W = () => new ProtoWriter();
const kv = (key: string, value: ProtoWriter) => W().stringField(1, key).messageField(2, value);
const str = (s: string) => W().stringField(1, s);

function request(records: ProtoWriter[], extraResourceField = false): Uint8Array {
  const resource = W().messageField(1, kv('service.name', str('api'))).messageField(1, kv('host.arch', str('amd64')));
  const scope = W().stringField(1, 'auth').stringField(2, '2.0');
  const scopeLogs = W().messageField(1, scope);
  for (const r of records) scopeLogs.messageField(2, r);
  const rl = W().messageField(1, resource).messageField(2, scopeLogs);
  if (extraResourceField) rl.varintField(99, 7).stringField(3, 'https://opentelemetry.io/schemas/1.26.0');
  return W().messageField(1, rl).finish();
}

test('protobuf: every LogRecord field, int64 beyond 2^53, bytes, kvlist and array bodies; unknown fields skipped', () => {
  const body = W().messageField(6, W().messageField(1, kv('user.name', str('alice'))).messageField(1, kv('n', W().varintField(3, 2n ** 60n))));
  const record = W()
    .fixed64Field(1, 1763640000123456789n)
    .varintField(2, 17)
    .stringField(3, 'ERROR')
    .messageField(5, body)
    .messageField(6, kv('tags', W().messageField(5, W().messageField(1, str('a')).messageField(1, W().varintField(2, 1)))))
    .messageField(6, kv('blob', W().bytesField(7, new Uint8Array([1, 2, 3]))))
    .bytesField(9, new Uint8Array(16).fill(0xab))
    .bytesField(10, new Uint8Array(8).fill(0x01))
    .stringField(12, 'user.login')
    .varintField(42, 1);
  const data = decodeLogsProto(request([record], true), { max_depth: 8 });
  const rl = data.resourceLogs[0];
  assert.deepEqual(rl.resource, { 'service.name': 'api', 'host.arch': 'amd64' });
  assert.deepEqual(rl.scopeLogs[0].scope, { name: 'auth', version: '2.0', attributes: {} });
  const lr = rl.scopeLogs[0].logRecords[0];
  assert.equal(lr.timeUnixNano, 1763640000123456789n);
  assert.deepEqual(lr.body, { 'user.name': 'alice', n: '1152921504606846976' });
  assert.deepEqual(lr.attributes, { tags: ['a', true], blob: 'AQID' });
  assert.equal(lr.traceId, 'ab'.repeat(16));
  assert.equal(lr.eventName, 'user.login');

  const { records } = normalizeOtlpLogs(data, { max_record_bytes: 1 << 20 });
  const f = records[0].fields;
  assert.equal(f['host.architecture'], 'amd64');
  assert.equal(f['user.name'], 'alice');
  assert.equal(f['log.level'], 'error');
  assert.equal(f['event.action'], 'user.login');
  assert.equal(records[0].ts, 1763640000123.4568);
});

test('protobuf: truncated and mistyped input fails with a byte offset; a too-deep body fails only its record', () => {
  const ok = request([W().messageField(5, str('fine'))]);
  assert.throws(() => decodeLogsProto(ok.subarray(0, ok.length - 2), { max_depth: 8 }), (e: unknown) => e instanceof ProtoDecodeError && /runs past the end|truncated/.test(e.message) && /at byte \d+/.test(e.message));
  assert.throws(() => decodeLogsProto(W().varintField(1, 5).finish(), { max_depth: 8 }), /field 1 has wire type 0, expected 2 at byte 0/);
  assert.throws(() => decodeLogsProto(new Uint8Array([0x2b]), { max_depth: 8 }), /unsupported wire type 3/);

  let deep = str('leaf');
  for (let i = 0; i < 6; i++) deep = W().messageField(5, W().messageField(1, deep));
  const data = decodeLogsProto(request([W().messageField(5, deep), W().messageField(5, str('kept'))]), { max_depth: 4 });
  const out = normalizeOtlpLogs(data, { max_record_bytes: 1 << 20 });
  assert.equal(out.records.length, 1);
  assert.equal(out.records[0].fields.message, 'kept');
  assert.deepEqual(out.rejected.map((r) => [r.position.index, r.reason]), [[1, 'value nested deeper than max_depth 4']]);
});

test('JSON: camelCase and snake_case names, enum names, hex ids; structural errors name the path', () => {
  const text = JSON.stringify({
    resource_logs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] },
        scope_logs: [{ log_records: [{ time_unix_nano: 1763640000000000000, severity_number: 'SEVERITY_NUMBER_WARN', body: { stringValue: 'x' }, span_id: 'EEE19B7EC3C1B174' }] }],
      },
    ],
  });
  const data = decodeLogsJson(text, { max_depth: 8 });
  const lr = data.resourceLogs[0].scopeLogs[0].logRecords[0];
  assert.equal(lr.severityNumber, 13);
  assert.equal(lr.spanId, 'eee19b7ec3c1b174');
  assert.equal(lr.error, undefined);
  assert.throws(() => decodeLogsJson('{"resourceLogs":{}}', { max_depth: 8 }), (e: unknown) => e instanceof OtlpJsonError && /resourceLogs: expected an array/.test(e.message));
  assert.throws(() => decodeLogsJson('[1]', { max_depth: 8 }), /ExportLogsServiceRequest/);
  const bad = decodeLogsJson('{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"xyz"}]}]}]}', { max_depth: 8 });
  assert.match(bad.resourceLogs[0].scopeLogs[0].logRecords[0].error ?? '', /traceId: expected 32 hex digits/);
});
