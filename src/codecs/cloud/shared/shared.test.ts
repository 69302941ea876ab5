import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCloudTime } from './cloud-time.js';
import { cleanIp, EcsBuilder, keyReader } from './ecs-builder.js';
import { createJsonRecordDecoder, fail } from './json-records.js';
import { typeFromVerb } from './action-verbs.js';

test('cloud times: zoned ISO, zoneless read as UTC, nanoseconds, offsets without colon, epochs', () => {
  assert.equal(parseCloudTime('2026-11-20T10:05:11Z'), Date.UTC(2026, 10, 20, 10, 5, 11));
  assert.equal(parseCloudTime('2022-12-12 15:57:57'), Date.UTC(2022, 11, 12, 15, 57, 57));
  assert.equal(parseCloudTime('2022-12-11 02:57:48.693000000'), Date.UTC(2022, 11, 11, 2, 57, 48, 693));
  assert.equal(parseCloudTime('2026-11-20T16:00:00.1234567+00:00'), Date.UTC(2026, 10, 20, 16) + 123.4567);
  assert.equal(parseCloudTime('2026-11-20T12:00:00+0100'), Date.UTC(2026, 10, 20, 11));
  assert.equal(parseCloudTime(1763640000000), 1763640000000);
  assert.equal(parseCloudTime(1418530010), 1418530010000);
  assert.equal(parseCloudTime('not a time'), undefined);
  assert.equal(parseCloudTime(undefined), undefined);
});

test('ECS builder: absent values skipped, IPs validated and cleaned, related lists deduplicated', () => {
  const b = new EcsBuilder().set('a', undefined).set('b', '').set('c', []).str('d', 7).ip('source.ip', '[2001:db8::1]:443').ip('destination.ip', 'lambda.amazonaws.com').rel('user', 'x').rel('user', 'x');
  assert.deepEqual(b.build(), { d: '7', 'source.ip': '2001:db8::1', 'related.ip': ['2001:db8::1'], 'related.user': ['x'] });
  assert.equal(cleanIp('192.0.2.1:8080'), '192.0.2.1');
  assert.equal(cleanIp('999.1.1.1'), undefined);
  const get = keyReader({ ClientIP: '1', eventtype: 'e' });
  assert.equal(get('ClientIP'), '1');
  assert.equal(get('eventType'), 'e');
  assert.equal(get('missing'), undefined);
});

test('operation verbs → event.type', () => {
  assert.equal(typeFromVerb('DeleteTrail'), 'deletion');
  assert.equal(typeFromVerb('CreateUser'), 'creation');
  assert.equal(typeFromVerb('PutBucketPolicy'), 'creation');
  assert.equal(typeFromVerb('UpdateTrail'), 'change');
  assert.equal(typeFromVerb('DescribeInstances'), 'access');
  assert.equal(typeFromVerb('Frobnicate'), undefined);
});

const echo = (rec: Record<string, unknown>) => {
  if (rec.bad) fail(`bad record ${String(rec.bad)}`);
  return { fields: {}, native: rec };
};
const opts = { max_depth: 8, max_record_bytes: 200 };

test('JSON record layouts: wrapper per line, NDJSON, array, pretty-printed object; one bad record alone rejected', () => {
  const wrapper = createJsonRecordDecoder(opts, { wrapperKeys: ['Records'], map: echo });
  const w = wrapper.push('{"Records":[{"a":1},{"bad":"x"},7,{"a":3}]}\n{"Records":[{"a":4}]}', 1);
  assert.equal(w.records.length, 3);
  assert.deepEqual(w.rejected.map((r) => [r.position, r.reason]), [[{ line: 1, index: 1 }, 'bad record x'], [{ line: 1, index: 2 }, 'expected a JSON object, got number']]);

  const nd = createJsonRecordDecoder(opts, { wrapperKeys: ['Records'], map: echo });
  const n = nd.push('{"a":1}\n\n{"a":\n{"a":3}\r\n', 5);
  assert.equal(n.records.length, 2);
  assert.deepEqual(n.rejected.map((r) => r.position), [{ line: 7 }]);
  assert.match(n.rejected[0].reason, /^invalid JSON/);

  const arr = createJsonRecordDecoder(opts, { wrapperKeys: [], map: echo });
  assert.deepEqual(arr.push('[\n {"a":1},\n {"bad":2}\n]', 1).records, []);
  const end = arr.end();
  assert.equal(end.records.length, 1);
  assert.deepEqual(end.rejected.map((r) => r.position), [{ line: 1, index: 1 }]);

  const pretty = createJsonRecordDecoder(opts, { wrapperKeys: [], map: echo });
  pretty.push('\n{\n  "a": 1,\n', 1);
  pretty.push('  "b": 2\n}\n', 4);
  assert.deepEqual(pretty.end().records.map((r) => r.native), [{ a: 1, b: 2 }]);
});

test('JSON record limits: long plain lines and deep nesting are rejected with their line; wrappers may be long', () => {
  const d = createJsonRecordDecoder(opts, { wrapperKeys: ['Records'], map: echo });
  const long = JSON.stringify({ a: 'x'.repeat(300) });
  const deep = '{"a":'.repeat(12) + '1' + '}'.repeat(12);
  const wrapped = JSON.stringify({ Records: [{ a: 'x'.repeat(150) }, { a: 'y'.repeat(150) }] });
  const r = d.push([long, deep, wrapped].join('\n'), 1);
  assert.deepEqual(r.rejected.map((x) => [x.position.line, /max_record_bytes|max_depth/.exec(x.reason)?.[0]]), [[1, 'max_record_bytes'], [2, 'max_depth']]);
  assert.equal(r.records.length, 2);
});

test('JSON record layouts: NDJSON whose first line is broken keeps its other lines; one-line arrays stream', () => {
  const d = createJsonRecordDecoder(opts, { wrapperKeys: [], map: echo });
  const r = d.push('{"a":1,"b"}\n{"a":2}\n{"a":3}', 1);
  const e = d.end();
  assert.equal(r.records.length + e.records.length, 2);
  assert.deepEqual([...r.rejected, ...e.rejected].map((x) => x.position), [{ line: 1 }]);
  const pretty = createJsonRecordDecoder(opts, { wrapperKeys: [], map: echo });
  pretty.push('{\n  "a": 1,\n  "b": oops\n}', 1);
  const p = pretty.end();
  assert.equal(p.records.length, 0);
  assert.ok(p.rejected.length >= 1);
  const arrays = createJsonRecordDecoder(opts, { wrapperKeys: [], map: echo });
  const a = arrays.push('[{"a":1},{"a":2}]\n[{"a":3}]', 1);
  assert.deepEqual(a.records.map((x) => x.native.a), [1, 2, 3]);
  assert.deepEqual(arrays.end(), { records: [], rejected: [] });
});
