/**
 * Zeek logs (TSV or JSON) as a TextFormat for the format registry (`vigil ingest --format
 * zeek`, `POST /api/v1/ingest`, the file tail). The decoder also offers snapshot/restore of
 * the TSV header state, which the file tail uses to resume mid-file.
 */
import type { CodecResult } from '../../core/event.js';
import type { DecodeResult, DecoderOptions, StreamDecoder, TextFormat } from '../format.js';
import { ZeekLineDecoder, type ZeekDecoderOptions } from './decoder.js';
import type { ZeekTsvState } from './tsv-reader.js';

export interface ZeekStreamDecoder extends StreamDecoder {
  snapshot(): ZeekTsvState;
  restore(state: unknown): boolean;
}

function collect(results: CodecResult[], out: DecodeResult): void {
  for (const r of results) {
    if (r.ok) out.records.push(r.record);
    else out.rejected.push(r.rejected);
  }
}

export function createZeekStreamDecoder(opts: DecoderOptions, options: ZeekDecoderOptions = {}): ZeekStreamDecoder {
  const decoder = new ZeekLineDecoder(options);
  return {
    push(text, firstLine) {
      const out: DecodeResult = { records: [], rejected: [] };
      const lines = text.split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      lines.forEach((raw, i) => {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        const lineNo = firstLine + i;
        // Count bytes only when the line could be too long: UTF-8 needs at most 3 bytes per UTF-16 unit.
        const bytes = line.length * 3 <= opts.max_record_bytes ? 0 : Buffer.byteLength(line, 'utf8');
        if (bytes > opts.max_record_bytes) {
          out.rejected.push({ position: { line: lineNo }, reason: `line of ${bytes} bytes exceeds max_record_bytes ${opts.max_record_bytes}`, raw: line.slice(0, 1024) });
          return;
        }
        collect(decoder.push(line, lineNo), out);
      });
      return out;
    },
    end() {
      const out: DecodeResult = { records: [], rejected: [] };
      collect(decoder.flush(), out);
      return out;
    },
    snapshot: () => decoder.snapshot(),
    restore: (state) => decoder.restore(state),
  };
}

export const zeekFormat: TextFormat = {
  name: 'zeek',
  description: 'Zeek logs, TSV (with #fields/#types header) or JSON, any log type',
  extensions: [],
  sniff: (head) => /^#separator[ \t]/.test(head),
  createDecoder: (opts) => createZeekStreamDecoder(opts),
};
