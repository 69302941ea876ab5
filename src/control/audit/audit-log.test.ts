import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbControlDb } from '../duckdb-control-db.js';
import { AuditLog, GENESIS_HASH, type AuditInput } from './audit-log.js';
import { canonicalJson } from './canonical-json.js';

const entry = (i: number): AuditInput => ({
  ts: 1_700_000_000_000 + i, actor: i % 2 ? 'alice' : 'bob', role: 'analyst', via: 'session',
  action: 'PATCH /api/v1/incidents/:id', target: { id: `inc-${i}`, status: 'closed' }, status: 200, ip: '127.0.0.1',
});

async function withLog(n: number, fn: (log: AuditLog, db: DuckDbControlDb) => Promise<void>) {
  const { db, close } = await DuckDbControlDb.inMemory();
  try {
    const log = await AuditLog.open(db);
    for (let i = 1; i <= n; i++) await log.append(entry(i));
    await fn(log, db);
  } finally {
    close();
  }
}

test('canonical JSON sorts keys at every depth and drops undefined members', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }), '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
  assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
});

test('entries chain by hash and verify; concurrent appends keep one chain', async () => {
  await withLog(3, async (log) => {
    await Promise.all([4, 5, 6, 7].map((i) => log.append(entry(i))));
    const { entries, total } = await log.list({ limit: 100, offset: 0 });
    assert.equal(total, 7);
    assert.deepEqual(entries.map((e) => e.seq), [7, 6, 5, 4, 3, 2, 1], 'newest first');
    assert.equal(entries[6].prev_hash, GENESIS_HASH);
    for (let i = 0; i < 6; i++) assert.equal(entries[i].prev_hash, entries[i + 1].hash);
    assert.deepEqual(await log.verify(), { ok: true, entries: 7 });
    assert.equal((await log.list({ limit: 10, offset: 0, actor: 'alice' })).total, 4);
  });
});

test('altering a stored row is detected at that row', async () => {
  await withLog(5, async (log, db) => {
    await db.run(`UPDATE vigil_audit SET target = '{"id":"inc-3","status":"open"}' WHERE seq = 3`);
    const result = await log.verify();
    assert.equal(result.ok, false);
    assert.equal(result.first_bad, 3);
    assert.equal(result.entries, 2);
    assert.match(result.reason ?? '', /content/);
  });
});

test('changing the actor, removing a row or rewriting one hash is detected', async () => {
  await withLog(5, async (log, db) => {
    await db.run(`UPDATE vigil_audit SET actor = 'mallory' WHERE seq = 2`);
    assert.equal((await log.verify()).first_bad, 2);
  });
  await withLog(5, async (log, db) => {
    await db.run('DELETE FROM vigil_audit WHERE seq = 4');
    const r = await log.verify();
    assert.deepEqual([r.ok, r.first_bad], [false, 4]);
    assert.match(r.reason ?? '', /missing/);
  });
  await withLog(5, async (log, db) => {
    // Recomputing one entry's hash after editing it still breaks the link to the next entry.
    await db.run(`UPDATE vigil_audit SET status = 500, hash = '${'f'.repeat(64)}' WHERE seq = 2`);
    assert.equal((await log.verify()).first_bad, 2);
  });
  await withLog(0, async (log) => {
    assert.deepEqual(await log.verify(), { ok: true, entries: 0 });
  });
});
