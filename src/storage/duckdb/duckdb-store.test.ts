import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runStoreConformance, sampleEvent } from '../conformance.js';
import { DuckDbStore } from './duckdb-store.js';

runStoreConformance('duckdb', (dir) => new DuckDbStore({ path: join(dir, 'vigil.duckdb'), partition: 'day', threads: 1 }));

test('duckdb: partitions from an older schema are migrated on open and stay readable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-migrate-'));
  const path = join(dir, 'vigil.duckdb');
  try {
    const T = Date.UTC(2026, 10, 20);
    const first = new DuckDbStore({ path, partition: 'day', threads: 1 });
    await first.open();
    await first.append([sampleEvent(T, { 'dns.question.name': 'old.example' })]);
    await first.close();
    // Simulate a partition written by a Vigil that did not have these columns yet.
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run('ALTER TABLE events_p20261120 DROP COLUMN "dns.question.name"');
    await conn.run('ALTER TABLE events_template DROP COLUMN "url.full"');
    conn.closeSync();
    raw.closeSync();
    const second = new DuckDbStore({ path, partition: 'day', threads: 1 });
    await second.open();
    const e = sampleEvent(T + 1, { 'dns.question.name': 'new.example', 'url.full': 'https://x.example/' });
    await second.append([e, sampleEvent(T + 86_400_000, { 'url.full': 'https://y.example/' })]);
    const rows = (await second.query({ sql: 'SELECT "dns.question.name" AS d, "url.full" AS u FROM events ORDER BY "@timestamp"', params: [] })).rows;
    assert.deepEqual(rows, [
      { d: null, u: null },
      { d: 'new.example', u: 'https://x.example/' },
      { d: null, u: 'https://y.example/' },
    ]);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
