/**
 * A small RFC 4180 reader for the operator-maintained CSV files (asset inventory, identity
 * list, indicator lists): a header row naming the columns, quoted fields with "" escapes,
 * `#` comment lines and blank lines skipped. Each row carries its 1-based line number so that
 * errors can say file:line. Rows with the wrong number of fields are reported, not thrown.
 */

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  errors: { line: number; message: string }[];
}

/** Splits one physical line; returns undefined when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  out.push(field.trim());
  return out;
}

/** Parses `text`; `required` columns must be in the header (the error then is the only result). */
export function parseCsvTable(text: string, required: readonly string[]): CsvTable {
  const lines = text.split(/\r?\n/);
  const errors: CsvTable['errors'] = [];
  let header: string[] | undefined;
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const fields = splitCsvLine(raw);
    if (!fields) {
      errors.push({ line: i + 1, message: 'unterminated quoted field' });
      continue;
    }
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      const missing = required.filter((r) => !header!.includes(r));
      if (missing.length > 0) return { header, rows: [], errors: [{ line: i + 1, message: `header lacks column(s) ${missing.join(', ')} (found: ${header.join(', ')})` }] };
      continue;
    }
    if (fields.length > header.length) {
      errors.push({ line: i + 1, message: `${fields.length} fields, the header has ${header.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, k) => (values[h] = fields[k] ?? ''));
    rows.push({ line: i + 1, values });
  }
  if (!header) errors.push({ line: 1, message: `no header row (expected columns ${required.join(', ')})` });
  return { header: header ?? [], rows, errors };
}
