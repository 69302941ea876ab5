import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckpointStore, fingerprintOf, type FileCheckpoint } from './checkpoint-store.js';
import { checkpointMatches } from './followed-file.js';
import { tempDir } from './test-helpers.js';

const CP: FileCheckpoint = { path: '/var/log/a.log', dev: 1, ino: 2, offset: 10, line: 3, skipping: false, fingerprint: 'ab', fingerprint_bytes: 5, decoder: { fields: ['ts'] } };

test('save and load round trip; a missing file is a first run', async () => {
  const tmp = tempDir('cp');
  try {
    const store = new CheckpointStore(join(tmp.path, 'nested', 'cp.json'));
    assert.deepEqual(await store.load(), { kind: 'missing' });
    await Promise.all([store.save([{ ...CP, offset: 1 }]), store.save([CP])]);
    assert.deepEqual(await store.load(), { kind: 'loaded', files: [CP] });
    assert.equal(existsSync(join(tmp.path, 'nested', 'cp.json.tmp')), false);
  } finally {
    tmp.cleanup();
  }
});

test('an unreadable checkpoint is set aside and reported, not trusted', async () => {
  const tmp = tempDir('cp-bad');
  try {
    const path = join(tmp.path, 'cp.json');
    for (const body of ['{not json', JSON.stringify({ version: 2, files: [] }), JSON.stringify({ version: 1, files: [{ path: 1 }] })]) {
      writeFileSync(path, body);
      const r = await new CheckpointStore(path).load();
      assert.equal(r.kind, 'corrupt');
      if (r.kind === 'corrupt') assert.equal(readFileSync(r.movedTo, 'utf8'), body);
      assert.equal(existsSync(path), false);
    }
  } finally {
    tmp.cleanup();
  }
});

test('a checkpoint matches a file only with the same first bytes and room for its offset', async () => {
  const tmp = tempDir('cp-fp');
  try {
    const path = join(tmp.path, 'f.log');
    writeFileSync(path, 'hello world\nmore\n');
    const h = await open(path, 'r');
    const fp = await fingerprintOf(h, 11);
    const cp = { ...CP, offset: 12, fingerprint: fp.fingerprint, fingerprint_bytes: fp.bytes };
    assert.equal(await checkpointMatches(h, 17, cp), true);
    assert.equal(await checkpointMatches(h, 17, { ...cp, offset: 99 }), false);
    assert.equal(await checkpointMatches(h, 17, { ...cp, fingerprint: 'other' }), false);
    assert.equal(await checkpointMatches(h, 5, cp), false);
    await h.close();
  } finally {
    tmp.cleanup();
  }
});
