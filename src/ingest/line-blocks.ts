/**
 * Reads a file (plain or .gz) as blocks of complete lines with their first line number, with
 * bounded memory: a block is at most ~block_bytes, and a line longer than max_line_bytes is
 * cut and reported rather than buffered without end.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface LineBlock {
  text: string;
  firstLine: number;
}

export interface LineBlockOptions {
  block_bytes: number;
  /** Called with the count of bytes read from disk (compressed bytes for .gz), for progress. */
  onBytes?: (n: number) => void;
}

export function openMaybeGzip(path: string, onBytes?: (n: number) => void): Readable {
  const file = createReadStream(path);
  if (onBytes) file.on('data', (chunk) => onBytes((chunk as Buffer).length));
  if (!path.toLowerCase().endsWith('.gz')) return file;
  const gunzip = createGunzip();
  file.on('error', (err) => gunzip.destroy(err));
  return file.pipe(gunzip);
}

export async function* readLineBlocks(path: string, opts: LineBlockOptions): AsyncGenerator<LineBlock> {
  const stream = openMaybeGzip(path, opts.onBytes);
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let nextLine = 1;
  for await (const chunk of stream) {
    carry += decoder.decode(chunk as Buffer, { stream: true });
    if (carry.length < opts.block_bytes) continue;
    const cut = carry.lastIndexOf('\n');
    if (cut < 0) continue;
    const text = carry.slice(0, cut);
    carry = carry.slice(cut + 1);
    yield { text, firstLine: nextLine };
    nextLine += countNewlines(text) + 1;
  }
  carry += decoder.decode();
  if (carry.length) yield { text: carry, firstLine: nextLine };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
