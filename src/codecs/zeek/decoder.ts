/**
 * Line decoder for Zeek logs, TSV or JSON (detected per line), producing NormalizedRecords.
 * Holds the TSV header state of one file; that state is exposed for checkpoints so a file
 * source can resume in the middle of a log without re-reading its header.
 */
import type { CodecResult } from '../../core/event.js';
import { mapZeekRecord } from './ecs-map.js';
import { parseZeekJsonLine, type ZeekJsonOptions } from './json-reader.js';
import { ZeekTsvReader, type ZeekTsvOptions, type ZeekTsvState } from './tsv-reader.js';

export interface ZeekDecoderOptions {
  /** Log stream name when neither `#path` nor `_path` says (e.g. from the file name). */
  defaultPath?: string;
  tsv?: Omit<ZeekTsvOptions, 'defaultPath'>;
  json?: Omit<ZeekJsonOptions, 'defaultPath'>;
  /** Keep each line as `raw` on the record. */
  keepRaw?: boolean;
}

function isTsvState(v: unknown): v is ZeekTsvState {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const strings = ['separator', 'setSeparator', 'emptyField', 'unsetField'].every((k) => typeof s[k] === 'string');
  const list = (x: unknown) => x === undefined || (Array.isArray(x) && x.every((e) => typeof e === 'string'));
  return strings && (s.separator as string).length > 0 && list(s.fields) && list(s.types);
}

export class ZeekLineDecoder {
  private readonly tsv: ZeekTsvReader;

  constructor(private readonly options: ZeekDecoderOptions = {}) {
    this.tsv = new ZeekTsvReader({ ...options.tsv, defaultPath: options.defaultPath });
  }

  push(line: string, lineNo: number): CodecResult[] {
    // A JSON log has no header; a TSV row never starts with `{` once its header is read
    // (ts comes first), and before it a `{` line cannot be TSV data anyway.
    if (!this.tsv.hasFields() && line.startsWith('{')) {
      const r = parseZeekJsonLine(line, { ...this.options.json, defaultPath: this.options.defaultPath });
      if (!r.ok) return [{ ok: false, rejected: { position: { line: lineNo }, reason: r.reason, raw: line } }];
      return [{ ok: true, record: this.withRaw(mapZeekRecord(r.record), line) }];
    }
    const r = this.tsv.push(line);
    switch (r.kind) {
      case 'record':
        return [{ ok: true, record: this.withRaw(mapZeekRecord(r.record), line) }];
      case 'error':
        return [{ ok: false, rejected: { position: { line: lineNo }, reason: r.reason, raw: line } }];
      default:
        return [];
    }
  }

  /** Nothing is buffered across lines. */
  flush(): CodecResult[] {
    return [];
  }

  snapshot(): ZeekTsvState {
    return this.tsv.snapshot();
  }

  /** Restore a checkpointed header state; returns false (and keeps the current state) if it is not one. */
  restore(state: unknown): boolean {
    if (!isTsvState(state)) return false;
    this.tsv.restore(state);
    return true;
  }

  private withRaw<T extends { raw?: string }>(record: T, line: string): T {
    if (this.options.keepRaw) record.raw = line;
    return record;
  }
}

export function createZeekDecoder(options: ZeekDecoderOptions = {}): ZeekLineDecoder {
  return new ZeekLineDecoder(options);
}

/** Decode a whole log held in memory (`vigil ingest --format zeek`). */
export function decodeZeekLines(lines: Iterable<string>, options: ZeekDecoderOptions = {}): CodecResult[] {
  const decoder = new ZeekLineDecoder(options);
  const out: CodecResult[] = [];
  let n = 0;
  for (const line of lines) out.push(...decoder.push(line, ++n));
  out.push(...decoder.flush());
  return out;
}
