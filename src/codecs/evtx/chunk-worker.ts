/**
 * Worker-thread side of the parallel reader: parses the chunks it is sent and returns the
 * records' metadata, their JSON (as one JSON text per chunk, which crosses the thread
 * boundary faster than a structured clone of many small objects) and the damage found.
 * The chunk bytes are transferred back so the main thread can render XML on demand.
 */
import { parentPort } from 'node:worker_threads';
import { ChunkReader } from './chunk.js';
import type { EvtxDamage } from './damage.js';
import { recordJson } from './record.js';

export interface ChunkJob {
  seq: number;
  index: number;
  fileOffset: number;
  bytes: Uint8Array;
  separateAttributes: boolean;
}

export interface ChunkRecordMeta {
  recordId: number;
  timestamp: string;
  timestampMs: number;
  chunkOffset: number;
}

export type ChunkJobEntry = { record: ChunkRecordMeta } | { damage: EvtxDamage };

export interface ChunkJobResult {
  seq: number;
  bytes: Uint8Array;
  empty: boolean;
  /** Records and damage in the order the chunk yields them. */
  entries: ChunkJobEntry[];
  /** JSON array text of the records' evtx_dump objects, in record order. */
  events: string;
}

export function runJob(job: ChunkJob): ChunkJobResult {
  const chunk = new ChunkReader(job.bytes, { index: job.index, fileOffset: job.fileOffset });
  const entries: ChunkJobEntry[] = [];
  const events: unknown[] = [];
  for (const e of chunk.entries()) {
    if (e.kind === 'damage') {
      entries.push({ damage: e.damage });
      continue;
    }
    const r = e.record;
    events.push(recordJson(r, { separateAttributes: job.separateAttributes }));
    entries.push({ record: { recordId: r.recordId, timestamp: r.timestamp, timestampMs: r.timestampMs, chunkOffset: r.chunkOffset } });
  }
  return { seq: job.seq, bytes: job.bytes, empty: chunk.empty, entries, events: JSON.stringify(events) };
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: ChunkJob) => {
    const out = runJob(job);
    port.postMessage(out, [out.bytes.buffer as ArrayBuffer]);
  });
}
