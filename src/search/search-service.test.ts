import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEventId } from '../core/ids.js';
import { sampleEvent } from '../storage/conformance.js';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';
import { SearchService } from './search-service.js';

const T = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;

test('id: lookups answer exactly what the general query answers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-search-id-'));
  const store = new DuckDbStore({ path: join(dir, 'vigil.duckdb'), partition: 'day', threads: 1 });
  await store.open();
  try {
    const target = sampleEvent(T + 0.75, { message: 'the one', 'winlog.channel': 'Security' }, { Event: { EventID: 4624 } });
    // Neighbours in the same millisecond and other partitions, so that the lookup has to choose.
    const others = [sampleEvent(T + 0.25), sampleEvent(T + 0.9), sampleEvent(T - DAY), sampleEvent(T + DAY)];
    await store.append([...others, target]);
    const search = new SearchService(store);
    const now = T + 2 * DAY;
    const fast = await search.search({ q: `id:${target.id}` }, now);
    // A pipe makes it a general query: the compiled SQL over the partitions of the time range.
    const general = await search.search({ q: `id:${target.id} | head 10` }, now);
    assert.equal(fast.rows.length, 1);
    assert.deepEqual(fast.rows, general.rows);
    assert.deepEqual(fast.columns, general.columns);
    assert.equal(fast.rows[0].message, 'the one');
    assert.deepEqual(fast.rows[0].native, { Event: { EventID: 4624 } });
    assert.deepEqual((await search.search({ q: `id:${newEventId(T)}` }, now)).rows, []);
    assert.deepEqual((await search.search({ q: `id:${newEventId(T + 10 * DAY)}` }, now)).rows, []);
    // A request range that excludes the event's millisecond finds nothing, like the general query.
    assert.deepEqual((await search.search({ q: `id:${target.id}`, from: T + 1, to: T + 1000 }, now)).rows, []);
    assert.equal((await search.search({ q: `id:${target.id}`, from: T - 1000, to: T + 1000 }, now)).rows.length, 1);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
