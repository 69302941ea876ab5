/** DuckDB column types for the stored schema, and conversion of DuckDB values to plain JSON. */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBListValue,
  DuckDBTimestampValue,
  LIST,
  TIMESTAMP,
  VARCHAR,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ColumnSpec, ColumnType } from '../schema.js';

export function duckdbType(type: ColumnType): DuckDBType {
  switch (type) {
    case 'string':
      return VARCHAR;
    case 'int':
      return BIGINT;
    case 'float':
      return DOUBLE;
    case 'bool':
      return BOOLEAN;
    case 'string[]':
      return LIST(VARCHAR);
    case 'timestamp':
      return TIMESTAMP;
  }
}

/** JSON columns are stored as VARCHAR holding JSON text; DuckDB's json functions read it directly. */
export function columnDdl(col: ColumnSpec): string {
  return `${quoteIdent(col.name)} ${duckdbType(col.type).toString()}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Epoch milliseconds (fractional allowed) → DuckDB TIMESTAMP with microsecond precision. */
export function timestampFromMs(ms: number): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(Math.round(ms * 1000)));
}

export function isoFromMicros(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const sub = Number(((micros % 1000n) + 1000n) % 1000n);
  const iso = new Date(ms).toISOString();
  return sub === 0 ? iso : `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

/** Converts a DuckDB value into something JSON can carry, without losing precision silently. */
export function toPlain(value: DuckDBValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof DuckDBTimestampValue) return isoFromMicros(value.micros);
  if (value instanceof DuckDBListValue) return value.items.map(toPlain);
  return value.toString();
}
