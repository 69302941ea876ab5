/**
 * Parallel reader: the main thread reads chunks and hands them to a pool of worker threads
 * (chunk-worker.ts), then yields results strictly in file order, so the output is the same
 * as `readEvtxFile`'s. In-flight chunks are capped (4 per worker), which bounds memory. A
 * chunk whose worker dies is re-read and parsed on the main thread.
 */
import { availableParallelism } from 'node:os';
import { open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { parseChunk } from './chunk.js';
import type { ChunkResult } from './chunk.js';
import { runJob } from './chunk-worker.js';
import type { ChunkJob, ChunkJobResult } from './chunk-worker.js';
import { EvtxFileWalker } from './file.js';
import { CHUNK_SIZE, FILE_HEADER_SIZE } from './headers.js';
import { readAt, readEvtxFile } from './reader.js';
import type { FileReadOptions } from './reader.js';
import type { EvtxItem, EvtxRecord } from './record.js';
import type { JsonObject } from './render-json.js';
import { renderXml } from './render-xml.js';

export interface ParallelReadOptions extends FileReadOptions {
  /** Worker threads (default: available cores, at most 8). */
  workers?: number;
  /** Files with fewer chunks than this per worker are read in this thread (default 8). */
  minChunksPerWorker?: number;
}

function workerUrl(): URL {
  // Under the TypeScript loader (tests) this module is a .ts file and so is the worker.
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './chunk-worker.ts' : './chunk-worker.js', here);
}

/** Re-parses a chunk on the main thread, once, when one of its records is asked for XML. */
class ChunkForXml {
  private parsed: ChunkResult | undefined;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly index: number,
    private readonly fileOffset: number,
  ) {}

  xmlAt(chunkOffset: number): string {
    this.parsed ??= parseChunk(this.bytes, { index: this.index, fileOffset: this.fileOffset });
    const rec = this.parsed.records.find((r) => r.chunkOffset === chunkOffset);
    if (!rec) throw new Error(`record at chunk offset ${chunkOffset} not found on re-parse`);
    return renderXml(rec.root);
  }
}

class WorkerRecord implements EvtxRecord {
  constructor(
    readonly recordId: number,
    readonly timestamp: string,
    readonly timestampMs: number,
    readonly offset: number,
    readonly chunkIndex: number,
    readonly event: JsonObject,
    private readonly chunk: ChunkForXml,
    private readonly chunkOffset: number,
  ) {}

  xml(): string {
    return this.chunk.xmlAt(this.chunkOffset);
  }
}

function* resultItems(job: { index: number; fileOffset: number }, res: ChunkJobResult): Generator<EvtxItem> {
  const events = JSON.parse(res.events) as JsonObject[];
  const chunk = new ChunkForXml(res.bytes, job.index, job.fileOffset);
  let next = 0;
  for (const e of res.entries) {
    if ('damage' in e) {
      yield { kind: 'damage', damage: e.damage };
      continue;
    }
    const m = e.record;
    const offset = job.fileOffset + m.chunkOffset;
    yield { kind: 'record', record: new WorkerRecord(m.recordId, m.timestamp, m.timestampMs, offset, job.index, events[next++], chunk, m.chunkOffset) };
  }
}

interface Slot {
  worker: Worker;
  busy: number;
  waiting: Map<number, { resolve: (r: ChunkJobResult) => void; reject: (e: Error) => void }>;
  dead: boolean;
}

function startWorker(): Slot {
  const slot: Slot = { worker: new Worker(workerUrl()), busy: 0, waiting: new Map(), dead: false };
  slot.worker.on('message', (res: ChunkJobResult) => {
    slot.busy--;
    slot.waiting.get(res.seq)?.resolve(res);
    slot.waiting.delete(res.seq);
  });
  const fail = (err: Error) => {
    slot.dead = true;
    for (const w of slot.waiting.values()) w.reject(err);
    slot.waiting.clear();
  };
  slot.worker.on('error', fail);
  slot.worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
  return slot;
}

/** Below this many chunks per worker, starting workers costs more than it saves. */
const MIN_CHUNKS_PER_WORKER = 8;

function workerCount(options: ParallelReadOptions, chunks: number): number {
  return Math.max(1, Math.min(options.workers ?? Math.min(8, availableParallelism()), Math.max(1, chunks)));
}

/**
 * Same items, same order as `readEvtxFile`, with chunks parsed on worker threads. Small
 * files (fewer than 8 chunks per worker) are read in this thread instead.
 */
export async function* readEvtxFileParallel(path: string, options: ParallelReadOptions = {}): AsyncGenerator<EvtxItem> {
  const chunks = Math.ceil(Math.max(0, (await stat(path)).size - FILE_HEADER_SIZE) / CHUNK_SIZE);
  if (chunks < workerCount(options, chunks) * (options.minChunksPerWorker ?? MIN_CHUNKS_PER_WORKER)) {
    yield* readEvtxFile(path, options);
    return;
  }
  const fh = await open(path, 'r');
  const slots: Slot[] = [];
  let closed = false;
  try {
    const size = (await fh.stat()).size;
    const walker = new EvtxFileWalker(size);
    for (const damage of walker.readHeader(await readAt(fh, 0, Math.min(FILE_HEADER_SIZE, size)))) yield { kind: 'damage', damage };
    const total = walker.chunkSlots;
    walker.checkFirstChunk(total > 0 ? await readAt(fh, FILE_HEADER_SIZE, Math.min(8, walker.chunkLength(0))) : undefined);
    const count = workerCount(options, total);
    for (let i = 0; i < count; i++) slots.push(startWorker());
    const separateAttributes = options.separateJsonAttributes === true;
    const maxInFlight = count * 4;
    const inFlight: Promise<ChunkJobResult>[] = [];
    let sent = 0;

    const dispatch = async (index: number): Promise<ChunkJobResult> => {
      const fileOffset = walker.chunkOffset(index);
      const bytes = await readAt(fh, fileOffset, walker.chunkLength(index));
      const live = slots.filter((s) => !s.dead);
      if (live.length === 0) return localJob(index, fileOffset, bytes);
      const slot = live.reduce((a, b) => (b.busy < a.busy ? b : a));
      const job: ChunkJob = { seq: index, index, fileOffset, bytes, separateAttributes };
      return new Promise<ChunkJobResult>((resolve, reject) => {
        slot.waiting.set(index, { resolve, reject });
        slot.busy++;
        slot.worker.postMessage(job, [bytes.buffer as ArrayBuffer]);
      }).catch(async (err: unknown) => {
        // The worker died: read the chunk again and parse it here, unless we are shutting down.
        if (closed) throw err;
        return localJob(index, fileOffset, await readAt(fh, fileOffset, walker.chunkLength(index)));
      });
    };
    const localJob = (index: number, fileOffset: number, bytes: Uint8Array): ChunkJobResult =>
      runJob({ seq: index, index, fileOffset, bytes, separateAttributes });

    for (let next = 0; next < total; next++) {
      options.signal?.throwIfAborted();
      while (sent < total && sent - next < maxInFlight) {
        const pending = dispatch(sent++);
        pending.catch(() => undefined); // awaited below in order; this only marks early-exit rejections handled
        inFlight.push(pending);
      }
      const res = await inFlight[next];
      delete inFlight[next];
      walker.noteChunk(res.empty);
      yield* resultItems({ index: next, fileOffset: walker.chunkOffset(next) }, res);
    }
    for (const damage of walker.finish()) yield { kind: 'damage', damage };
  } finally {
    closed = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    await fh.close();
  }
}
