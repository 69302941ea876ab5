/**
 * File header (4 KiB block, 128 bytes used) and chunk header (512 bytes) of an EVTX file,
 * with their CRC-32 checks. A header that fails a check is still returned: callers decide
 * whether the data after it is usable and report the mismatch.
 */
import { EvtxFormatError, crc32, u16, u32, u64num } from './bytes.js';

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;

const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"

export const CHUNK_FLAG_NO_CRC32 = 0x4;

function hasMagic(data: Uint8Array, magic: number[]): boolean {
  if (data.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (data[i] !== magic[i]) return false;
  return true;
}

export interface FileHeader {
  firstChunk: number;
  lastChunk: number;
  nextRecordId: number;
  minorVersion: number;
  majorVersion: number;
  chunkCount: number;
  flags: number;
  checksumOk: boolean;
}

/** Parses the file header; throws EvtxFormatError when the block is not an EVTX file header at all. */
export function parseFileHeader(data: Uint8Array): FileHeader {
  if (data.length < 128) throw new EvtxFormatError(`file is ${data.length} bytes, shorter than an EVTX file header`, 0);
  if (!hasMagic(data, FILE_MAGIC)) throw new EvtxFormatError('file header signature is not "ElfFile"', 0);
  return {
    firstChunk: u64num(data, 8, 'first chunk'),
    lastChunk: u64num(data, 16, 'last chunk'),
    nextRecordId: u64num(data, 24, 'next record id'),
    minorVersion: u16(data, 36, 'minor version'),
    majorVersion: u16(data, 38, 'major version'),
    chunkCount: u16(data, 42, 'chunk count'),
    flags: u32(data, 120, 'file flags'),
    checksumOk: crc32(data.subarray(0, 120)) === u32(data, 124, 'file header checksum'),
  };
}

export interface ChunkHeader {
  firstRecordNumber: number;
  lastRecordNumber: number;
  firstRecordId: number;
  lastRecordId: number;
  lastRecordOffset: number;
  freeSpaceOffset: number;
  dataChecksum: number;
  flags: number;
  headerChecksum: number;
}

export function isChunkSignature(data: Uint8Array): boolean {
  return hasMagic(data, CHUNK_MAGIC);
}

export function parseChunkHeader(data: Uint8Array): ChunkHeader {
  if (data.length < CHUNK_HEADER_SIZE) throw new EvtxFormatError(`chunk of ${data.length} bytes is shorter than its 512-byte header`, 0);
  if (!isChunkSignature(data)) throw new EvtxFormatError('chunk signature is not "ElfChnk"', 0);
  return {
    firstRecordNumber: u64num(data, 8, 'first record number'),
    lastRecordNumber: u64num(data, 16, 'last record number'),
    firstRecordId: u64num(data, 24, 'first record id'),
    lastRecordId: u64num(data, 32, 'last record id'),
    lastRecordOffset: u32(data, 44, 'last record offset'),
    freeSpaceOffset: u32(data, 48, 'free space offset'),
    dataChecksum: u32(data, 52, 'records checksum'),
    flags: u32(data, 120, 'chunk flags'),
    headerChecksum: u32(data, 124, 'chunk header checksum'),
  };
}

/** CRC-32 of header bytes 0..120 and 128..512 (the checksum field itself is left out). */
export function chunkHeaderChecksum(data: Uint8Array): number {
  return crc32(data.subarray(128, CHUNK_HEADER_SIZE), crc32(data.subarray(0, 120)));
}

/** CRC-32 of the record area, from the end of the header to the free-space offset. */
export function chunkDataChecksum(data: Uint8Array, freeSpaceOffset: number): number {
  return crc32(data.subarray(CHUNK_HEADER_SIZE, freeSpaceOffset));
}

const ZEROES = new Uint8Array(CHUNK_SIZE);

/** Whether every byte is zero (unused chunk or record space), compared natively 64 KiB at a time. */
export function isAllZero(data: Uint8Array): boolean {
  for (let at = 0; at < data.length; at += CHUNK_SIZE) {
    const part = data.subarray(at, Math.min(at + CHUNK_SIZE, data.length));
    if (Buffer.compare(part, ZEROES.subarray(0, part.length)) !== 0) return false;
  }
  return true;
}

/**
 * A file header for `chunkCount` chunks, with a correct checksum: used to assemble files
 * from chunks (benchmarks, carving recovered chunks into a readable file).
 */
export function makeFileHeader(chunkCount: number, nextRecordId: number): Uint8Array {
  const h = new Uint8Array(FILE_HEADER_SIZE);
  const view = new DataView(h.buffer);
  FILE_MAGIC.forEach((b, i) => (h[i] = b));
  view.setBigUint64(8, 0n, true);
  view.setBigUint64(16, BigInt(Math.max(0, chunkCount - 1)), true);
  view.setBigUint64(24, BigInt(nextRecordId), true);
  view.setUint32(32, 128, true);
  view.setUint16(36, 1, true);
  view.setUint16(38, 3, true);
  view.setUint16(40, FILE_HEADER_SIZE, true);
  view.setUint16(42, Math.min(chunkCount, 0xffff), true);
  view.setUint32(124, crc32(h.subarray(0, 120)), true);
  return h;
}
