/**
 * Zeek logs (TSV or JSON) as a TextFormat for the format registry (`vigil ingest --format
 * zeek`, `POST /api/v1/ingest`, the file tail). The decoder also offers snapshot/restore of
 * the TSV header state, which the file tail uses to resume mid-file.
 */
import type { DecoderOptions, TextFormat } from '../format.js';
import { lineStreamDecoder, type StatefulStreamDecoder } from '../line-decoder.js';
import { ZeekLineDecoder, type ZeekDecoderOptions } from './decoder.js';
import type { ZeekTsvState } from './tsv-reader.js';

export type ZeekStreamDecoder = StatefulStreamDecoder<ZeekTsvState>;

export function createZeekStreamDecoder(opts: DecoderOptions, options: ZeekDecoderOptions = {}): ZeekStreamDecoder {
  return lineStreamDecoder(opts, new ZeekLineDecoder(options));
}

export const zeekFormat: TextFormat = {
  name: 'zeek',
  description: 'Zeek logs, TSV (with #fields/#types header) or JSON, any log type',
  extensions: [],
  sniff: (head) => /^#separator[ \t]/.test(head),
  createDecoder: (opts) => createZeekStreamDecoder(opts),
};
