/**
 * Every cloud format against hostile and mistyped input: no decoder throws, every non-blank
 * line ends up as records or rejections, and limits from DecoderOptions hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOUD_FORMATS } from './index.js';
import { TEST_DECODER } from './test-support.js';

/** Values of the wrong type where each provider expects objects, strings or times. */
const WRONG_TYPES = [null, 5, 'text', [], [null], { a: { b: [1, { c: null }] } }, true, -1e308, '2026-13-45T99:99:99Z'];
const KEYS = ['eventName', 'eventSource', 'eventTime', 'userIdentity', 'sourceIPAddress', 'Records', 'records', 'items', 'events', 'id', 'actor', 'client', 'outcome', 'target',
  'published', 'eventType', 'protoPayload', 'timestamp', 'operationName', 'properties', 'category', 'time', 'resourceId', 'identity', 'Operation', 'Workload', 'RecordType',
  'CreationTime', 'ClientIP', 'ExtendedProperties', 'action', 'created_at', '@timestamp', 'verb', 'user', 'objectRef', 'sourceIPs', 'responseStatus', 'srcaddr', 'start', 'parameters', 'kind'];

function hostileLines(): string[] {
  const lines = ['{', '}', '[', ']', '{"a":', 'null', '42', '"str"', '[]', '{}', '\u0000\u0001\u00ff', '{"Records":"not an array"}', '{"Records":[null,1,"x",[]]}', '{"records":[{}]}',
    '{"a":'.repeat(100) + '1' + '}'.repeat(100), `{"x":"${'y'.repeat(3000)}"}`, '1 2 3 4 5', 'version srcaddr dstaddr', '2 123456789012 eni-1 - - - - - - - x y - NODATA'];
  for (const key of KEYS) for (const v of WRONG_TYPES) lines.push(JSON.stringify({ [key]: v, eventName: 'X', eventSource: 'y.amazonaws.com', eventType: 'a.b', action: 'a.b', verb: 'get', Operation: 'Op', Workload: 'W', operationName: 'o', protoPayload: { methodName: 'm' }, id: { applicationName: 'admin' }, srcaddr: '10.0.0.1' }));
  return lines;
}

test('no cloud format throws on hostile or mistyped input, and every line is accounted for', () => {
  const lines = hostileLines();
  for (const format of CLOUD_FORMATS) {
    for (const [i, line] of lines.entries()) {
      const d = format.createDecoder({ ...TEST_DECODER, max_depth: 16, max_record_bytes: 2048 });
      let total = 0;
      assert.doesNotThrow(() => {
        const a = d.push(line, 1);
        const b = d.end();
        total = a.records.length + a.rejected.length + b.records.length + b.rejected.length;
        for (const r of [...a.records, ...b.records]) {
          assert.ok(r.ts === undefined || Number.isFinite(r.ts), `${format.name} line ${i}: ts ${r.ts}`);
          for (const v of Object.values(r.fields)) assert.ok(v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v), `${format.name} line ${i}: field value ${JSON.stringify(v)}`);
        }
      }, `${format.name} line ${i}`);
      // An empty array or wrapper (an empty API page or S3 object) and a VPC flow header line hold no record.
      assert.ok(total >= 1 || line === '[]' || /"(Records|records|items)":\[\]/.test(line) || line.startsWith('version '), `${format.name} line ${i} vanished: ${line.slice(0, 60)}`);
    }
  }
});

test('limits: a deeply nested or oversized record is rejected by every JSON cloud format', () => {
  const deep = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
  const big = JSON.stringify({ eventName: 'x', pad: 'y'.repeat(5000) });
  for (const format of CLOUD_FORMATS) {
    const d = format.createDecoder({ ...TEST_DECODER, max_depth: 16, max_record_bytes: 2048 });
    const r = d.push(`${deep}\n${big}`, 1);
    const e = d.end();
    const reasons = [...r.rejected, ...e.rejected].map((x) => x.reason).join(' | ');
    assert.equal(r.records.length + e.records.length, 0, format.name);
    assert.match(reasons, /max_depth 16|longer than|fields without a header/, format.name);
  }
});
