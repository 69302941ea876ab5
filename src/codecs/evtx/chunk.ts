/**
 * One 64 KiB chunk: header, checksums, then its records back to back. Pure: bytes in,
 * parsed records and damage reports out. A damaged record is reported (offset, what was
 * wrong) and skipped; the rest of the chunk is still read.
 */
import { EvtxFormatError, u32, u64num } from './bytes.js';
import { MODE_RECORD, RECORD_BUDGET, parseFragment } from './binxml.js';
import type { EvtxDamage } from './damage.js';
import {
  CHUNK_FLAG_NO_CRC32, CHUNK_HEADER_SIZE, CHUNK_SIZE, chunkDataChecksum, chunkHeaderChecksum, isAllZero, isChunkSignature, parseChunkHeader,
} from './headers.js';
import type { ChunkHeader } from './headers.js';
import { readInstanceView } from './instance-view.js';
import { createChunkContext, instantiate } from './template.js';
import type { InstanceElement } from './template.js';
import type { ScopedElement, XmlElement } from './tree.js';
import { filetimeToEpochMs, formatFiletime } from './value-format.js';

const RECORD_MAGIC = 0x00002a2a;
/** Record header (magic, size, id, written time) plus the trailing size copy. */
const RECORD_OVERHEAD = 28;

export interface ParsedRecord {
  recordId: number;
  /** Written time from the record header, ISO 8601 UTC with microseconds. */
  timestamp: string;
  /** The same instant as epoch milliseconds (fraction = sub-millisecond part). */
  timestampMs: number;
  /** Offset of the record inside its chunk. */
  chunkOffset: number;
  size: number;
  /** The record's document (built on first use when `instance` is set). */
  readonly root: XmlElement;
  /**
   * Set for the common record shape (see instance-view.ts): the template definition's root
   * with the instance's values as its scope, which the JSON renderer uses without a tree.
   */
  readonly instance: ScopedElement | undefined;
}

class ParsedRecordData implements ParsedRecord {
  private tree: XmlElement | undefined;
  constructor(
    readonly recordId: number,
    readonly timestamp: string,
    readonly timestampMs: number,
    readonly chunkOffset: number,
    readonly size: number,
    tree: XmlElement | undefined,
    readonly instance: InstanceElement | undefined,
  ) {
    this.tree = tree;
  }

  get root(): XmlElement {
    if (this.tree === undefined) {
      // A view only holds shapes that build without error, without the chunk's bytes, and to a
      // size bounded by its templates (instance-view.ts), so no work budget is needed here.
      const view = this.instance as InstanceElement;
      const ctx = createChunkContext(new Uint8Array(0));
      ctx.budget = Number.MAX_SAFE_INTEGER;
      this.tree = instantiate(ctx, view.def, view.scope, 0);
    }
    return this.tree;
  }
}

export interface ChunkResult {
  index: number;
  /** Absolute file offset of the chunk. */
  fileOffset: number;
  header?: ChunkHeader;
  records: ParsedRecord[];
  damage: EvtxDamage[];
  /** The chunk was all zeroes (unused space in a pre-allocated file): nothing to read, nothing wrong. */
  empty: boolean;
}

export interface ChunkLocation {
  index: number;
  fileOffset: number;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a chunk yields, in file order: records and damage reports. */
export type ChunkEntry = { kind: 'record'; record: ParsedRecord } | { kind: 'damage'; damage: EvtxDamage };

/**
 * Reads a chunk lazily: each record is parsed when the consumer asks for it, so its document
 * tree is garbage by the time the next one is built (a whole chunk's trees would outlive the
 * young generation and make garbage collection expensive).
 */
export class ChunkReader {
  /** The chunk was all zeroes (unused space in a pre-allocated file): nothing to read, nothing wrong. */
  readonly empty: boolean;
  readonly header: ChunkHeader | undefined;
  private readonly data: Uint8Array;

  constructor(
    bytes: Uint8Array,
    readonly where: ChunkLocation,
  ) {
    // A Buffer view (no copy) gives the string decoding its fast path.
    this.data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.empty = !isChunkSignature(this.data) && isAllZero(this.data);
    let header: ChunkHeader | undefined;
    try {
      header = isChunkSignature(this.data) ? parseChunkHeader(this.data) : undefined;
    } catch {
      header = undefined;
    }
    this.header = header;
  }

  private damage(offset: number, message: string, severity: EvtxDamage['severity'], recordId?: number): ChunkEntry {
    const { index, fileOffset } = this.where;
    return { kind: 'damage', damage: { offset: fileOffset + offset, chunkIndex: index, recordId, scope: recordId === undefined ? 'chunk' : 'record', severity, message } };
  }

