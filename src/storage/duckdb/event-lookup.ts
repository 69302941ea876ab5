/**
 * Single-event lookup by id, within the one partition the id's time maps to
 * (docs/adr/0007-id-index.md).
 *
 * With the id index (the default), every partition table has an ART index on `id` and the
 * lookup is an index scan that fetches one row: on the 10M-event benchmark store, p50 9.5 /
 * p95 24 ms end to end. Without it, a row costs a vector of every column: DuckDB decompresses
 * 2,048 values of each column, and the FSST-compressed JSON columns dominate (10–31 ms for
 * the row, p95 66 ms end to end). The index costs ~70 bytes per event on disk and its memory
 * while a partition is written, so `store.id_index: false` turns it off for new partitions.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, timestampFromMs, toPlain } from './types.js';

export function idIndexName(partition: string): string {
  return `${partition}_id`;
}

/** DDL of the id index of one partition table; idempotent. */
export function idIndexDdl(partition: string): string {
  return `CREATE INDEX IF NOT EXISTS ${quoteIdent(idIndexName(partition))} ON ${quoteIdent(partition)} (id)`;
}

/** Partition tables that have their id index. */
export async function indexedPartitions(conn: DuckDBConnection): Promise<Set<string>> {
  const res = await conn.runAndReadAll("SELECT table_name, index_name FROM duckdb_indexes() WHERE schema_name = 'main'");
  const out = new Set<string>();
  for (const [table, index] of res.getRows()) if (index === idIndexName(String(table))) out.add(String(table));
  return out;
}

/** The event's row through the id index. */
export async function findIndexedRow(conn: DuckDBConnection, partition: string, id: string): Promise<Record<string, unknown> | undefined> {
  return firstRow(await conn.runAndReadAll(`SELECT * FROM ${quoteIdent(partition)} WHERE id = $1 LIMIT 1`, [id]));
}

/**
 * The event's row in a partition without the id index, in two steps:
 * 1. its rowid, with only the id's millisecond pushed into the scan: zone maps prune, and only
 *    rows of that millisecond reach the id test (`id || ''` keeps the comparison out of the
 *    pushed-down filters: pushed, DuckDB compared the id of every row of the scanned row groups);
 * 2. that one row by rowid, with the time filter again so that zone maps spare the other row groups.
 */
export async function findUnindexedRow(conn: DuckDBConnection, partition: string, id: string, ms: number): Promise<Record<string, unknown> | undefined> {
  const table = quoteIdent(partition);
  const range = [timestampFromMs(ms), timestampFromMs(ms + 1)];
  const found = await conn.runAndReadAll(
    `SELECT rowid FROM ${table} WHERE "@timestamp" >= $2 AND "@timestamp" < $3 AND id || '' = $1 LIMIT 1`,
    [id, ...range],
  );
  const rowid = found.getRows()[0]?.[0];
  if (rowid === undefined) return undefined;
  return firstRow(await conn.runAndReadAll(`SELECT * FROM ${table} WHERE rowid = $1 AND "@timestamp" >= $2 AND "@timestamp" < $3`, [rowid, ...range]));
}

function firstRow(res: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>): Record<string, unknown> | undefined {
  const columns = res.columnNames();
  const row = res.getRows()[0];
  if (!row) return undefined;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]] = toPlain(row[i]);
  return out;
}
