/** The pure HEC and bulk decoders: boundaries, positions and per-item problems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHecEvents, splitConcatenated } from './hec-decode.js';
import { BulkRequestError, decodeBulk, indexNameProblem } from './bulk-decode.js';

const opts = { max_depth: 8, max_record_bytes: 1024, indexes: [] };

test('HEC: concatenated objects split on structure, not on braces inside strings; garbage is skipped with its offset', () => {
  const parts = splitConcatenated('{"event":"a { b"}  {"event":{"x":"}"}}xx{"event":1}{"event":');
  assert.deepEqual(parts.map((p) => [p.offset, p.error ?? p.text]), [
    [0, '{"event":"a { b"}'],
    [19, '{"event":{"x":"}"}}'],
    [38, 'expected a JSON object at offset 38'],
    [40, '{"event":1}'],
    [51, 'unterminated JSON object starting at offset 51'],
  ]);
  const out = decodeHecEvents('{"event":"a"}{"event":"' + 'x'.repeat(2000) + '"}{"time":"1426279439.5","event":{"@timestamp":"2020-01-01T00:00:00Z"}}', opts);
  assert.equal(out.records.length, 2);
  assert.equal(out.records[1].ts, 1426279439500, 'the envelope time wins over one inside the event');
  assert.deepEqual(out.problem?.event, 1);
  assert.match(out.rejected[0].reason, /event 1: event of 2012 bytes exceeds max_record_bytes 1024/);

  // Winlogbeat-shaped events keep their native record and Windows logsource, as on /api/v1/ingest.
  const win = decodeHecEvents('{"time":1700000000,"sourcetype":"winlogbeat","event":{"winlog":{"event_id":4625,"channel":"Security"},"user":{"name":"bob"}}}', opts);
  assert.deepEqual(win.records[0].logsource, { product: 'windows' });
  assert.equal((win.records[0].native as { winlog: { event_id: number } }).winlog.event_id, 4625);
  assert.equal(win.records[0].fields['splunk.sourcetype'], 'winlogbeat');
  assert.equal(win.records[0].ts, 1700000000000);
});

test('bulk: pairs actions with sources, delete has none, per-item errors, request errors name the line', () => {
  const items = decodeBulk(['{"index":{"_index":"a","_id":"1"}}', '{"x":1}', '{"delete":{"_index":"a","_id":"1"}}', '{"create":{}}', '[1]', '{"index":{"_index":"_bad"}}', '{"y":2}', ''].join('\n'), { ...opts, defaultIndex: 'dflt' });
  assert.deepEqual(items.map((i) => [i.action, i.index, i.line, i.error?.type ?? 'ok']), [
    ['index', 'a', 1, 'ok'],
    ['delete', 'a', 3, 'illegal_argument_exception'],
    ['create', 'dflt', 4, 'document_parsing_exception'],
    ['index', '_bad', 6, 'invalid_index_name_exception'],
  ]);
  assert.equal(items[0].id, '1');
  assert.equal(items[0].record?.fields.x, 1);
  assert.throws(() => decodeBulk('{"index":{}}\n{"a":1}\n{"index":{}', opts), (e: unknown) => e instanceof BulkRequestError && /line \[3\]/.test(e.message));
  assert.throws(() => decodeBulk('{"index":{}}', opts), /no source line/);
  assert.equal(indexNameProblem('logs-2026.11.20'), undefined);
  assert.match(indexNameProblem('Logs') ?? '', /lowercase/);
});
