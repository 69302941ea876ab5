/**
 * Batched appends of typed columns: each event's values go straight into data-chunk vectors
 * (vector-writer.ts) appended to the partition table, one transaction per batch across all its
 * partitions. Nothing is serialised for DuckDB to parse again except the JSON text columns
 * (`fields`, `native`, `meta`), which are stored as text anyway (docs/adr/0005-typed-chunk-appends.md).
 *
 * The appender writes columns in the table's own order, which differs from schema order in
 * partitions migrated by ALTER TABLE ADD COLUMN; each partition's layout is read once and
 * cells are matched to columns by name.
 */
import { DuckDBDataChunk, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { VigilEvent } from '../../core/event.js';
import { PROMOTED_FIELDS, allColumns } from '../schema.js';
import { coerce } from '../row.js';
import { duckdbType } from './types.js';
import { writeColumn, type Cell } from './vector-writer.js';
import { appendStaged } from './append.js';
import { EMPTY_JSON, jsonKeyPrefix, jsonText, metaText } from './json-text.js';

const CHUNK_ROWS = 2048;
const SCHEMA = allColumns();
const SCHEMA_INDEX = new Map(SCHEMA.map((c, i) => [c.name, i]));
const col = (name: string): number => SCHEMA_INDEX.get(name)!;
const [ID, TS, INGEST, SOURCE, FORMAT, LP, LS, LC, TENANT] = ['id', '@timestamp', 'ingest_time', 'source', 'format', 'logsource.product', 'logsource.service', 'logsource.category', 'tenant'].map(col);
const FIELDS_COL = col('fields');
const NATIVE_COL = col('native');
const META_COL = col('meta');
/** Promoted field name → its schema column index and type. */
const PROMOTED = new Map(PROMOTED_FIELDS.map((c) => [c.name, { col: col(c.name), type: c.type }]));

/** A partition table's columns in table order, each with the schema column it is filled from. */
export interface TableLayout {
  types: DuckDBType[];
  /** Per table column: its index into SCHEMA. */
  source: number[];
}

/**
 * Reads a table's column layout; undefined when the table has a column this version does not
 * know (its DEFAULT or constraints are honoured only by the staged path's INSERT by name) or a
 * known column of another type than the schema says (the staged path casts).
 */
export async function readLayout(conn: DuckDBConnection, table: string): Promise<TableLayout | undefined> {
  const res = await conn.runAndReadAll(
    "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index",
    [table],
  );
  const appender = await conn.createAppender(table);
  try {
    const rows = res.getRows();
    const layout: TableLayout = { types: [], source: [] };
    for (let i = 0; i < rows.length; i++) {
      const name = String(rows[i][0]);
      const type = appender.columnType(i);
      const j = SCHEMA_INDEX.get(name);
      if (j === undefined || type.toString() !== duckdbType(SCHEMA[j].type).toString()) return undefined;
      layout.types.push(type);
      layout.source.push(j);
    }
    return layout;
  } finally {
    appender.closeSync();
  }
}

/** Column-major cells of up to CHUNK_ROWS events, in schema order. */
export function eventCells(events: VigilEvent[], start: number, rows: number): Cell[][] {
  const cells: Cell[][] = SCHEMA.map(() => new Array<Cell>(rows).fill(null));
  for (let r = 0; r < rows; r++) {
    const e = events[start + r];
    const m = e.meta;
    cells[ID][r] = e.id;
    cells[TS][r] = Math.round(e.ts * 1000);
    cells[INGEST][r] = Math.round(m.ingestTime * 1000);
    cells[SOURCE][r] = m.source;
    cells[FORMAT][r] = m.format;
    cells[LP][r] = m.logsource?.product;
    cells[LS][r] = m.logsource?.service;
    cells[LC][r] = m.logsource?.category;
    cells[TENANT][r] = m.tenant;
    let rest = '';
    const fields = e.fields;
    for (const key in fields) {
      const value = fields[key];
      const promoted = PROMOTED.get(key);
      const coerced = promoted === undefined ? undefined : coerce(value, promoted.type);
      if (coerced !== undefined) {
        cells[promoted!.col][r] = coerced;
        continue;
      }
      // Not promoted, or not of its column's type: kept in `fields`, never lost.
      const json = JSON.stringify(value) as string | undefined;
      if (json !== undefined) rest += `${rest ? ',' : '{'}${jsonKeyPrefix(key)}${json}`;
    }
    cells[FIELDS_COL][r] = rest ? `${rest}}` : EMPTY_JSON;
    cells[NATIVE_COL][r] = jsonText(e.native);
    cells[META_COL][r] = metaText(m);
  }
  return cells;
}

/** Appends one partition's events through typed data chunks; the caller owns the transaction. */
export async function appendTyped(conn: DuckDBConnection, table: string, layout: TableLayout, events: VigilEvent[]): Promise<void> {
  const appender = await conn.createAppender(table);
  try {
    for (let start = 0; start < events.length; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, events.length - start);
      const cells = eventCells(events, start, rows);
      const chunk = DuckDBDataChunk.create(layout.types, rows);
      for (let c = 0; c < layout.types.length; c++) writeColumn(chunk, c, SCHEMA[layout.source[c]].type, cells[layout.source[c]], rows);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * One batch, grouped by partition, in one transaction: partitions with a known layout through
 * typed chunks, the others through the staged-JSON path; a failure anywhere stores nothing.
 */
export async function appendBatch(
  conn: DuckDBConnection,
  byPartition: Map<string, VigilEvent[]>,
  layoutOf: (partition: string) => Promise<TableLayout | undefined>,
): Promise<void> {
  const staged = new Map<string, VigilEvent[]>();
  const typed: Array<[string, TableLayout, VigilEvent[]]> = [];
  for (const [name, list] of byPartition) {
    const layout = await layoutOf(name);
    if (layout) typed.push([name, layout, list]);
    else staged.set(name, list);
  }
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const [name, layout, list] of typed) await appendTyped(conn, name, layout, list);
    if (staged.size) await appendStaged(conn, staged);
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}
