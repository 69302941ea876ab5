/**
 * Records from JSON text that may be NDJSON/JSONL, pretty-printed objects written one after the
 * other (as `evtx_dump` and the SigmaHQ regression data do), or one top-level array of objects.
 * Fed in chunks, so large files stream. A bad record is reported with its line and skipped; the
 * scanner resynchronises at the next top-level value and never stops the rest. Record size is
 * bounded so one huge value cannot exhaust memory.
 */

export type JsonRecordResult = { ok: true; record: Record<string, unknown>; line: number } | { ok: false; line: number; reason: string };

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

export class JsonRecordScanner {
  private buf = '';
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private startLine = 0;
  /** 'unknown' until the first value shows whether the text is one top-level array. */
  private mode: 'unknown' | 'stream' | 'array' = 'unknown';
  private skipping = false;

  constructor(private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES) {}

  push(chunk: string): JsonRecordResult[] {
    this.buf += chunk;
    return this.scan(false);
  }

  end(): JsonRecordResult[] {
    const out = this.scan(true);
    if (this.start >= 0 || this.skipping) {
      out.push({ ok: false, line: this.startLine, reason: 'truncated JSON value at end of input' });
      this.start = -1;
      this.skipping = false;
    }
    return out;
  }

  private scan(final: boolean): JsonRecordResult[] {
    const out: JsonRecordResult[] = [];
    const b = this.buf;
    for (let i = this.pos; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34) {
        this.inString = true;
        if (this.depth === this.base() && this.start < 0) this.begin(i);
        continue;
      }
      if (c === 123 || c === 91) {
        if (this.mode === 'unknown') {
          this.mode = c === 91 ? 'array' : 'stream';
          if (c === 91) {
            this.depth = 1;
            continue;
          }
        }
        if (this.depth === this.base() && this.start < 0) this.begin(i);
        this.depth++;
        continue;
      }
      if (c === 125 || c === 93) {
        if (this.mode === 'array' && this.depth === 1 && c === 93) {
          this.flushScalar(b, i, out);
          this.depth = 0;
          this.mode = 'unknown'; // another array or values may follow
          continue;
        }
        this.depth--;
        if (this.depth < this.base()) {
          out.push({ ok: false, line: this.line, reason: `unbalanced '${String.fromCharCode(c)}'` });
          this.depth = this.base();
          this.start = -1;
          this.skipping = false;
          continue;
        }
        if (this.depth === this.base() && this.start >= 0) this.finish(b, i + 1, out);
        else if (this.depth === this.base() && this.skipping) this.skipping = false;
        continue;
      }
      if (this.depth === this.base()) {
        const ws = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
        if (ws || c === 44) {
          this.flushScalar(b, i, out);
          continue;
        }
        if (this.start < 0) {
          if (this.mode === 'unknown') this.mode = 'stream';
          this.begin(i);
        }
      }
      if (this.start >= 0 && i - this.start > this.maxRecordBytes) {
        out.push({ ok: false, line: this.startLine, reason: `record larger than ${this.maxRecordBytes} bytes; skipped` });
        this.start = -1;
        this.skipping = this.depth > this.base();
      }
    }
    // Keep only the unfinished value in the buffer.
    const keepFrom = this.start >= 0 ? this.start : b.length;
    this.buf = b.slice(keepFrom);
    if (this.start >= 0) this.start -= keepFrom;
    this.pos = this.buf.length;
    if (final && this.start >= 0 && this.depth === this.base()) this.flushScalar(this.buf, this.buf.length, out);
    return out;
  }

  private base(): number {
    return this.mode === 'array' ? 1 : 0;
  }

  private begin(i: number): void {
    this.start = i;
    this.startLine = this.line;
  }

  /** A top-level value that is not an object or array (a number, a word) ends at whitespace or a comma. */
  private flushScalar(b: string, end: number, out: JsonRecordResult[]): void {
    if (this.start < 0) return;
    const text = b.slice(this.start, end).trim();
    this.start = -1;
    if (text === '') return;
    out.push({ ok: false, line: this.startLine, reason: `expected a JSON object, found '${text.slice(0, 40)}'` });
  }

  private finish(b: string, end: number, out: JsonRecordResult[]): void {
    const text = b.slice(this.start, end);
    const line = this.startLine;
    this.start = -1;
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      out.push({ ok: false, line, reason: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      out.push({ ok: false, line, reason: 'expected a JSON object, found an array' });
      return;
    }
    out.push({ ok: true, record: v as Record<string, unknown>, line });
  }
}

/** All records of a complete text. */
export function parseJsonRecords(text: string, maxRecordBytes?: number): JsonRecordResult[] {
  const s = new JsonRecordScanner(maxRecordBytes);
  return [...s.push(text), ...s.end()];
}
