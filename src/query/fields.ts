/**
 * Field resolution: where a query field lives in the stored schema (src/storage/schema.ts).
 *
 * - a field with its own column (structural or promoted ECS field) → that typed column;
 * - `native`, `fields`, `meta` alone → the whole JSON document, searched as text;
 * - `native.a.b` → the path a → b inside the native record (or the flat key `a.b` there,
 *   as Zeek and others write dotted keys);
 * - `fields.k` → the flat key `k` of the `fields` JSON; `meta.a.b` → the path inside `meta`;
 * - any other name → the flat key in `fields`, falling back to the same dotted path inside
 *   `native`, then to the same flat key in `native`.
 *
 * JSON keys are bound as parameters by the dialects and field names are checked against a
 * strict pattern, so no field name ever becomes SQL text.
 */
import { columnFor, JSON_COLUMNS, type ColumnType } from '../storage/schema.js';
import { FIELD_NAME } from './lexer.js';
import { ident, jsonAny, jsonText, listAny, type JsonSource, type SqlFragment } from './sql/fragment.js';

export type ResolvedField =
  | { kind: 'column'; name: string; type: ColumnType; expr: SqlFragment }
  /** A whole JSON column (`native`, `fields`, `meta`), searched as the text of the document. */
  | { kind: 'document'; name: string; expr: SqlFragment }
  | { kind: 'json'; name: string; sources: JsonSource[] };

export function isDocumentColumn(name: string): boolean {
  return (JSON_COLUMNS as readonly string[]).includes(name);
}

/** Throws an Error with a readable reason when `name` cannot be a field; callers add the position. */
export function resolveField(name: string): ResolvedField {
  if (isDocumentColumn(name)) return { kind: 'document', name, expr: ident(name) };
  const col = columnFor(name);
  if (col) return { kind: 'column', name: col.name, type: col.type, expr: ident(col.name) };
  const segments = name.split('.');
  if (!FIELD_NAME.test(name) || segments.some((s) => s === '')) throw new Error(`"${name}" is not a field name`);
  const [head, ...rest] = segments;
  if ((head === 'native' || head === 'meta') && rest.length) {
    const sources: JsonSource[] = [{ column: head, path: rest }];
    if (rest.length > 1) sources.push({ column: head, path: [rest.join('.')] });
    return { kind: 'json', name, sources };
  }
  if (head === 'fields' && rest.length) return { kind: 'json', name, sources: [{ column: 'fields', path: [rest.join('.')] }] };
  const sources: JsonSource[] = [{ column: 'fields', path: [name] }, { column: 'native', path: segments }];
  if (segments.length > 1) sources.push({ column: 'native', path: [name] });
  return { kind: 'json', name, sources };
}

/** The field's value as an SQL expression: the typed column, or the JSON value as text. */
export function fieldValue(field: ResolvedField): SqlFragment {
  return field.kind === 'json' ? jsonText(field.sources) : field.expr;
}

/** The stored type; `json` for values read from inside the JSON columns, `document` for a whole one. */
export function fieldType(field: ResolvedField): ColumnType | 'json' | 'document' {
  return field.kind === 'column' ? field.type : field.kind;
}

/**
 * `predicate` applied with the language's value semantics: to a scalar column directly, to
 * each element of a list column, to a JSON value or each element of a JSON array (as text).
 * The Sigma compiler builds its modifiers on this so that rules and queries agree.
 */
export function matchField(field: ResolvedField, predicate: (value: SqlFragment) => SqlFragment): SqlFragment {
  if (field.kind === 'json') return jsonAny(field.sources, predicate);
  return field.kind === 'column' && field.type === 'string[]' ? listAny(field.expr, predicate) : predicate(field.expr);
}
