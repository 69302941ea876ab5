/**
 * Bounds-checked little-endian reads over a chunk buffer. Every read names what it was
 * reading, so a damaged file produces "record data: value at 0x1a2b past the end of the
 * chunk" rather than a RangeError from deep inside the parser.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

/** A structural problem in the input, with the chunk-relative offset where it was found. */
export class EvtxFormatError extends Error {
  override readonly name = 'EvtxFormatError';
  constructor(
    message: string,
    /** Offset relative to the start of the buffer being parsed (chunk or file). */
    readonly offset: number,
  ) {
    super(message);
  }
}

export function need(data: Uint8Array, pos: number, len: number, what: string): void {
  if (pos < 0 || len < 0 || pos + len > data.length) {
    throw new EvtxFormatError(`${what}: ${len} bytes at 0x${pos.toString(16)} run past the end (0x${data.length.toString(16)})`, pos);
  }
}

export function u8(data: Uint8Array, pos: number, what: string): number {
  if (pos >= data.length || pos < 0) need(data, pos, 1, what);
  return data[pos];
}

export function u16(data: Uint8Array, pos: number, what: string): number {
  if (pos + 2 > data.length || pos < 0) need(data, pos, 2, what);
  return data[pos] | (data[pos + 1] << 8);
}

export function u32(data: Uint8Array, pos: number, what: string): number {
  if (pos + 4 > data.length || pos < 0) need(data, pos, 4, what);
  return (data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16)) + data[pos + 3] * 0x1000000;
}

export function i32(data: Uint8Array, pos: number, what: string): number {
  if (pos + 4 > data.length || pos < 0) need(data, pos, 4, what);
  return data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16) | (data[pos + 3] << 24);
}

/** Unsigned 64-bit value as a number when it is exactly representable, else as a bigint. */
export function u64(data: Uint8Array, pos: number, what: string): number | bigint {
  const lo = u32(data, pos, what);
  const hi = u32(data, pos + 4, what);
  if (hi < 0x200000) return hi * 0x100000000 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Signed 64-bit value as a number when it is exactly representable, else as a bigint. */
export function i64(data: Uint8Array, pos: number, what: string): number | bigint {
  const lo = u32(data, pos, what);
  const hi = i32(data, pos + 4, what);
  if (hi >= -0x200000 && hi < 0x200000) return hi * 0x100000000 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Unsigned 64-bit value as a bigint (hex rendering, FILETIME arithmetic). */
export function u64big(data: Uint8Array, pos: number, what: string): bigint {
  const lo = u32(data, pos, what);
  const hi = u32(data, pos + 4, what);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Unsigned 64-bit value as a (possibly rounded) number: only for sizes, ids and counters. */
export function u64num(data: Uint8Array, pos: number, what: string): number {
  return u32(data, pos + 4, what) * 0x100000000 + u32(data, pos, what);
}

const decoder = new TextDecoder('utf-16le');

/**
 * Decodes `units` UTF-16LE code units at `pos`. Short strings (names, most values) are
 * decoded by hand because a TextDecoder call costs more than the loop for them.
 */
export function utf16(data: Uint8Array, pos: number, units: number, what: string): string {
  const len = units * 2;
  if (pos + len > data.length || pos < 0) need(data, pos, len, what);
  if (units <= 12) {
    let s = '';
    for (let i = pos, end = pos + len; i < end; i += 2) s += String.fromCharCode(data[i] | (data[i + 1] << 8));
    return s;
  }
  // Buffer's UTF-16 slice is several times faster than TextDecoder for the lengths values have.
  if (data instanceof Buffer) return data.toString('utf16le', pos, pos + len);
  return decoder.decode(data.subarray(pos, pos + len));
}

/** UTF-16LE string of `bytes` bytes, cut at the first NUL (substitution values are often NUL-padded). */
export function utf16UntilNul(data: Uint8Array, pos: number, bytes: number, what: string): string {
  need(data, pos, bytes, what);
  if (data instanceof Buffer) {
    // Decode, then cut: two native calls beat a per-character scan, above all before the JIT warms up.
    const s = data.toString('utf16le', pos, pos + (bytes & ~1));
    const nul = s.indexOf('\u0000');
    return nul < 0 ? s : s.slice(0, nul);
  }
  const units = bytes >> 1;
  let n = 0;
  while (n < units && (data[pos + 2 * n] | data[pos + 2 * n + 1]) !== 0) n++;
  return utf16(data, pos, n, what);
}

/** Windows-1252 bytes 0x80..0x9f; the rest of the code page is Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/** An ANSI string (EVTX value type 2) decoded as Windows-1252, cut at the first NUL. */
export function cp1252UntilNul(data: Uint8Array, pos: number, bytes: number, what: string): string {
  need(data, pos, bytes, what);
  let s = '';
  for (let i = pos, end = pos + bytes; i < end; i++) {
    const b = data[i];
    if (b === 0) break;
    s += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
  }
  return s;
}

let crcTable: Uint32Array | undefined;

function crc32Fallback(data: Uint8Array, initial: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = (initial ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE), the checksum EVTX headers and record areas carry. zlib's is native where Node has it. */
export function crc32(data: Uint8Array, initial = 0): number {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(data, initial) >>> 0;
  return crc32Fallback(data, initial);
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
