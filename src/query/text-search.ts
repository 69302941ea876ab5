/**
 * Searching text anywhere in a column: free text (a term without a field) and terms on a whole
 * JSON document (`native:*certutil*`).
 *
 * Free text reads a fixed list of text columns, by default `message` and
 * `process.command_line`: on 10M events a case-insensitive substring test costs about 0.1 s
 * per short column, while the text of the native records (700 bytes an event) costs seconds,
 * so the full original record is searched only when asked for by name (`native:*word*`).
 * Inside a JSON document the needle is matched as JSON writes it (`\` is `\\`, `"` is `\"`).
 */
import type { Match, Span, TextNode, ValuePart } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { isDocumentColumn } from './fields.js';
import { columnFor } from '../storage/schema.js';
import { isNotNull, or } from './sql/builder.js';
import { ident, TRUE, type SqlFragment } from './sql/fragment.js';
import { textPattern, textRegex } from './text-match.js';

/** The columns free text searches unless the caller chooses others. */
export const DEFAULT_FREE_TEXT_COLUMNS: readonly string[] = Object.freeze(['message', 'process.command_line']);

function anywhere(parts: readonly ValuePart[]): ValuePart[] {
  let start = 0;
  let end = parts.length;
  while (start < end && parts[start].kind === 'any') start++;
  while (end > start && parts[end - 1].kind === 'any') end--;
  return [{ kind: 'any' }, ...parts.slice(start, end), { kind: 'any' }];
}

function asJsonText(parts: readonly ValuePart[]): ValuePart[] {
  return parts.map((p) => (p.kind === 'literal' ? { kind: 'literal', text: JSON.stringify(p.text).slice(1, -1) } : p));
}

/** The text of `column` holds the pattern somewhere (any case). */
export function searchColumn(column: string, parts: readonly ValuePart[]): SqlFragment {
  if (parts.every((p) => p.kind === 'any')) return TRUE;
  const needle = isDocumentColumn(column) ? asJsonText(parts) : parts;
  return textPattern(ident(column), anywhere(needle));
}

/** Checks a caller's free-text column list: text columns of the schema or whole JSON documents. */
export function checkFreeTextColumns(columns: readonly string[]): readonly string[] {
  if (columns.length === 0) throw new RangeError('freeTextColumns must name at least one column');
  for (const c of columns) {
    if (!isDocumentColumn(c) && columnFor(c)?.type !== 'string') throw new RangeError(`free text cannot search ${JSON.stringify(c)}: not a text column`);
  }
  return columns;
}

export function freeText(node: TextNode, columns: readonly string[]): SqlFragment {
  const parts: ValuePart[] = node.quoted ? [{ kind: 'literal', text: node.text }] : node.parts;
  return or(...columns.map((c) => searchColumn(c, parts)));
}

/** A term on a whole document: `native:certutil`, `native:"C:\Temp"`, `native:/re/`, `native:*`. */
export function documentPredicate(column: string, m: Match, at: Span): SqlFragment {
  switch (m.kind) {
    case 'value':
      return searchColumn(column, m.quoted ? [{ kind: 'literal', text: m.text }] : m.parts);
    case 'regex':
      return textRegex(ident(column), m.pattern);
    case 'exists':
      return isNotNull(ident(column));
    default:
      throw new QuerySyntaxError(`${column} is the whole record: search it for text (${column}:*word*) or name a field inside it (${column}.a.b)`, at.column);
  }
}
