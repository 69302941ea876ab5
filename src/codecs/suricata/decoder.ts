/**
 * Line decoder for Suricata's eve.json: one JSON object per line, mapped to ECS.
 * Stateless across lines; a bad line is rejected with its line number and the reason.
 */
import type { CodecResult } from '../../core/event.js';
import { mapEveRecord } from './eve-map.js';

export interface EveDecoderOptions {
  /** Keep each line as `raw` on the record. */
  keepRaw?: boolean;
  /** Longest line accepted, in characters; longer lines are rejected unparsed. */
  maxLineChars?: number;
}

const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;

export function decodeEveLine(line: string, lineNo: number, options: EveDecoderOptions = {}): CodecResult {
  const reject = (reason: string): CodecResult => ({ ok: false, rejected: { position: { line: lineNo }, reason, raw: line } });
  if (line.length > (options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS)) {
    return { ok: false, rejected: { position: { line: lineNo }, reason: `line longer than ${options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS} characters` } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return reject(`invalid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return reject('an EVE line must be a JSON object');
  const mapped = mapEveRecord(parsed as Record<string, unknown>);
  if (!mapped.ok) return reject(mapped.reason);
  if (options.keepRaw) mapped.record.raw = line;
  return { ok: true, record: mapped.record };
}

export class EveLineDecoder {
  constructor(private readonly options: EveDecoderOptions = {}) {}

  push(line: string, lineNo: number): CodecResult[] {
    // Blank lines carry nothing (an eve.json written by hand or cut by a tool).
    if (line.trim().length === 0) return [];
    return [decodeEveLine(line, lineNo, this.options)];
  }

  flush(): CodecResult[] {
    return [];
  }
}

export function createEveDecoder(options: EveDecoderOptions = {}): EveLineDecoder {
  return new EveLineDecoder(options);
}

/** Decode a whole eve.json held in memory (`vigil ingest --format eve`). */
export function decodeEveLines(lines: Iterable<string>, options: EveDecoderOptions = {}): CodecResult[] {
  const out: CodecResult[] = [];
  let n = 0;
  for (const line of lines) {
    n += 1;
    if (line.trim().length === 0) continue;
    out.push(decodeEveLine(line, n, options));
  }
  return out;
}
