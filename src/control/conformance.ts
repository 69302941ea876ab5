/**
 * The one conformance suite for ControlDb implementations: every adapter (DuckDB now,
 * PostgreSQL when scaled out) must pass it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControlDb } from './control-db.js';

export function controlDbConformance(name: string, open: () => Promise<{ db: ControlDb; close: () => void }>): void {
  test(`${name}: run, all and placeholders`, async () => {
    const { db, close } = await open();
    try {
      await db.run('CREATE TABLE IF NOT EXISTS t (id VARCHAR PRIMARY KEY, n BIGINT, x DOUBLE, ok BOOLEAN, body VARCHAR)');
      await db.run('INSERT INTO t VALUES ($1, $2, $3, $4, $5)', ['a', 1_700_000_000_000, 0.5, true, '{"k":1}']);
      await db.run('INSERT INTO t VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET n = excluded.n', ['a', 7, 0.5, true, null]);
      const rows = await db.all<{ id: string; n: number; x: number; ok: boolean; body: string | null }>('SELECT * FROM t WHERE id = $1', ['a']);
      assert.deepEqual(rows, [{ id: 'a', n: 7, x: 0.5, ok: true, body: '{"k":1}' }]);
      // NULL parameters, repeated statements (prepared once) with other value types.
      for (const [id, body] of [['b', null], ['c', 'x'], ['d', null]] as const) await db.run('INSERT INTO t VALUES ($1, $2, $3, $4, $5)', [id, 2, 1.25, false, body]);
      assert.deepEqual(await db.all('SELECT id, body FROM t WHERE body IS NULL ORDER BY id'), [{ id: 'b', body: null }, { id: 'd', body: null }]);
      assert.deepEqual(await db.all('SELECT count(*) AS n FROM t WHERE x = $1 AND n = $2 AND ok = $3', [1.25, 2, false]), [{ n: 3 }]);
    } finally {
      close();
    }
  });

  test(`${name}: a failed transaction leaves nothing behind, a good one commits`, async () => {
    const { db, close } = await open();
    try {
      await db.run('CREATE TABLE IF NOT EXISTS u (id VARCHAR PRIMARY KEY)');
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO u VALUES ($1)', ['x']);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await db.all('SELECT * FROM u'), []);
      await db.transaction(async (tx) => {
        await tx.run('INSERT INTO u VALUES ($1)', ['y']);
        await tx.run('INSERT INTO u VALUES ($1)', ['z']);
      });
      assert.deepEqual(await db.all('SELECT id FROM u ORDER BY id'), [{ id: 'y' }, { id: 'z' }]);
    } finally {
      close();
    }
  });

  test(`${name}: concurrent calls are serialized around transactions`, async () => {
    const { db, close } = await open();
    try {
      await db.run('CREATE TABLE IF NOT EXISTS c (n BIGINT)');
      await Promise.all(Array.from({ length: 20 }, (_, i) =>
        i % 2 ? db.run('INSERT INTO c VALUES ($1)', [i]) : db.transaction(async (tx) => tx.run('INSERT INTO c VALUES ($1)', [i]))));
      assert.deepEqual(await db.all('SELECT count(*) AS n FROM c'), [{ n: 20 }]);
    } finally {
      close();
    }
  });
}
