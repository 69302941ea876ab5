/**
 * Linux audit logs as a TextFormat for the format registry (`vigil ingest --format auditd`,
 * `POST /api/v1/ingest`, the file tail). Records are grouped into events; `end()` closes
 * the events still open. snapshot/restore carry open events across a file-tail restart.
 */
import type { CodecResult } from '../../core/event.js';
import type { DecodeResult, DecoderOptions, StreamDecoder, TextFormat } from '../format.js';
import { AuditdLineDecoder, type AuditdDecoderOptions, type AuditdDecoderState } from './decoder.js';

export interface AuditdStreamDecoder extends StreamDecoder {
  snapshot(): AuditdDecoderState;
  restore(state: unknown): boolean;
}

function collect(results: CodecResult[], out: DecodeResult): void {
  for (const r of results) {
    if (r.ok) out.records.push(r.record);
    else out.rejected.push(r.rejected);
  }
}

export function createAuditdStreamDecoder(opts: DecoderOptions, options: AuditdDecoderOptions = {}): AuditdStreamDecoder {
  const decoder = new AuditdLineDecoder(options);
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

export const auditdFormat: TextFormat = {
  name: 'auditd',
  description: 'Linux audit log (audit.log, raw or enriched), records grouped into events',
  extensions: ['audit.log'],
  sniff: (head) => /^(?:node=\S+ )?type=\S+ msg=audit\(/.test(head),
  createDecoder: (opts) => createAuditdStreamDecoder(opts),
};
