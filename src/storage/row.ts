/**
 * Coercion of field values into promoted columns, shared by every adapter: a value that does
 * not fit its column's type stays in the `fields` JSON column instead of being lost.
 */
import type { FieldValue, Scalar } from '../core/event.js';
import type { ColumnType } from './schema.js';

export type StoredValue = string | number | boolean | string[] | null;

/** Coerces a field value to a promoted column's type, or undefined when it does not fit. */
export function coerce(value: FieldValue, type: ColumnType): StoredValue | undefined {
  if (value === null) return null;
  switch (type) {
    case 'string[]': {
      const list = Array.isArray(value) ? value : [value];
      return list.filter((v): v is Exclude<Scalar, null> => v !== null).map(String);
    }
    case 'string':
      return Array.isArray(value) ? undefined : String(value);
    case 'int': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case 'float': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
    case 'timestamp':
      return undefined;
  }
}
