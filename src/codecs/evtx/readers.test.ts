import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { EvtxFileError, readEvtxBuffer } from './file.js';
import { readEvtxFileParallel } from './parallel.js';
import { readEvtxFile } from './reader.js';
import type { EvtxItem } from './record.js';
import { ChunkWriter, V, buildEvtxFile } from './testdata/evtx-builder.js';

/** Items as plain data (records by id, offset, JSON and XML; damage as is), for comparing readers. */
function plain(item: EvtxItem): unknown {
  if (item.kind === 'damage') return item.damage;
  const r = item.record;
  return { id: r.recordId, ts: r.timestamp, ms: r.timestampMs, offset: r.offset, chunk: r.chunkIndex, event: r.event, xml: r.xml() };
}

async function collect(items: AsyncIterable<EvtxItem>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of items) out.push(plain(item));
  return out;
}

function chunk(firstId: number, count: number): Uint8Array {
  const w = new ChunkWriter();
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    w.record(id, BigInt(id) * 10_000_000n, (r) =>
      r.fragmentHeader().template('t', (d) => d.open('Event').closeStart().open('EventData').closeStart().open('Data').closeStart().sub(0, 0x08).end().end().end(), [V.uint32(id)]).eof());
  }
  return w.finish();
}

async function withFile(bytes: Uint8Array, body: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-evtx-'));
  try {
    const path = join(dir, 'test.evtx');
    await writeFile(path, bytes);
    await body(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const broken = (() => {
  const bad = chunk(11, 3);
  bad[1] = 0;
  return buildEvtxFile([chunk(1, 10), bad, new Uint8Array(65536), chunk(14, 4), chunk(18, 2)], 20);
})();

test('the streaming reader yields exactly what the in-memory reader does, damage included', async () => {
  await withFile(broken, async (path) => {
    const expected = [...readEvtxBuffer(broken)].map(plain);
    assert.equal(expected.filter((x) => (x as { id?: number }).id !== undefined).length, 16);
    assert.deepEqual(await collect(readEvtxFile(path)), expected);
    assert.deepEqual(await collect(readEvtxFile(path, { chunksPerRead: 1 })), expected);
  });
});

test('the parallel reader yields the same items in file order', async () => {
  await withFile(broken, async (path) => {
    const expected = await collect(readEvtxFile(path));
    assert.deepEqual(await collect(readEvtxFileParallel(path, { workers: 2, minChunksPerWorker: 0 })), expected);
    assert.deepEqual(await collect(readEvtxFileParallel(path, { workers: 1, minChunksPerWorker: 0 })), expected);
    assert.deepEqual(await collect(readEvtxFileParallel(path, { workers: 2 })), expected, 'small file: read in this thread');
  });
});

test('parallel equals sequential on a real multi-chunk log', { timeout: 120_000 }, async (t) => {
  const dir = corpusPath(t, 'evtx-parser-samples', 'samples');
  if (!dir) return;
  for (const name of ['security.evtx', 'sample_with_a_bad_chunk_magic.evtx']) {
    const path = join(dir, name);
    const sequential = await collect(readEvtxFile(path));
    assert.deepEqual(await collect(readEvtxFileParallel(path, { workers: 2 })), sequential, name);
    assert.deepEqual([...readEvtxBuffer(readFileSync(path))].map(plain), sequential, name);
  }
});

test('stopping early releases the workers and the file; an aborted signal stops the iteration', async () => {
  await withFile(buildEvtxFile([chunk(1, 5), chunk(6, 5), chunk(11, 5)]), async (path) => {
    let seen = 0;
    for await (const item of readEvtxFileParallel(path, { workers: 2, minChunksPerWorker: 0 })) {
      if (item.kind === 'record' && ++seen === 3) break;
    }
    assert.equal(seen, 3);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(collect(readEvtxFile(path, { signal: controller.signal, chunksPerRead: 1 })), /stop/);
    await assert.rejects(collect(readEvtxFileParallel(path, { signal: controller.signal, minChunksPerWorker: 0 })), /stop/);
  });
});

test('a file that is not EVTX, or missing, fails before yielding anything', async () => {
  await withFile(new TextEncoder().encode('not an event log\n'.repeat(300)), async (path) => {
    await assert.rejects(collect(readEvtxFile(path)), EvtxFileError);
    await assert.rejects(collect(readEvtxFileParallel(path, { minChunksPerWorker: 0 })), EvtxFileError);
  });
  await assert.rejects(collect(readEvtxFile('/nonexistent/vigil.evtx')), { code: 'ENOENT' });
});
