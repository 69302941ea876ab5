import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createZeekDecoder, decodeZeekLines } from './decoder.js';
import { zeekPathFromFileName } from './record.js';

const TSV = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tssh',
  '#fields\tts\tid.orig_h\tauth_success',
  '#types\ttime\taddr\tbool',
];

test('TSV: records and rejected rows with their line numbers, the rest continues', () => {
  const out = decodeZeekLines([...TSV, '1.0\t10.0.0.1\tT', 'garbage', '2.0\t10.0.0.2\tF']);
  assert.equal(out.length, 3);
  assert.ok(out[0].ok && out[0].record.fields['event.outcome'] === 'success');
  assert.ok(!out[1].ok);
  assert.deepEqual(out[1].rejected.position, { line: 9 });
  assert.match(out[1].rejected.reason, /expected 3 fields, found 1/);
  assert.equal(out[1].rejected.raw, 'garbage');
  assert.ok(out[2].ok && out[2].record.ts === 2000);
});

test('JSON lines are detected; the path comes from _path or the configured default', () => {
  const out = decodeZeekLines(
    ['{"_path":"dns","ts":1.5,"query":"a.example"}', '{"ts":"1970-01-01T00:00:02.000000Z","query":"b.example"}', '[1,2]', '{bad'],
    { defaultPath: 'dns' },
  );
  assert.ok(out[0].ok && out[0].record.logsource?.service === 'dns');
  assert.ok(out[1].ok && out[1].record.ts === 2000 && out[1].record.fields['dns.question.name'] === 'b.example');
  // Only `{` starts a JSON line; anything else is read as TSV, which needs a header first.
  assert.ok(!out[2].ok && out[2].rejected.reason === 'data line before any #fields header');
  assert.ok(!out[3].ok && /invalid JSON/.test(out[3].rejected.reason));
});

test('a checkpointed header state lets a new decoder continue mid-file', () => {
  const a = createZeekDecoder();
  TSV.forEach((l, i) => a.push(l, i + 1));
  const state = JSON.parse(JSON.stringify(a.snapshot())) as unknown;
  const b = createZeekDecoder();
  assert.equal(b.restore(state), true);
  const [r] = b.push('3.0\t10.0.0.3\tT', 20);
  assert.ok(r.ok && r.record.logsource?.service === 'ssh' && r.record.fields['source.ip'] === '10.0.0.3');
  assert.equal(b.restore({ separator: 5 }), false);
  assert.equal(b.restore(null), false);
});

test('keepRaw keeps the line; file names give the log path', () => {
  const [r] = decodeZeekLines(['{"ts":1,"x":"y"}'], { keepRaw: true, defaultPath: 'x' });
  assert.ok(r.ok && r.record.raw === '{"ts":1,"x":"y"}');
  assert.equal(zeekPathFromFileName('/var/log/zeek/current/conn.log'), 'conn');
  assert.equal(zeekPathFromFileName('dns.2024-04-12-19-29-12.log.gz'), 'dns');
  assert.equal(zeekPathFromFileName('weird name.log'), undefined);
});
