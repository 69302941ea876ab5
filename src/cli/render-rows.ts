/** Rendering result rows for the terminal (table) and for machines (json, jsonl, csv). */

export type RowFormat = 'table' | 'json' | 'jsonl' | 'csv';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function columnsOf(rows: Array<Record<string, unknown>>, preferred: string[] = []): string[] {
  const seen = new Set(preferred);
  const cols = [...preferred];
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  return cols;
}

function csvCell(v: unknown): string {
  const s = cell(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderRows(rows: Array<Record<string, unknown>>, format: RowFormat, columns: string[] = [], maxCellWidth = 60): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'jsonl') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  const cols = columns.length ? columns : columnsOf(rows);
  if (format === 'csv') return [cols.map(csvCell).join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
  const clip = (s: string) => (s.length > maxCellWidth ? `${s.slice(0, maxCellWidth - 1)}…` : s);
  const text = rows.map((r) => cols.map((c) => clip(cell(r[c]).replace(/\s+/g, ' '))));
  const widths = cols.map((c, i) => Math.max(c.length, ...text.map((t) => t[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}
