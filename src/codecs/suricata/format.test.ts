import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eveFormat } from './format.js';

test('eve TextFormat: lines, blank lines skipped, rejections with line numbers, sniffing', () => {
  const d = eveFormat.createDecoder({ max_depth: 64, max_record_bytes: 1024 });
  const ok = '{"timestamp":"2024-01-01T00:00:00.000001+0000","event_type":"flow","src_ip":"10.0.0.1","flow":{"bytes_toserver":1}}';
  const r = d.push(`${ok}\r\n\nnope\n`, 10);
  assert.equal(r.records.length, 1);
  assert.deepEqual(r.rejected.map((x) => x.position.line), [12]);
  assert.ok(eveFormat.sniff(ok));
  assert.ok(!eveFormat.sniff('{"foo":1}'));
  assert.ok(eveFormat.extensions.includes('eve.json'));
});
