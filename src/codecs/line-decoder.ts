/**
 * A StreamDecoder over a stateful per-line codec (Zeek TSV headers, auditd multi-record events):
 * splits blocks into lines, rejects over-long lines by line number before they reach the codec,
 * and exposes the codec's snapshot/restore, which the file tail uses to resume mid-file.
 */
import type { CodecResult } from '../core/event.js';
import type { DecodeResult, DecoderOptions, StreamDecoder } from './format.js';

export interface LineCodec<State> {
  push(line: string, lineNo: number): CodecResult[];
  /** End of input: what the codec held back. */
  flush(): CodecResult[];
  snapshot(): State;
  restore(state: unknown): boolean;
}

export interface StatefulStreamDecoder<State> extends StreamDecoder {
  snapshot(): State;
  restore(state: unknown): boolean;
}

function collect(results: CodecResult[], out: DecodeResult): void {
  for (const r of results) {
    if (r.ok) out.records.push(r.record);
    else out.rejected.push(r.rejected);
  }
}

export function lineStreamDecoder<State>(opts: DecoderOptions, codec: LineCodec<State>): StatefulStreamDecoder<State> {
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
        collect(codec.push(line, lineNo), out);
      });
      return out;
    },
    end() {
      const out: DecodeResult = { records: [], rejected: [] };
      collect(codec.flush(), out);
      return out;
    },
    snapshot: () => codec.snapshot(),
    restore: (state) => codec.restore(state),
  };
}
