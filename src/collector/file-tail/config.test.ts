import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileTailCodec, fileTailCodecNames, registerFileTailCodec } from './codecs.js';
import { fileTailConfig } from './config.js';
import { fileTailSource } from './file-tail-source.js';

test('defaults fill everything but the inputs', () => {
  const c = fileTailConfig.parse({ inputs: [{ path: '/var/log/audit/audit.log', format: 'auditd' }] });
  assert.equal(c.poll_interval_ms, 250);
  assert.equal(c.max_line_bytes, 1024 * 1024);
  assert.equal(c.start_at, 'end');
  assert.equal(c.max_batch_lines, 1000);
  assert.deepEqual(c.inputs[0].exclude, []);
  assert.ok(c.exclude.includes('*.gz'));
  assert.equal(c.checkpoint_file, undefined);
  assert.equal(fileTailSource.type, 'file_tail');
  assert.equal(fileTailSource.config, fileTailConfig);
});

test('sizes with units; errors name the path; unknown keys and formats are refused', () => {
  assert.equal(fileTailConfig.parse({ inputs: [{ path: 'a', format: 'eve' }], max_line_bytes: '64KiB' }).max_line_bytes, 65536);
  const unknownKey = fileTailConfig.safeParse({ inputs: [{ path: 'a', format: 'eve', colour: 'red' }] });
  assert.equal(unknownKey.success, false);
  assert.deepEqual(unknownKey.error?.issues[0].path, ['inputs', 0]);
  const badFormat = fileTailConfig.safeParse({ inputs: [{ path: 'a', format: 'morse' }] });
  assert.equal(badFormat.success, false);
  assert.match(badFormat.error?.issues[0].message ?? '', /unknown format "morse" \(known: .*auditd.*eve.*lines.*zeek/);
  assert.deepEqual(badFormat.error?.issues[0].path, ['inputs', 0, 'format']);
  assert.equal(fileTailConfig.safeParse({ inputs: [] }).success, false);
  assert.equal(fileTailConfig.safeParse({ inputs: [{ path: 'a', format: 'eve' }], poll_interval_ms: 0 }).success, false);
  assert.equal(fileTailConfig.safeParse({ inputs: [{ path: 'a', format: 'eve' }], max_line_bytes: 'lots' }).success, false);
});

test('codec registry: built-ins, the format registry behind them, and registration', () => {
  for (const name of ['zeek', 'eve', 'auditd', 'lines', 'ndjson']) assert.ok(fileTailCodec(name), name);
  assert.equal(fileTailCodec('auto'), undefined);
  assert.ok(!fileTailCodecNames().includes('auto'));
  registerFileTailCodec('upper', () => ({
    push: (text) => ({ records: [{ fields: { message: text.toUpperCase() }, native: {} }], rejected: [] }),
    end: () => ({ records: [], rejected: [] }),
  }));
  assert.ok(fileTailCodecNames().includes('upper'));
  assert.equal(fileTailConfig.safeParse({ inputs: [{ path: 'a', format: 'upper' }] }).success, true);
  const d = fileTailCodec('upper')!({ filePath: '/x', maxLineBytes: 100 });
  assert.equal(d.push('abc', 1).records[0].fields.message, 'ABC');
});
