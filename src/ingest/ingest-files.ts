/**
 * `vigil ingest` core: expands files and folders, picks each file's format, streams it through
 * the format's decoder in blocks, and sends batches to a sink, counting read / stored /
 * rejected (with reasons and positions) per run.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RejectedRecord } from '../core/event.js';
import type { DecodeResult, DecoderOptions } from '../codecs/format.js';
import { detectFormat, getFormat, formatNames } from '../codecs/registry.js';
import { getBinaryFormat, detectBinaryFormat } from './binary-formats.js';
import { readLineBlocks } from './line-blocks.js';
import type { IngestSink } from './sinks.js';
import { reasonLabel } from '../pipeline/reason.js';
import { BadInputError } from '../core/errors.js';

export interface IngestOptions {
  format: string;
  source?: string;
  decoder: DecoderOptions;
  block_bytes: number;
  onProgress?: (bytesRead: number, stored: number, file: string) => void;
  signal?: AbortSignal;
}

export interface IngestSummary {
  files: number;
  read: number;
  stored: number;
  rejected: number;
  reasons: Record<string, number>;
  /** The first rejections, with where they were. */
  examples: Array<{ file: string; position: string; reason: string }>;
  /** Files that could not be read at all. */
  failed_files: Array<{ file: string; error: string }>;
  interrupted: boolean;
}

const MAX_EXAMPLES = 20;

export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (st.isFile()) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

function describe(p: RejectedRecord['position']): string {
  // A record inside a wrapper on one line (a CloudTrail S3 object) has both: `line 1 record 7`.
  if (p.line !== undefined && p.index !== undefined) return `line ${p.line} record ${p.index}`;
  return p.line !== undefined ? `line ${p.line}` : p.index !== undefined ? `record ${p.index}` : p.offset !== undefined ? `offset ${p.offset}` : '?';
}

export async function ingestFiles(files: string[], sink: IngestSink, opts: IngestOptions): Promise<IngestSummary> {
  const summary: IngestSummary = { files: 0, read: 0, stored: 0, rejected: 0, reasons: {}, examples: [], failed_files: [], interrupted: false };
  if (opts.format !== 'auto' && !getFormat(opts.format) && !getBinaryFormat(opts.format)) {
    throw new BadInputError(`unknown format "${opts.format}" (known: ${[...formatNames(), 'evtx'].join(', ')})`);
  }
  let bytesRead = 0;
  for (const file of files) {
    if (opts.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    summary.files++;
    const source = opts.source ?? 'file';
    const account = async (result: DecodeResult, format: string) => {
      summary.read += result.records.length + result.rejected.length;
      summary.rejected += result.rejected.length;
      for (const r of result.rejected) {
        const label = reasonLabel(r.reason);
        summary.reasons[label] = (summary.reasons[label] ?? 0) + 1;
        if (summary.examples.length < MAX_EXAMPLES) summary.examples.push({ file, position: describe(r.position), reason: r.reason });
      }
      summary.stored += await sink.send({ source, format, records: result.records, rejected: result.rejected });
      opts.onProgress?.(bytesRead, summary.stored, file);
    };
    try {
      const binary = opts.format === 'auto' ? detectBinaryFormat(file) : getBinaryFormat(opts.format);
      if (binary) {
        for await (const result of binary.read(file, opts.decoder, (n) => (bytesRead += n))) {
          await account(result, binary.name);
          if (opts.signal?.aborted) break;
        }
        continue;
      }
      let format = opts.format === 'auto' ? undefined : getFormat(opts.format);
      let decoder = format?.createDecoder(opts.decoder);
      for await (const block of readLineBlocks(file, { block_bytes: opts.block_bytes, onBytes: (n) => (bytesRead += n) })) {
        if (!format || !decoder) {
          format = detectFormat(file, block.text.slice(0, 4096));
          decoder = format.createDecoder(opts.decoder);
        }
        await account(decoder.push(block.text, block.firstLine), format.name);
        if (opts.signal?.aborted) break;
      }
      if (format && decoder) await account(decoder.end(), format.name);
    } catch (err) {
      summary.failed_files.push({ file, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (opts.signal?.aborted) summary.interrupted = true;
  return summary;
}
