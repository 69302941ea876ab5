import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonAuto, decodeNdjson, DEFAULT_JSON_OPTIONS } from './decode.js';
import { flattenObject } from './flatten.js';
import { parseEventTime } from './timestamp.js';

test('NDJSON: a bad line is rejected with its line number and the rest is kept', () => {
  const text = '{"a":1}\n\n{"a":\n[1,2]\n{"@timestamp":"2026-11-20T12:00:00Z","user":{"name":"bob"}}\r\n';
  const out = decodeNdjson(text);
  assert.equal(out.records.length, 2);
  assert.deepEqual(out.rejected.map((r) => r.position.line), [3, 4]);
  assert.match(out.rejected[0].reason, /invalid JSON/);
  assert.equal(out.rejected[0].raw, '{"a":');
  assert.match(out.rejected[1].reason, /expected a JSON object, got an array/);
  assert.equal(out.records[1].ts, Date.UTC(2026, 10, 20, 12));
  assert.deepEqual(out.records[1].fields, { 'user.name': 'bob' });
});

test('too deep and too large records are rejected, not parsed', () => {
  const deep = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
  const out = decodeNdjson(`${deep}\n{"ok":true}\n`, { ...DEFAULT_JSON_OPTIONS, max_depth: 64 });
  assert.equal(out.records.length, 1);
  assert.match(out.rejected[0].reason, /deeper than max_depth 64/);
  const big = decodeNdjson(`{"m":"${'x'.repeat(200)}"}`, { ...DEFAULT_JSON_OPTIONS, max_record_bytes: 100 });
  assert.match(big.rejected[0].reason, /exceeds max_record_bytes 100/);
  // Brackets inside strings do not count towards depth.
  const inString = decodeNdjson(`{"m":"${'['.repeat(200)}"}`);
  assert.equal(inString.records.length, 1);
});

test('JSON array elements are records with their index; a single pretty object is one record', () => {
  const arr = decodeJsonAuto('[{"a":1}, 2, {"b":"x"}]');
  assert.equal(arr.records.length, 2);
  assert.deepEqual(arr.rejected.map((r) => r.position.index), [1]);
  const single = decodeJsonAuto('{\n  "a": 1,\n  "b": {"c": 2}\n}\n');
  assert.equal(single.records.length, 1);
  assert.deepEqual(single.records[0].fields, { a: 1, 'b.c': 2 });
  const broken = decodeJsonAuto('[{"a":1},');
  assert.equal(broken.records.length, 0);
  assert.equal(broken.rejected.length, 1);
});

test('flattening follows Elasticsearch: nested keys dotted, arrays of objects multi-valued', () => {
  assert.deepEqual(flattenObject({ a: { b: 1, c: [1, 2] }, d: [{ e: 'x' }, { e: 'y' }], f: [{ g: 1 }], n: null }), {
    'a.b': 1,
    'a.c': [1, 2],
    'd.e': ['x', 'y'],
    'f.g': [1],
    n: null,
  });
});

test('event times: ISO with microseconds, epoch seconds, milliseconds, microseconds', () => {
  assert.equal(parseEventTime('2026-11-20T12:00:00.123456Z'), Date.UTC(2026, 10, 20, 12, 0, 0, 123) + 0.456);
  assert.equal(parseEventTime(1_700_000_000), 1_700_000_000_000);
  assert.equal(parseEventTime(1_700_000_000_123), 1_700_000_000_123);
  assert.equal(parseEventTime(1_700_000_000_123_456), 1_700_000_000_123.456);
  assert.equal(parseEventTime('nonsense'), undefined);
});
