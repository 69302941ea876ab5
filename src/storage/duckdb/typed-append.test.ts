import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { VigilEvent } from '../../core/event.js';
import { sampleEvent } from '../conformance.js';
import { DuckDbStore } from './duckdb-store.js';

const T = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

async function withStore(fn: (store: DuckDbStore, path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-typed-'));
  const path = join(dir, 'vigil.duckdb');
  try {
    const store = new DuckDbStore({ path, partition: 'day', threads: 1 });
    await store.open();
    try {
      await fn(store, path);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A store holding `events`, closed, changed with plain SQL (as an older or newer Vigil might
 * have left the file), and opened again for `fn`.
 */
async function withAlteredStore(events: VigilEvent[], sql: string[], fn: (store: DuckDbStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-typed-'));
  const path = join(dir, 'vigil.duckdb');
  try {
    const first = new DuckDbStore({ path, partition: 'day', threads: 1 });
    await first.open();
    await first.append(events);
    await first.close();
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    for (const s of sql) await conn.run(s);
    conn.closeSync();
    raw.closeSync();
    const second = new DuckDbStore({ path, partition: 'day', threads: 1 });
    await second.open();
    try {
      await fn(second);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function countEvents(store: DuckDbStore): Promise<number> {
  return Number((await store.query({ sql: 'SELECT count(*) AS n FROM events', params: [] })).rows[0].n);
}

test('typed appends store every column type exactly, NULLs, NUL characters and several chunks', () =>
  withStore(async (store) => {
    const odd = sampleEvent(T + 0.5, {
      message: 'nul \u0000 inside, ünïcödé, emoji 😀, "quotes"',
      'event.severity': -3,
      'source.bytes': Number.MAX_SAFE_INTEGER,
      'destination.bytes': -(2 ** 40) - 7,
      'event.category': [],
      'host.ip': ['10.0.0.1', 'a-rather-long-address-value', 'x\u0000y'],
      'user.name': null,
      'weird.key"\n': 'kept',
    });
    const many = Array.from({ length: 5000 }, (_, i) => sampleEvent(T + 1 + i, { 'source.port': i, message: `m${i}` }));
    await store.append([odd, ...many]);
    const got = await store.getEvent(odd.id);
    assert.ok(got);
    assert.equal(got.message, odd.fields.message);
    assert.equal(got['event.severity'], -3);
    assert.equal(got['source.bytes'], Number.MAX_SAFE_INTEGER);
    assert.equal(got['destination.bytes'], -(2 ** 40) - 7);
    assert.deepEqual(got['event.category'], []);
    assert.deepEqual(got['host.ip'], ['10.0.0.1', 'a-rather-long-address-value', 'x\u0000y']);
    assert.equal(got['user.name'], undefined);
    assert.equal(got['weird.key"\n'], 'kept');
    assert.equal(got['@timestamp'], '2026-11-20T00:00:00.000500Z');
    const res = await store.query({ sql: 'SELECT count(*) AS n, sum("source.port") AS s, count(DISTINCT message) AS m FROM events', params: [] });
    assert.deepEqual(res.rows[0], { n: 5001, s: (4999 * 5000) / 2 + 22, m: 5001 });
  }));

test('a partition with a column this version does not know keeps its default (staged path)', () =>
  withAlteredStore([sampleEvent(T)], ['DROP INDEX events_p20261120_id', 'ALTER TABLE events_p20261120 ADD COLUMN "from.the.future" VARCHAR DEFAULT \'later\''], async (store) => {
    const e = sampleEvent(T + 1, { 'dns.question.name': 'a.example' });
    await store.append([e]);
    assert.equal((await store.getEvent(e.id))?.['dns.question.name'], 'a.example');
    const rows = (await store.query({ sql: 'SELECT count(*) AS n, count("from.the.future") AS f FROM events_p20261120', params: [] })).rows;
    assert.deepEqual(rows[0], { n: 2, f: 2 });
  }));

test('a partition whose column has another type still takes every event (staged path)', () =>
  withAlteredStore([sampleEvent(T)], ['DROP INDEX events_p20261120_id', 'ALTER TABLE events_p20261120 ALTER "source.port" TYPE VARCHAR'], async (store) => {
    const e = sampleEvent(T + 1, { 'source.port': 4711, 'user.name': 'bob' });
    await store.append([e, sampleEvent(T + DAY)]);
    const got = await store.getEvent(e.id);
    assert.equal(String(got?.['source.port']), '4711');
    assert.equal(got?.['user.name'], 'bob');
    assert.equal(await countEvents(store), 3);
  }));

test('a batch spanning partitions commits atomically: one failing partition stores nothing', () =>
  withAlteredStore(
    [sampleEvent(T), sampleEvent(T + DAY, { 'url.full': 'https://x.example/' })],
    // A promoted column declared NOT NULL in one partition: appending events without it there fails.
    ['DROP INDEX events_p20261121_id', 'ALTER TABLE events_p20261121 ALTER "url.full" SET NOT NULL'],
    async (store) => {
      await assert.rejects(store.append([sampleEvent(T + 1), sampleEvent(T + DAY + 1)]));
      assert.equal(await countEvents(store), 2);
      // The store stays usable after the failed batch.
      await store.append([sampleEvent(T + 2)]);
      assert.equal(await countEvents(store), 3);
    },
  ));
