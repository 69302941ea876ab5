/**
 * Reads complete lines from an open file from a byte offset. A line without its newline is
 * left unread (the writer may be mid-line); a line longer than the limit is reported once
 * and skipped to its newline, even across calls (`skipping`). Offsets count bytes consumed,
 * so a checkpoint of (offset, line, skipping) resumes exactly.
 */
import type { FileHandle } from 'node:fs/promises';

export interface ReadPosition {
  offset: number;
  /** Lines consumed so far; the next line is number `line + 1`. */
  line: number;
  skipping: boolean;
}

export interface ReadLine {
  text: string;
  lineNo: number;
}

export interface OversizedLine {
  lineNo: number;
  /** The first bytes of the line, for the dead-letter record. */
  head: string;
}

export interface ReadResult extends ReadPosition {
  lines: ReadLine[];
  oversized: OversizedLine[];
  /** Bytes consumed by this call. */
  bytes: number;
  /** No further complete line is available below `size`. */
  caughtUp: boolean;
}

export interface ReadLimits {
  maxLineBytes: number;
  maxLines: number;
}

const MIN_CHUNK = 64 * 1024;
const HEAD_BYTES = 256;

export async function readLines(handle: FileHandle, from: ReadPosition, size: number, limits: ReadLimits): Promise<ReadResult> {
  // A chunk longer than the longest allowed line always holds a newline or proves the line too long.
  const chunkBytes = Math.max(MIN_CHUNK, limits.maxLineBytes + 1);
  const buf = Buffer.alloc(Math.min(chunkBytes, Math.max(0, size - from.offset)));
  const out: ReadResult = { ...from, lines: [], oversized: [], bytes: 0, caughtUp: false };
  while (out.offset < size && out.lines.length + out.oversized.length < limits.maxLines) {
    const want = Math.min(buf.length, size - out.offset);
    const { bytesRead } = await handle.read(buf, 0, want, out.offset);
    if (bytesRead === 0) break; // the file shrank under us; the caller's next stat sees it
    let lineStart = 0;
    let nl = buf.indexOf(0x0a, 0);
    while (nl >= 0 && nl < bytesRead && out.lines.length + out.oversized.length < limits.maxLines) {
      if (out.skipping) {
        out.skipping = false; // the oversized line, already reported, ends here
      } else if (nl - lineStart > limits.maxLineBytes) {
        out.oversized.push({ lineNo: out.line + 1, head: buf.toString('utf8', lineStart, lineStart + HEAD_BYTES) });
      } else {
        out.lines.push({ text: buf.toString('utf8', lineStart, nl), lineNo: out.line + 1 });
      }
      out.line += 1;
      lineStart = nl + 1;
      nl = buf.indexOf(0x0a, lineStart);
    }
    out.offset += lineStart;
    out.bytes += lineStart;
    if (out.lines.length + out.oversized.length >= limits.maxLines) return out;
    const rest = bytesRead - lineStart;
    if (rest === 0) continue;
    if (out.skipping || rest > limits.maxLineBytes) {
      // Inside an oversized line: report it once, then consume what we have of it.
      if (!out.skipping) out.oversized.push({ lineNo: out.line + 1, head: buf.toString('utf8', lineStart, lineStart + HEAD_BYTES) });
      out.skipping = true;
      out.offset += rest;
      out.bytes += rest;
      continue;
    }
    // An unfinished last line waits for its newline; a short read means the file ended
    // before `size` (it shrank since the caller looked), so there is nothing more now.
    if (out.offset + rest >= size || bytesRead < want) break;
  }
  out.caughtUp = out.lines.length + out.oversized.length < limits.maxLines;
  return out;
}

/**
 * The unterminated last line of a file that will not grow any more (rotated away and quiet):
 * whatever follows the last newline is a line of its own.
 */
export async function readFinalLine(handle: FileHandle, from: ReadPosition, size: number, maxLineBytes: number): Promise<ReadResult> {
  const out: ReadResult = { ...from, lines: [], oversized: [], bytes: 0, caughtUp: true };
  const rest = size - from.offset;
  if (rest <= 0) return out;
  if (from.skipping) {
    out.skipping = false;
  } else {
    const buf = Buffer.alloc(Math.min(rest, maxLineBytes + 1));
    const { bytesRead } = await handle.read(buf, 0, buf.length, from.offset);
    if (rest > maxLineBytes) out.oversized.push({ lineNo: from.line + 1, head: buf.toString('utf8', 0, HEAD_BYTES) });
    else out.lines.push({ text: buf.toString('utf8', 0, bytesRead), lineNo: from.line + 1 });
  }
  out.line += 1;
  out.offset = size;
  out.bytes = rest;
  return out;
}
