/**
 * Writes one column of JS values into a DuckDB data-chunk vector through the C API bindings.
 *
 * Why not DuckDBDataChunk.setColumnValues: its validity mask does BigInt arithmetic for every
 * cell, NULLs included, and its numeric vectors need a BigInt per value; that is where the
 * ~0.35 µs a cell of ADR 0004 came from. Here a NULL costs one bit in a byte array, an integer
 * two 32-bit writes, and only non-NULL strings cross into native code (docs/adr/0005-typed-chunk-appends.md).
 */
import { createRequire } from 'node:module';
import type * as Bindings from '@duckdb/node-bindings';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { ColumnType } from '../schema.js';

/**
 * The C API binding, resolved from node-api's own location so that it is the very instance (and
 * native library) node-api's chunks and appenders were made with, whatever versions npm hoists.
 */
const bindings = createRequire(createRequire(import.meta.url).resolve('@duckdb/node-api'))('@duckdb/node-bindings') as typeof Bindings;

type Vector = ReturnType<typeof bindings.data_chunk_get_vector>;

/** What a column's cells hold: strings, numbers, booleans, string lists; null or undefined is NULL. */
export type Cell = string | number | boolean | string[] | null | undefined;

const TWO_32 = 4294967296;

/** NULL bits: DuckDB reads a mask of 64-bit words, bit i of the mask is row i. */
class Validity {
  private mask: Uint8Array<ArrayBuffer> | undefined;
  constructor(private readonly rows: number) {}
  setNull(row: number): void {
    if (!this.mask) this.mask = new Uint8Array(new ArrayBuffer(Math.ceil(this.rows / 64) * 8)).fill(0xff);
    this.mask[row >> 3] &= ~(1 << (row & 7));
  }
  flush(vector: Vector): void {
    if (!this.mask) return;
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, this.mask.buffer, 0, this.mask.byteLength);
  }
}

/**
 * C strings end at NUL: a string holding U+0000 goes through the length-taking call instead,
 * so that it is stored whole rather than cut short.
 */
function assignString(vector: Vector, row: number, s: string): void {
  if (s.indexOf('\0') < 0) bindings.vector_assign_string_element(vector, row, s);
  else bindings.vector_assign_string_element_len(vector, row, Buffer.from(s, 'utf8'));
}

/** duckdb_string_t (C API): 16 bytes; up to 12 bytes of text are stored inline after the length. */
const STRING_T_BYTES = 16;
const MAX_INLINE = 12;

/**
 * Writes `s` inline into its duckdb_string_t slot if it is short ASCII without NUL, and says
 * whether it did. Short strings (addresses, ports as text, `event.kind` values, `{}`) are most
 * of the strings stored; each one written here saves a call into native code (~0.4 µs).
 */
function inlineAscii(slots: Uint8Array, row: number, s: string): boolean {
  const n = s.length;
  if (n > MAX_INLINE) return false;
  const base = row * STRING_T_BYTES;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || c > 0x7f) {
      slots.fill(0, base + 4, base + 4 + i);
      return false;
    }
    slots[base + 4 + i] = c;
  }
  slots[base] = n; // little-endian uint32 length, n ≤ 12
  return true;
}

/**
 * Strings of rows 0…rows-1 from `get`: short ASCII ones inline into a buffer copied into the
 * vector at once, the rest (long or non-ASCII) assigned one by one after that copy, which
 * would otherwise overwrite them.
 */
function writeStringSlots(vector: Vector, rows: number, get: (row: number) => string | null): Validity {
  const slots = new Uint8Array(new ArrayBuffer(rows * STRING_T_BYTES));
  const validity = new Validity(rows);
  const others: number[] = [];
  for (let r = 0; r < rows; r++) {
    const v = get(r);
    if (v === null) validity.setNull(r);
    else if (!inlineAscii(slots, r, v)) others.push(r);
  }
  bindings.copy_data_to_vector(vector, 0, slots.buffer, 0, slots.byteLength);
  for (const r of others) assignString(vector, r, get(r)!);
  return validity;
}

function writeStrings(vector: Vector, cells: Cell[], rows: number): void {
  writeStringSlots(vector, rows, (r) => (cells[r] ?? null) as string | null).flush(vector);
}

/** BIGINT and TIMESTAMP (microseconds): 64-bit little-endian integers from safe JS integers. */
function writeInt64(vector: Vector, cells: Cell[], rows: number): void {
  const words = new Int32Array(rows * 2);
  const validity = new Validity(rows);
  for (let r = 0; r < rows; r++) {
    const v = cells[r];
    if (v === null || v === undefined) {
      validity.setNull(r);
      continue;
    }
    const n = v as number;
    const hi = Math.floor(n / TWO_32);
    words[2 * r] = n - hi * TWO_32;
    words[2 * r + 1] = hi;
  }
  bindings.copy_data_to_vector(vector, 0, words.buffer, 0, words.byteLength);
  validity.flush(vector);
}

function writeDoubles(vector: Vector, cells: Cell[], rows: number): void {
  const values = new Float64Array(rows);
  const validity = new Validity(rows);
  for (let r = 0; r < rows; r++) {
    const v = cells[r];
    if (v === null || v === undefined) validity.setNull(r);
    else values[r] = v as number;
  }
  bindings.copy_data_to_vector(vector, 0, values.buffer, 0, values.byteLength);
  validity.flush(vector);
}

function writeBooleans(vector: Vector, cells: Cell[], rows: number): void {
  const values = new Uint8Array(rows);
  const validity = new Validity(rows);
  for (let r = 0; r < rows; r++) {
    const v = cells[r];
    if (v === null || v === undefined) validity.setNull(r);
    else values[r] = v ? 1 : 0;
  }
  bindings.copy_data_to_vector(vector, 0, values.buffer, 0, values.byteLength);
  validity.flush(vector);
}

/** VARCHAR[]: (offset, length) entries into one child vector holding every row's items. */
function writeStringLists(vector: Vector, cells: Cell[], rows: number): void {
  const entries = new Uint32Array(rows * 4);
  const validity = new Validity(rows);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const v = cells[r];
    if (v === null || v === undefined) {
      validity.setNull(r);
      continue;
    }
    const n = (v as string[]).length;
    entries[4 * r] = total;
    entries[4 * r + 2] = n;
    total += n;
  }
  bindings.copy_data_to_vector(vector, 0, entries.buffer, 0, entries.byteLength);
  validity.flush(vector);
  bindings.list_vector_reserve(vector, total);
  bindings.list_vector_set_size(vector, total);
  const child = bindings.list_vector_get_child(vector);
  const items: string[] = [];
  for (let r = 0; r < rows; r++) {
    const v = cells[r];
    if (v !== null && v !== undefined) for (const item of v as string[]) items.push(item);
  }
  // List items are never NULL (coercion drops them), so the child's validity stays all-valid.
  writeStringSlots(child, total, (k) => items[k]);
}

/** Fills column `index` of `chunk` with `cells` (rows 0…rows-1) as the schema's `type`. */
export function writeColumn(chunk: DuckDBDataChunk, index: number, type: ColumnType, cells: Cell[], rows: number): void {
  const vector = bindings.data_chunk_get_vector(chunk.chunk, index);
  switch (type) {
    case 'string':
      return writeStrings(vector, cells, rows);
    case 'int':
    case 'timestamp':
      return writeInt64(vector, cells, rows);
    case 'float':
      return writeDoubles(vector, cells, rows);
    case 'bool':
      return writeBooleans(vector, cells, rows);
    case 'string[]':
      return writeStringLists(vector, cells, rows);
  }
}
