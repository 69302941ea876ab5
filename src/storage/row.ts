/**
 * Mapping between the event shape and a stored row, shared by every adapter: promoted ECS
 * fields go to their typed columns, the rest of `fields` stays in the `fields` JSON column.
 */
import type { FieldValue, Scalar, VigilEvent } from '../core/event.js';
import { PROMOTED_FIELDS, type ColumnType } from './schema.js';

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

export interface SplitFields {
  /** Values for PROMOTED_FIELDS, index-aligned; null where absent. */
  promoted: StoredValue[];
  /** Everything that did not go to a promoted column (incl. values that did not fit its type). */
  rest: Record<string, FieldValue>;
}

export function splitFields(event: VigilEvent): SplitFields {
  const promoted: StoredValue[] = new Array(PROMOTED_FIELDS.length).fill(null);
  const rest: Record<string, FieldValue> = {};
  const fields = event.fields;
  for (const key in fields) {
    const idx = promotedIndex.get(key);
    const value = fields[key];
    if (idx === undefined) {
      rest[key] = value;
      continue;
    }
    const coerced = coerce(value, PROMOTED_FIELDS[idx].type);
    if (coerced === undefined) rest[key] = value;
    else promoted[idx] = coerced;
  }
  return { promoted, rest };
}

const promotedIndex = new Map(PROMOTED_FIELDS.map((c, i) => [c.name, i]));

export function metaJson(event: VigilEvent): string {
  const m = event.meta;
  const out: Record<string, unknown> = {};
  if (m.warnings && m.warnings.length) out.warnings = m.warnings;
  if (m.raw !== undefined) out.raw = m.raw;
  return JSON.stringify(out);
}
