import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zeekFormat } from './format.js';

const OPTS = { max_depth: 64, max_record_bytes: 200 };

test('zeek TextFormat: blocks of lines, CRLF, line numbers, length limit, header carried between blocks', () => {
  const d = zeekFormat.createDecoder(OPTS);
  const header = '#separator \\x09\r\n#path\tssh\r\n#fields\tts\tauth_success\r\n#types\ttime\tbool\r\n';
  assert.deepEqual(d.push(header, 1), { records: [], rejected: [] });
  const r = d.push(`1.5\tT\n2.5\tX\n3.5\t${'F'.repeat(300)}\n`, 5);
  assert.equal(r.records.length, 1);
  assert.equal(r.records[0].fields['event.outcome'], 'success');
  assert.deepEqual(
    r.rejected.map((x) => [x.position.line, x.reason.slice(0, 30)]),
    [
      [6, "field 'auth_success': invalid "],
      [7, 'line of 304 bytes exceeds max_'],
    ],
  );
  assert.deepEqual(d.end(), { records: [], rejected: [] });
  assert.ok(zeekFormat.sniff('#separator \\x09\n#set_separator\t,'));
  assert.ok(!zeekFormat.sniff('{"ts":1}'));
});
