/** NDJSON and JSON as TextFormats for the format registry. */
import type { DecoderOptions, StreamDecoder, TextFormat } from '../format.js';
import { decodeJsonAuto, decodeNdjson } from './decode.js';

export const ndjsonFormat: TextFormat = {
  name: 'ndjson',
  description: 'one JSON object per line (also .jsonl)',
  extensions: ['.ndjson', '.jsonl'],
  sniff: (head) => /^\s*\{/.test(head),
  createDecoder: (opts: DecoderOptions): StreamDecoder => ({
    push: (text, firstLine) => decodeNdjson(text, opts, firstLine),
    end: () => ({ records: [], rejected: [] }),
  }),
};

/** A JSON document (array of objects, one object, or NDJSON after all): decoded whole at the end. */
export const jsonFormat: TextFormat = {
  name: 'json',
  description: 'a JSON array of objects or a single object (NDJSON accepted too)',
  extensions: ['.json'],
  sniff: (head) => /^\s*\[/.test(head),
  createDecoder: (opts: DecoderOptions): StreamDecoder => {
    const parts: string[] = [];
    return {
      push: (text) => {
        parts.push(text);
        return { records: [], rejected: [] };
      },
      end: () => decodeJsonAuto(parts.join('\n'), opts),
    };
  },
};
