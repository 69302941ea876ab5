/**
 * Turns lines read from a file into the records and rejections of one batch: runs of
 * consecutive lines go through the file's decoder with their true line numbers, oversized
 * lines become rejections, each record learns which file it came from (`log.file.path`) and
 * gets the input's logsource if its codec gave none. A decoder that throws (a bug, never
 * bad input) rejects its lines instead of stopping the source.
 */
import type { Logsource, NormalizedRecord, RejectedRecord } from '../../core/event.js';
import type { DecodeResult } from '../../codecs/format.js';
import type { FileLineDecoder } from './codecs.js';
import type { OversizedLine, ReadLine } from './line-reader.js';

export interface DecodedLines {
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
  /** Rejections that were lines too long rather than lines the codec refused. */
  oversized: number;
}

function runs(lines: readonly ReadLine[]): ReadLine[][] {
  const out: ReadLine[][] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1].lineNo + 1 === line.lineNo) last.push(line);
    else out.push([line]);
  }
  return out;
}

export function decodeLines(decoder: FileLineDecoder, lines: readonly ReadLine[], oversized: readonly OversizedLine[], maxLineBytes: number): DecodedLines {
  const out: DecodedLines = { records: [], rejected: [], oversized: oversized.length };
  for (const run of runs(lines)) {
    let result: DecodeResult;
    try {
      result = decoder.push(run.map((l) => l.text).join('\n'), run[0].lineNo);
    } catch (err) {
      const reason = `decoder failed: ${err instanceof Error ? err.message : String(err)}`;
      result = { records: [], rejected: run.map((l) => ({ position: { line: l.lineNo }, reason, raw: l.text })) };
    }
    out.records.push(...result.records);
    out.rejected.push(...result.rejected);
  }
  for (const o of oversized) {
    out.rejected.push({ position: { line: o.lineNo }, reason: `line longer than max_line_bytes (${maxLineBytes})`, raw: o.head });
  }
  return out;
}

/** Wraps decoder.end() / flushIdle() the same way: never throws. */
export function settle(call: () => DecodeResult): DecodedLines {
  try {
    const r = call();
    return { records: r.records, rejected: r.rejected, oversized: 0 };
  } catch (err) {
    return { records: [], rejected: [{ position: {}, reason: `decoder failed at flush: ${err instanceof Error ? err.message : String(err)}` }], oversized: 0 };
  }
}

export function labelRecords(records: NormalizedRecord[], path: string, logsource: Logsource | undefined): void {
  for (const r of records) {
    r.fields['log.file.path'] = path;
    if (logsource && !r.logsource) r.logsource = { ...logsource };
  }
}
