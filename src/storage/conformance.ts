/**
 * The store conformance suite: every adapter runs exactly these tests (DuckDB now,
 * ClickHouse later). It talks to the store through the contract only, plus the portable
 * SQL `SELECT count(*) AS n FROM <eventsRelation>`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VigilEvent } from '../core/event.js';
import { newEventId } from '../core/ids.js';
import type { EventStore } from './store.js';

/** Opens a store persisted under `dir`; called again with the same dir to test durability. */
export type StoreFactory = (dir: string) => EventStore;

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

export function sampleEvent(ts: number, fields: VigilEvent['fields'] = {}, native: Record<string, unknown> = {}): VigilEvent {
  return {
    id: newEventId(ts),
    ts,
    fields: { 'event.category': ['authentication'], 'user.name': 'alice', 'source.port': 22, ...fields },
    native,
    meta: { source: 'conformance', format: 'test', ingestTime: ts + 5, logsource: { product: 'linux', service: 'auth' } },
  };
}

async function count(store: EventStore): Promise<number> {
  const res = await store.query({ sql: `SELECT count(*) AS n FROM ${store.eventsRelation}`, params: [] });
  return Number(res.rows[0].n);
}

export function runStoreConformance(adapter: string, factory: StoreFactory): void {
  const withStore = async (fn: (store: EventStore, dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), `vigil-store-${adapter}-`));
    const store = factory(dir);
    await store.open();
    try {
      await fn(store, dir);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test(`${adapter}: appended events are counted and read back by id with every part intact`, () =>
    withStore(async (store) => {
      const e = sampleEvent(T0 + 0.25, { 'winlog.channel': 'Security', 'host.ip': ['10.0.0.1', '::1'], message: 'quote " and ünïcödé' }, {
        Event: { System: { EventID: 4625 } },
      });
      e.meta.warnings = ['clock skew'];
      await store.append([e, sampleEvent(T0 + 1000)]);
      assert.equal(await count(store), 2);
      const got = await store.getEvent(e.id);
      assert.ok(got, 'event found by id');
      assert.equal(got.id, e.id);
      assert.equal(got['@timestamp'], '2026-11-20T12:00:00.000250Z');
      assert.equal(got['user.name'], 'alice');
      assert.equal(got['source.port'], 22);
      assert.deepEqual(got['event.category'], ['authentication']);
      assert.deepEqual(got['host.ip'], ['10.0.0.1', '::1']);
      assert.equal(got['winlog.channel'], 'Security');
      assert.equal(got.message, 'quote " and ünïcödé');
      assert.deepEqual(got.native, { Event: { System: { EventID: 4625 } } });
      assert.deepEqual(got.logsource, { product: 'linux', service: 'auth' });
      assert.deepEqual(got.meta, { warnings: ['clock skew'] });
      assert.equal(await store.getEvent(newEventId(T0)), undefined);
    }));

  test(`${adapter}: a value that does not fit its promoted column's type is kept, not lost`, () =>
    withStore(async (store) => {
      const e = sampleEvent(T0, { 'source.port': 'not-a-port' });
      await store.append([e]);
      const got = await store.getEvent(e.id);
      assert.equal(got?.['source.port'], 'not-a-port');
    }));

  test(`${adapter}: events are partitioned by time`, () =>
    withStore(async (store) => {
      await store.append([sampleEvent(T0), sampleEvent(T0 + DAY), sampleEvent(T0 + DAY + 1), sampleEvent(T0 + 3 * DAY)]);
      const parts = await store.partitions();
      assert.deepEqual(parts.map((p) => p.rows), [1, 2, 1]);
      for (const p of parts) assert.ok(p.end > p.start);
      assert.equal((await store.stats()).events, 4);
    }));

  test(`${adapter}: relationFor holds every event of its time range, and fewer others`, () =>
    withStore(async (store) => {
      const times = [T0, T0 + DAY, T0 + 2 * DAY, T0 + 2 * DAY + 5, T0 + 3 * DAY];
      await store.append(times.map((t) => sampleEvent(t)));
      const total = async (rel: string) => Number((await store.query({ sql: `SELECT count(*) AS n FROM ${rel}`, params: [] })).rows[0].n);
      const inRange = async (from?: number, to?: number) => {
        const rel = await store.relationFor(from, to);
        const rows = (await store.query({ sql: `SELECT epoch_ms("@timestamp") AS t FROM ${rel}`, params: [] })).rows.map((r) => Number(r.t));
        return { rel, rows, within: rows.filter((t) => (from === undefined || t >= from) && (to === undefined || t < to)).length };
      };
      const expectWithin = (from?: number, to?: number) => times.filter((t) => (from === undefined || t >= from) && (to === undefined || t < to)).length;
      for (const [from, to] of [[undefined, undefined], [T0 + 2 * DAY, T0 + 2 * DAY + 1], [T0 + DAY, T0 + 3 * DAY], [T0 + 10 * DAY, undefined], [undefined, T0 + DAY]] as const) {
        const r = await inRange(from, to);
        assert.equal(r.within, expectWithin(from, to), `every event of [${from}, ${to}) is in ${r.rel}`);
      }
      assert.equal(await total(await store.relationFor()), 5);
      assert.ok((await total(await store.relationFor(T0 + 2 * DAY, T0 + 2 * DAY + 1))) < 5, 'a one-day range reads fewer events');
      // A partition created after a range was asked for is seen by the next call.
      await store.append([sampleEvent(T0 + DAY + 7)]);
      assert.equal((await inRange(T0 + DAY, T0 + 3 * DAY)).within, 4);
    }));

  test(`${adapter}: events survive close and reopen`, async () => {
    const dir = mkdtempSync(join(tmpdir(), `vigil-store-${adapter}-`));
    try {
      const first = factory(dir);
      await first.open();
      await first.append([sampleEvent(T0), sampleEvent(T0 + DAY)]);
      await first.close();
      const second = factory(dir);
      await second.open();
      assert.equal(await count(second), 2);
      await second.append([sampleEvent(T0 + 2 * DAY)]);
      assert.equal(await count(second), 3);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${adapter}: retention by age drops whole partitions and archives them to Parquet`, () =>
    withStore(async (store, dir) => {
      await store.append([sampleEvent(T0 - 10 * DAY), sampleEvent(T0 - 10 * DAY + 1), sampleEvent(T0)]);
      const archive = join(dir, 'archive');
      const res = await store.applyRetention({ max_age_days: 7, max_total_bytes: 0, archive_dir: archive }, T0 + 1000);
      assert.equal(res.dropped.length, 1);
      assert.equal(res.dropped[0].rows, 2);
      assert.equal(res.dropped[0].reason, 'age');
      assert.ok(res.dropped[0].archived_to && existsSync(res.dropped[0].archived_to));
      assert.equal(await count(store), 1);
      assert.equal((await store.partitions()).length, 1);
    }));

  test(`${adapter}: retention by size drops the oldest partitions but never the newest`, () =>
    withStore(async (store) => {
      const many = (base: number) => Array.from({ length: 3000 }, (_, i) => sampleEvent(base + i, { message: `m${i}`.repeat(20) }));
      await store.append(many(T0 - 2 * DAY));
      await store.append(many(T0 - DAY));
      await store.append(many(T0));
      const res = await store.applyRetention({ max_age_days: 0, max_total_bytes: 1 }, T0);
      assert.deepEqual(res.dropped.map((d) => d.reason), ['size', 'size']);
      const parts = await store.partitions();
      assert.equal(parts.length, 1);
      assert.equal(parts[0].rows, 3000);
    }));

  test(`${adapter}: dead letters keep the reason, position and original bytes`, () =>
    withStore(async (store) => {
      await store.appendDeadLetters([{ time: T0, source: 'api', format: 'ndjson', reason: 'invalid JSON at column 3', position: 'line 7', raw: '{"a":' }]);
      const dl = await store.deadLetters(10);
      assert.equal(dl.length, 1);
      assert.deepEqual(dl[0], { time: T0, source: 'api', format: 'ndjson', reason: 'invalid JSON at column 3', position: 'line 7', raw: '{"a":' });
      assert.equal((await store.stats()).dead_letters, 1);
    }));

  test(`${adapter}: events ingested after a cursor come back as stored, in (ingest time, id) order, page by page`, () =>
    withStore(async (store) => {
      const at = (ts: number, ingestTime: number, fields: VigilEvent['fields'] = {}): VigilEvent => {
        const e = sampleEvent(ts, fields, { Event: { EventData: { CommandLine: 'x' } } });
        e.meta.ingestTime = ingestTime;
        return e;
      };
      const I = T0 + 3_600_000;
      // Event times across two partitions; ingest times out of event-time order, two equal.
      const events = [at(T0 + DAY + 0.5, I + 2, { 'process.name': 'cmd.exe', 'x.custom': 'kept' }), at(T0, I + 1), at(T0 + 5, I + 2), at(T0 + 9, I + 3), at(T0 + 1, I - 10)];
      events[0].meta.warnings = ['w'];
      events[0].meta.format = 'evtx';
      await store.append(events);
      const expected = events.filter((e) => e.meta.ingestTime > I).sort((a, b) => a.meta.ingestTime - b.meta.ingestTime || (a.id < b.id ? -1 : 1));
      const first = await store.eventsIngestedAfter({ ingestTime: I, id: '' }, 2);
      const last = first[first.length - 1];
      const rest = await store.eventsIngestedAfter({ ingestTime: last.meta.ingestTime, id: last.id }, 10);
      const got = [...first, ...rest];
      assert.deepEqual(got.map((e) => e.id), expected.map((e) => e.id));
      const full = got.find((e) => e.id === events[0].id);
      assert.deepEqual(full, { ...events[0], fields: { ...events[0].fields } });
      assert.deepEqual(await store.eventsIngestedAfter({ ingestTime: I + 3, id: events[3].id }, 10), []);
    }));
}
