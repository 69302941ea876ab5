/**
 * Single-event lookup by id within one partition and the id's millisecond, in two steps
 * measured on 10 million events (docs/adr/0005-typed-chunk-appends.md, last paragraph):
 *
 * 1. find the row's rowid with only the time filter pushed into the scan: zone maps prune, and
 *    only rows of that millisecond reach the id test. With `id = …` pushed too, DuckDB compared
 *    the id of every row of the scanned row groups first (10–17 ms against 3–4 ms);
 * 2. read that one row's columns by rowid, with the time filter again so that zone maps spare
 *    the column scans of every other row group.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, timestampFromMs, toPlain } from './types.js';

export async function findEventRow(conn: DuckDBConnection, partition: string, id: string, ms: number): Promise<Record<string, unknown> | undefined> {
  const table = quoteIdent(partition);
  const range = [timestampFromMs(ms), timestampFromMs(ms + 1)];
  const found = await conn.runAndReadAll(
    // `id || ''` keeps the comparison out of the scan's pushed-down filters (step 1 above).
    `SELECT rowid FROM ${table} WHERE "@timestamp" >= $2 AND "@timestamp" < $3 AND id || '' = $1 LIMIT 1`,
    [id, ...range],
  );
  const rowid = found.getRows()[0]?.[0];
  if (rowid === undefined) return undefined;
  const res = await conn.runAndReadAll(`SELECT * FROM ${table} WHERE rowid = $1 AND "@timestamp" >= $2 AND "@timestamp" < $3`, [rowid, ...range]);
  const columns = res.columnNames();
  const row = res.getRows()[0];
  if (!row) return undefined;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]] = toPlain(row[i]);
  return out;
}
