/**
 * CSV evidence (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF):
 * the first row names the columns, each later row becomes a record of strings. Records with a
 * Channel and an EventID column are Windows records in the flattened shape; others need a
 * recogniser or `--logsource`. Rows and fields are bounded.
 */
import { openMaybeGzip } from '../../ingest/line-blocks.js';
import type { HuntReader, HuntRecord, ReadContext } from './records.js';

const MAX_ROW_BYTES = 4 * 1024 * 1024;
const MAX_COLUMNS = 4096;

export class CsvParser {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private rowBytes = 0;
  private skipping = false;
  line = 1;
  private rowLine = 1;

  /** Complete rows in the chunk (with the line each started on); keeps partial state. */
  push(text: string, onRow: (row: string[], line: number) => void, onProblem: (line: number, reason: string) => void): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') this.line++;
      if (this.skipping) {
        if (c === '\n' && !this.inQuotes) this.resetRow();
        else if (c === '"') this.inQuotes = !this.inQuotes;
        continue;
      }
      if (++this.rowBytes > MAX_ROW_BYTES) {
        onProblem(this.rowLine, `row longer than ${MAX_ROW_BYTES} bytes; skipped`);
        this.skipping = true;
        continue;
      }
      if (this.inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else this.inQuotes = false;
        } else this.field += c;
        continue;
      }
      if (c === '"' && this.field === '' && !this.quoteSeen) {
        this.inQuotes = true;
        this.quoteSeen = true;
      } else if (c === ',') {
        this.endField(onProblem);
      } else if (c === '\n') {
        this.endField(onProblem);
        if (!(this.row.length === 1 && this.row[0] === '')) onRow(this.row, this.rowLine);
        this.resetRow();
      } else if (c === '\r' && text[i + 1] === '\n') {
        continue;
      } else this.field += c;
    }
  }

  end(onRow: (row: string[], line: number) => void, onProblem: (line: number, reason: string) => void): void {
    if (this.skipping) return;
    if (this.inQuotes) onProblem(this.rowLine, 'unterminated quoted field at end of file');
    if (this.field !== '' || this.row.length > 0) {
      this.endField(onProblem);
      onRow(this.row, this.rowLine);
    }
    this.resetRow();
  }

  private endField(onProblem: (line: number, reason: string) => void): void {
    if (this.row.length >= MAX_COLUMNS) {
      onProblem(this.rowLine, `more than ${MAX_COLUMNS} columns; extra columns dropped`);
    } else this.row.push(this.field);
    this.field = '';
    this.quoteSeen = false;
  }

  private resetRow(): void {
    this.row = [];
    this.field = '';
    this.quoteSeen = false;
    this.inQuotes = false;
    this.rowBytes = 0;
    this.skipping = false;
    this.rowLine = this.line;
  }
}

export const csvReader: HuntReader = {
  name: 'csv',
  accepts: (base) => base.endsWith('.csv'),
  async *read(file: string, ctx: ReadContext): AsyncIterable<HuntRecord> {
    const parser = new CsvParser();
    const decoder = new TextDecoder('utf-8');
    let header: string[] | undefined;
    const pending: HuntRecord[] = [];
    const onRow = (row: string[], line: number): void => {
      if (!header) {
        header = row.map((h, i) => h.trim().replace(/^\uFEFF/, '') || `column${i + 1}`);
        return;
      }
      if (row.length !== header.length) ctx.onProblem(`line ${line}`, `${row.length} fields where the header has ${header.length}`);
      const rec: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (i < row.length) rec[h] = row[i];
      });
      pending.push({ native: rec, where: `line ${line}` });
    };
    const onProblem = (line: number, reason: string): void => ctx.onProblem(`line ${line}`, reason);
    for await (const chunk of openMaybeGzip(file, ctx.onBytes)) {
      ctx.signal?.throwIfAborted();
      parser.push(decoder.decode(chunk as Buffer, { stream: true }), onRow, onProblem);
      yield* pending.splice(0);
    }
    parser.end(onRow, onProblem);
    yield* pending.splice(0);
  },
};
