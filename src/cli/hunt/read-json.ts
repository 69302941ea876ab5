/**
 * JSON evidence: NDJSON/JSONL, pretty-printed objects one after another (evtx_dump output, the
 * SigmaHQ regression data) or one top-level array. Streams, also from `.gz`.
 */
import { JsonRecordScanner } from '../../detect/sigma/events/json-records.js';
import { openMaybeGzip } from '../../ingest/line-blocks.js';
import type { HuntReader, HuntRecord, ReadContext } from './records.js';

export const jsonReader: HuntReader = {
  name: 'json',
  accepts: (base, head) => /\.(json|jsonl|ndjson)$/.test(base) || /^\s*[[{]/.test(head),
  async *read(file: string, ctx: ReadContext): AsyncIterable<HuntRecord> {
    const scanner = new JsonRecordScanner();
    const decoder = new TextDecoder('utf-8');
    const stream = openMaybeGzip(file, ctx.onBytes);
    for await (const chunk of stream) {
      ctx.signal?.throwIfAborted();
      for (const r of scanner.push(decoder.decode(chunk as Buffer, { stream: true }))) {
        if (r.ok) yield { native: r.record, where: `line ${r.line}` };
        else ctx.onProblem(`line ${r.line}`, r.reason);
      }
    }
    for (const r of scanner.end()) {
      if (r.ok) yield { native: r.record, where: `line ${r.line}` };
      else ctx.onProblem(`line ${r.line}`, r.reason);
    }
  },
};
