/**
 * Where reading starts in a file met for the first time with `start_at: end`: after its last
 * complete line (a half-written last line is read once it is finished), with the lines
 * before it counted so that later line numbers are true line numbers. Also the first lines
 * of the file, for decoders that need the header of a log they start reading mid-way.
 */
import type { FileHandle } from 'node:fs/promises';
import type { ReadPosition } from './line-reader.js';

const CHUNK = 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export async function positionAtEnd(handle: FileHandle, size: number): Promise<ReadPosition> {
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, size)));
  let pos = 0;
  let lines = 0;
  let afterLastNewline = 0;
  while (pos < size) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, size - pos), pos);
    if (bytesRead === 0) break;
    let i = buf.indexOf(0x0a, 0);
    while (i >= 0 && i < bytesRead) {
      lines += 1;
      afterLastNewline = pos + i + 1;
      i = buf.indexOf(0x0a, i + 1);
    }
    pos += bytesRead;
  }
  return { offset: afterLastNewline, line: lines, skipping: false };
}

/** The complete lines within the first 64 KiB of the file. */
export async function headLines(handle: FileHandle): Promise<string[]> {
  const buf = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
  const text = buf.toString('utf8', 0, bytesRead);
  const lastNewline = text.lastIndexOf('\n');
  return lastNewline < 0 ? [] : text.slice(0, lastNewline).split('\n');
}