  *entries(): Generator<ChunkEntry> {
    const data = this.data;
    const header = this.header;
    if (this.empty) return;
    if (!isChunkSignature(data)) {
      yield this.damage(0, data.length < 8 ? `truncated chunk of ${data.length} bytes` : 'bad chunk signature (expected "ElfChnk"); chunk skipped', 'error');
      return;
    }
    if (header === undefined) {
      yield this.damage(0, `chunk of ${data.length} bytes is too short for its 512-byte header`, 'error');
      return;
    }
    let limit = data.length;
    const fso = header.freeSpaceOffset;
    if (fso < CHUNK_HEADER_SIZE || fso > CHUNK_SIZE) yield this.damage(48, `free-space offset 0x${fso.toString(16)} is outside the chunk; reading to the end of the chunk`, 'warning');
    else limit = Math.min(fso, data.length);
    if ((header.flags & CHUNK_FLAG_NO_CRC32) === 0) {
      const headerCrc = chunkHeaderChecksum(data);
      if (headerCrc !== header.headerChecksum) yield this.damage(124, `chunk header checksum mismatch (stored 0x${header.headerChecksum.toString(16)}, computed 0x${headerCrc.toString(16)})`, 'warning');
      if (limit === fso) {
        const dataCrc = chunkDataChecksum(data, fso);
        if (dataCrc !== header.dataChecksum) yield this.damage(52, `record data checksum mismatch (stored 0x${header.dataChecksum.toString(16)}, computed 0x${dataCrc.toString(16)}); records are checked one by one`, 'warning');
      }
    }
    yield* this.records(limit, header);
    if (data.length < CHUNK_SIZE) yield this.damage(data.length, `chunk truncated to ${data.length} of ${CHUNK_SIZE} bytes; the records it still held were read`, 'warning');
  }

  private *records(limit: number, header: ChunkHeader): Generator<ChunkEntry> {
    const data = this.data;
    const ctx = createChunkContext(data);
    let off = CHUNK_HEADER_SIZE;
    while (off + RECORD_OVERHEAD <= limit) {
      const magic = u32(data, off, 'record signature');
      if (magic === 0) {
        // Zeroed space where the next record would be: the writer stopped here (dirty chunk).
        if (!isAllZero(data.subarray(off, limit))) yield this.damage(off, `records end at chunk offset 0x${off.toString(16)}, before the free-space offset; the rest is slack`, 'warning');
        return;
      }
      if (magic !== RECORD_MAGIC) {
        yield this.damage(off, `bad record signature 0x${magic.toString(16).padStart(8, '0')}; rest of chunk skipped`, 'error');
        return;
      }
      const size = u32(data, off + 4, 'record size');
      if (size < RECORD_OVERHEAD) {
        yield this.damage(off, `record size ${size} is smaller than the 28-byte minimum; rest of chunk skipped`, 'error');
        return;
      }
      if (off + size > data.length) {
        yield this.damage(off, `record of ${size} bytes runs past the end of the chunk; rest of chunk skipped`, 'error');
        return;
      }
      const recordId = u64num(data, off + 8, 'record id');
      let entry: ChunkEntry;
      try {
        ctx.budget = RECORD_BUDGET;
        const hi = u32(data, off + 20, 'record written time');
        const lo = u32(data, off + 16, 'record written time');
        const start = off + 24;
        const end = off + size - 4;
        const view = readInstanceView(ctx, start, end);
        let tree: XmlElement | undefined;
        if (view === undefined) {
          const { roots } = parseFragment(ctx, start, end, MODE_RECORD, 0);
          if (roots.length === 0) throw new EvtxFormatError('record holds no element', start);
          if (roots.length > 1) throw new EvtxFormatError(`record holds ${roots.length} root elements`, start);
          tree = roots[0];
        }
        entry = { kind: 'record', record: new ParsedRecordData(recordId, formatFiletime(hi, lo), filetimeToEpochMs(hi, lo), off, size, tree, view) };
      } catch (err) {
        // Point at the problem when it lies inside the record; a wild offset read from the data is in the message.
        const at = err instanceof EvtxFormatError && err.offset >= off && err.offset < off + size ? err.offset : off;
        entry = this.damage(at, `record ${recordId} (at chunk offset 0x${off.toString(16)}): ${errorText(err)}`, 'error', recordId);
      }
      yield entry;
      const sizeCopy = u32(data, off + size - 4, 'record size copy');
      if (sizeCopy !== size) yield this.damage(off + size - 4, `record size copy ${sizeCopy} differs from size ${size}`, 'warning', recordId);
      off += size;
      if (recordId === header.lastRecordId) return;
    }
  }
}

/** Parses a whole chunk at once (normally 65536 bytes; a truncated last chunk is read as far as it goes). */
export function parseChunk(bytes: Uint8Array, where: ChunkLocation): ChunkResult {
  const reader = new ChunkReader(bytes, where);
  const result: ChunkResult = { index: where.index, fileOffset: where.fileOffset, header: reader.header, records: [], damage: [], empty: reader.empty };
  for (const e of reader.entries()) {
    if (e.kind === 'record') result.records.push(e.record);
    else result.damage.push(e.damage);
  }
  return result;
}
