/**
 * The `lines` codec: every line becomes a record with the line as `message`, for files no
 * structured codec reads (or that a later stage parses). Empty lines carry nothing.
 */
import type { NormalizedRecord } from '../../core/event.js';
import type { DecodeResult } from '../../codecs/format.js';
import type { FileLineDecoder } from './codecs.js';

export function createPlainLineDecoder(): FileLineDecoder {
  return {
    push(text, _firstLine) {
      const records: NormalizedRecord[] = [];
      const lines = text.split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.length === 0) continue;
        records.push({ fields: { message: line }, native: { message: line } });
      }
      return { records, rejected: [] } satisfies DecodeResult;
    },
    end: () => ({ records: [], rejected: [] }),
  };
}
