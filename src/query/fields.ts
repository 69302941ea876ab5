/**
 * Field resolution: where a query field lives in the stored schema.
 * - a field with its own column (structural or promoted ECS) → that typed column;
 * - `native.a.b` → the path a.b inside the native record;
 * - any other name → the flat key in the `fields` JSON, falling back to the same dotted
 *   path inside `native` (so `EventID` or `Event.System.Computer` work on Windows events).
 */
import { columnFor, type ColumnType } from '../storage/schema.js';
import { fn, ident, jsonText, type SqlFragment } from './sql/fragment.js';

export type ResolvedField =
  | { kind: 'column'; name: string; type: ColumnType }
  | { kind: 'json'; name: string; fieldsKey?: string; nativePath: string[] };

export function resolveField(name: string): ResolvedField {
  const col = columnFor(name);
  if (col) return { kind: 'column', name: col.name, type: col.type };
  if (name.startsWith('native.')) return { kind: 'json', name, nativePath: name.slice('native.'.length).split('.') };
  return { kind: 'json', name, fieldsKey: name, nativePath: name.split('.') };
}

/** The field's value as an SQL expression: the typed column, or JSON text. */
export function fieldValue(f: ResolvedField): SqlFragment {
  if (f.kind === 'column') return ident(f.name);
  const native = jsonText('native', f.nativePath);
  return f.fieldsKey ? fn('coalesce', jsonText('fields', [f.fieldsKey]), native) : native;
}

/** The field's type for comparisons: JSON values are text unless compared numerically. */
export function fieldType(f: ResolvedField): ColumnType {
  return f.kind === 'column' ? f.type : 'string';
}
