/**
 * Worker-thread side of the parallel reader: parses the chunks it is sent and returns the
 * records' metadata, their JSON (as one JSON text per chunk, which crosses the thread
 * boundary faster than a structured clone of many small objects) and the damage found.
 * The chunk bytes are transferred back so the main thread can render XML on demand.
 */
import { parentPort } from 'node:worker_threads';
import { parseChunk } from './chunk.js';
import type { EvtxDamage } from './damage.js';
import { renderJson } from './render-json.js';

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

export interface ChunkJobResult {
  seq: number;
  bytes: Uint8Array;
  empty: boolean;
  records: ChunkRecordMeta[];
  /** JSON array text of the records' evtx_dump objects, in `records` order. */
  events: string;
  damage: EvtxDamage[];
}

export function runJob(job: ChunkJob): ChunkJobResult {
  const result = parseChunk(job.bytes, { index: job.index, fileOffset: job.fileOffset });
  const records: ChunkRecordMeta[] = [];
  const events: unknown[] = [];
  const damage = result.damage;
  for (const r of result.records) {
    try {
      events.push(renderJson(r.root, { separateAttributes: job.separateAttributes }));
      records.push({ recordId: r.recordId, timestamp: r.timestamp, timestampMs: r.timestampMs, chunkOffset: r.chunkOffset });
    } catch (err) {
      damage.push({ offset: job.fileOffset + r.chunkOffset, chunkIndex: job.index, recordId: r.recordId, scope: 'record', severity: 'error', message: `record ${r.recordId}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return { seq: job.seq, bytes: job.bytes, empty: result.empty, records, events: JSON.stringify(events), damage };
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: ChunkJob) => {
    const out = runJob(job);
    port.postMessage(out, [out.bytes.buffer as ArrayBuffer]);
  });
}
