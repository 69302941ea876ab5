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
    // Simulate a partition written by a Vigil that did not have these columns yet (nor the id index).
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run('DROP INDEX events_p20261120_id');
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

runStoreConformance('duckdb without id index', (dir) => new DuckDbStore({ path: join(dir, 'vigil.duckdb'), partition: 'day', threads: 1, id_index: false }));

test('duckdb: every partition gets an id index, partitions without one get it on open, and lookups work either way', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-idindex-'));
  const path = join(dir, 'vigil.duckdb');
  // (Whether DuckDB plans an index scan depends on table size: the 10M-event search benchmark shows it.)
  const indexes = async (): Promise<string[]> => {
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    const res = await conn.runAndReadAll("SELECT table_name || ':' || index_name FROM duckdb_indexes() ORDER BY 1");
    conn.closeSync();
    raw.closeSync();
    return res.getRows().map((r) => String(r[0]));
  };
  try {
    const T = Date.UTC(2026, 10, 20);
    const events = [sampleEvent(T), sampleEvent(T + 5), sampleEvent(T + 86_400_000)];
    const unindexed = new DuckDbStore({ path, partition: 'day', threads: 1, id_index: false });
    await unindexed.open();
    await unindexed.append(events);
    assert.equal((await unindexed.getEvent(events[1].id))?.id, events[1].id);
    await unindexed.close();
    assert.deepEqual(await indexes(), []);

    const indexed = new DuckDbStore({ path, partition: 'day', threads: 1 });
    await indexed.open();
    const later = sampleEvent(T + 2 * 86_400_000);
    await indexed.append([later]);
    for (const e of [...events, later]) assert.equal((await indexed.getEvent(e.id))?.id, e.id);
    await indexed.close();
    assert.deepEqual(await indexes(), ['events_p20261120:events_p20261120_id', 'events_p20261121:events_p20261121_id', 'events_p20261122:events_p20261122_id']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
