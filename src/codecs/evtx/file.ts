/**
 * File-level walk shared by the in-memory and streaming readers: the file header, then
 * every 64 KiB chunk slot up to the end of the file. The header's chunk count is not
 * trusted (dirty files hold more chunks than it says, truncated ones fewer); all-zero
 * chunks are unused space and skipped quietly.
 */
import { ChunkReader } from './chunk.js';
import type { EvtxDamage } from './damage.js';
import { CHUNK_SIZE, FILE_HEADER_SIZE, isChunkSignature, parseFileHeader } from './headers.js';
import type { FileHeader } from './headers.js';
import { TreeRecord } from './record.js';
import type { EvtxItem } from './record.js';
import type { JsonOptions } from './render-json.js';

/** The input is not an EVTX file at all (or not readable): nothing can be produced from it. */
export class EvtxFileError extends Error {
  override readonly name = 'EvtxFileError';
}

export interface ReadOptions {
  /** JSON layout option, see `JsonOptions.separateAttributes`. */
  separateJsonAttributes?: boolean;
}

export class EvtxFileWalker {
  header: FileHeader | undefined;
  private headerError: string | undefined;
  private chunksWithData = 0;

  constructor(readonly fileSize: number) {}

  /** Number of chunk slots the file holds (the last one may be partial). */
  get chunkSlots(): number {
    return Math.max(0, Math.ceil((this.fileSize - FILE_HEADER_SIZE) / CHUNK_SIZE));
  }

  chunkOffset(index: number): number {
    return FILE_HEADER_SIZE + index * CHUNK_SIZE;
  }

  chunkLength(index: number): number {
    return Math.min(CHUNK_SIZE, this.fileSize - this.chunkOffset(index));
  }

  /** Reads the file header block; damage is returned, never thrown (see `checkFirstChunk`). */
  readHeader(block: Uint8Array): EvtxDamage[] {
    try {
      this.header = parseFileHeader(block);
    } catch (err) {
      this.headerError = err instanceof Error ? err.message : String(err);
      return [{ offset: 0, scope: 'file', severity: 'error', message: `${this.headerError}; looking for chunks anyway` }];
    }
    const damage: EvtxDamage[] = [];
    if (!this.header.checksumOk) damage.push({ offset: 124, scope: 'file', severity: 'warning', message: 'file header checksum mismatch' });
    if (this.header.majorVersion !== 3) damage.push({ offset: 38, scope: 'file', severity: 'warning', message: `unexpected format version ${this.header.majorVersion}.${this.header.minorVersion}` });
    return damage;
  }

  /** Throws EvtxFileError when neither the header nor the first chunk looks like EVTX. */
  checkFirstChunk(first: Uint8Array | undefined): void {
    if (this.headerError === undefined) return;
    if (first === undefined || !isChunkSignature(first)) throw new EvtxFileError(`not an EVTX file: ${this.headerError} and no chunk follows it`);
  }

  noteChunk(empty: boolean): void {
    if (!empty) this.chunksWithData++;
  }

  /** Final consistency report once every chunk slot was read. */
  finish(): EvtxDamage[] {
    const declared = this.header?.chunkCount;
    if (declared !== undefined && declared !== this.chunksWithData) {
      return [{ offset: 42, scope: 'file', severity: 'warning', message: `file header lists ${declared} chunks, the file holds ${this.chunksWithData} with data` }];
    }
    return [];
  }
}

/** Yields a chunk's records and damage in file order, parsing each record as it is asked for. */
export function* chunkItems(chunk: ChunkReader, options: ReadOptions): Generator<EvtxItem> {
  const json: JsonOptions = { separateAttributes: options.separateJsonAttributes === true };
  const { index, fileOffset } = chunk.where;
  for (const e of chunk.entries()) {
    if (e.kind === 'record') yield { kind: 'record', record: new TreeRecord(e.record, fileOffset, index, json) };
    else yield e;
  }
}

/** Reads a whole EVTX file held in memory. Prefer `readEvtxFile` for files on disk. */
export function* readEvtxBuffer(data: Uint8Array, options: ReadOptions = {}): Generator<EvtxItem> {
  const walker = new EvtxFileWalker(data.length);
  for (const damage of walker.readHeader(data.subarray(0, FILE_HEADER_SIZE))) yield { kind: 'damage', damage };
  const slots = walker.chunkSlots;
  walker.checkFirstChunk(slots > 0 ? data.subarray(FILE_HEADER_SIZE, FILE_HEADER_SIZE + CHUNK_SIZE) : undefined);
  for (let i = 0; i < slots; i++) {
    const start = walker.chunkOffset(i);
    const chunk = new ChunkReader(data.subarray(start, start + walker.chunkLength(i)), { index: i, fileOffset: start });
    walker.noteChunk(chunk.empty);
    yield* chunkItems(chunk, options);
  }
  for (const damage of walker.finish()) yield { kind: 'damage', damage };
}
