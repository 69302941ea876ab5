import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandGlob, matchesGlob, segmentRegExp } from './glob.js';
import { tempDir } from './test-helpers.js';

test('segment patterns: *, ?, classes, braces, no leading dot', () => {
  assert.ok(segmentRegExp('*.log').test('conn.log'));
  assert.ok(!segmentRegExp('*.log').test('.hidden.log'));
  assert.ok(segmentRegExp('.*.log').test('.hidden.log'));
  assert.ok(segmentRegExp('auth.log.?').test('auth.log.1'));
  assert.ok(!segmentRegExp('auth.log.?').test('auth.log.10'));
  assert.ok(segmentRegExp('[cd]ns.log').test('dns.log'));
  assert.ok(!segmentRegExp('[!cd]ns.log').test('dns.log'));
  assert.ok(segmentRegExp('{conn,dns}.log').test('dns.log'));
  assert.ok(!segmentRegExp('{conn,dns}.log').test('http.log'));
  assert.ok(segmentRegExp('a+b(c).log').test('a+b(c).log'));
  assert.ok(segmentRegExp('{unclosed.log').test('{unclosed.log'));
});

test('matchesGlob: file-name patterns and full-path patterns with **', () => {
  assert.ok(matchesGlob('*.gz', '/var/log/auth.log.2.gz'));
  assert.ok(!matchesGlob('*.gz', '/var/log/auth.log'));
  assert.ok(matchesGlob('/var/log/**/*.log', '/var/log/a/b/c.log'));
  assert.ok(matchesGlob('/var/log/**/*.log', '/var/log/c.log'));
  assert.ok(!matchesGlob('/var/log/*/*.log', '/var/log/c.log'));
});

test('expandGlob lists existing files, sorted, through directories and **', async () => {
  const tmp = tempDir('glob');
  try {
    mkdirSync(join(tmp.path, 'zeek', '2024-01-01'), { recursive: true });
    mkdirSync(join(tmp.path, 'zeek', 'current'), { recursive: true });
    for (const f of ['zeek/current/conn.log', 'zeek/current/dns.log', 'zeek/current/notes.txt', 'zeek/2024-01-01/conn.log', 'zeek/.hidden.log']) {
      writeFileSync(join(tmp.path, f), 'x\n');
    }
    assert.deepEqual(await expandGlob(join(tmp.path, 'zeek/current/*.log')), [
      join(tmp.path, 'zeek/current/conn.log'),
      join(tmp.path, 'zeek/current/dns.log'),
    ]);
    assert.deepEqual(await expandGlob(join(tmp.path, 'zeek/*/conn.log')), [
      join(tmp.path, 'zeek/2024-01-01/conn.log'),
      join(tmp.path, 'zeek/current/conn.log'),
    ]);
    assert.deepEqual((await expandGlob(join(tmp.path, 'zeek/**/*.log'))).length, 3);
    assert.deepEqual(await expandGlob('current/{conn,dns}.log', join(tmp.path, 'zeek')), [
      join(tmp.path, 'zeek/current/conn.log'),
      join(tmp.path, 'zeek/current/dns.log'),
    ]);
    assert.deepEqual(await expandGlob(join(tmp.path, 'missing/*.log')), []);
    // A plain path is returned as is; whether it exists is the caller's question.
    assert.deepEqual(await expandGlob(join(tmp.path, 'nope.log')), [join(tmp.path, 'nope.log')]);
  } finally {
    tmp.cleanup();
  }
});
