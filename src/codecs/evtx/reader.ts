/**
 * Streaming reader over an EVTX file on disk: reads a block of chunks at a time (1 MiB by
 * default), parses it, yields its records and damage reports, and moves on. Memory stays
 * bounded by one block plus whatever records the consumer keeps.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { ChunkReader } from './chunk.js';
import { EvtxFileWalker, chunkItems } from './file.js';
import type { ReadOptions } from './file.js';
import { CHUNK_SIZE, FILE_HEADER_SIZE } from './headers.js';
import type { EvtxItem } from './record.js';

export interface FileReadOptions extends ReadOptions {
  /** Stops the iteration (with the signal's reason) between blocks. */
  signal?: AbortSignal;
  /** Chunks read per I/O call (default 16, i.e. 1 MiB). */
  chunksPerRead?: number;
}

/** Reads `length` bytes at `position`; returns fewer only when the file ends first. */
export async function readAt(fh: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = Buffer.allocUnsafeSlow(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await fh.read(buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buf : buf.subarray(0, filled);
}

/**
 * Opens the file, checks that it is EVTX (throws EvtxFileError if not at all), then yields
 * `{kind: 'record'}` and `{kind: 'damage'}` items in file order.
 */
export async function* readEvtxFile(path: string, options: FileReadOptions = {}): AsyncGenerator<EvtxItem> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const walker = new EvtxFileWalker(size);
    for (const damage of walker.readHeader(await readAt(fh, 0, Math.min(FILE_HEADER_SIZE, size)))) yield { kind: 'damage', damage };
    const slots = walker.chunkSlots;
    walker.checkFirstChunk(slots > 0 ? await readAt(fh, FILE_HEADER_SIZE, Math.min(8, walker.chunkLength(0))) : undefined);
    const perRead = Math.max(1, options.chunksPerRead ?? 16);
    for (let first = 0; first < slots; first += perRead) {
      options.signal?.throwIfAborted();
      const count = Math.min(perRead, slots - first);
      const start = walker.chunkOffset(first);
      const block = await readAt(fh, start, Math.min(count * CHUNK_SIZE, size - start));
      for (let k = 0; k < count; k++) {
        const from = k * CHUNK_SIZE;
        if (from >= block.length) break; // the file shrank while we read it
        const chunk = new ChunkReader(block.subarray(from, Math.min(from + CHUNK_SIZE, block.length)), { index: first + k, fileOffset: start + from });
        walker.noteChunk(chunk.empty);
        yield* chunkItems(chunk, options);
      }
    }
    for (const damage of walker.finish()) yield { kind: 'damage', damage };
  } finally {
    await fh.close();
  }
}
