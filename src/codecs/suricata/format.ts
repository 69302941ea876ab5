/**
 * Suricata eve.json as a TextFormat for the format registry (`vigil ingest --format eve`,
 * `POST /api/v1/ingest`, the file tail). Stateless: every line stands alone.
 */
import type { DecodeResult, DecoderOptions, StreamDecoder, TextFormat } from '../format.js';
import { decodeEveLine } from './decoder.js';

export function createEveStreamDecoder(opts: DecoderOptions): StreamDecoder {
  return {
    push(text, firstLine) {
      const out: DecodeResult = { records: [], rejected: [] };
      const lines = text.split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      lines.forEach((raw, i) => {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.trim().length === 0) return;
        const r = decodeEveLine(line, firstLine + i, { maxLineChars: opts.max_record_bytes });
        if (r.ok) out.records.push(r.record);
        else out.rejected.push(r.rejected);
      });
      return out;
    },
    end: () => ({ records: [], rejected: [] }),
  };
}

export const eveFormat: TextFormat = {
  name: 'eve',
  description: 'Suricata EVE JSON (eve.json), every event type',
  extensions: ['eve.json'],
  sniff: (head) => /^\s*\{[^\n]*"event_type"\s*:/.test(head),
  createDecoder: createEveStreamDecoder,
};
