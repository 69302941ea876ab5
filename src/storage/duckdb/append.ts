/**
 * Batched appends: events are laid out column by column into DuckDB data chunks (2048 rows,
 * DuckDB's vector size) and handed to the appender, one native call per column per chunk
 * rather than one per value.
 */
import { DuckDBDataChunk, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { VigilEvent } from '../../core/event.js';
import { PROMOTED_FIELDS, STRUCTURAL_COLUMNS, allColumns } from '../schema.js';
import { metaJson, splitFields, type StoredValue } from '../row.js';
import { duckdbType, timestampFromMs } from './types.js';

const CHUNK_ROWS = 2048;
const COLUMNS = allColumns();
const TYPES = COLUMNS.map((c) => duckdbType(c.type));
const N_STRUCT = STRUCTURAL_COLUMNS.length;
const N_PROMOTED = PROMOTED_FIELDS.length;

function structural(e: VigilEvent): DuckDBValue[] {
  const ls = e.meta.logsource;
  return [
    e.id,
    timestampFromMs(e.ts),
    timestampFromMs(e.meta.ingestTime),
    e.meta.source,
    e.meta.format ?? null,
    ls?.product ?? null,
    ls?.service ?? null,
    ls?.category ?? null,
    e.meta.tenant ?? null,
  ];
}

/** BIGINT vectors take bigint values, LIST vectors take list values. */
function promotedValue(v: StoredValue, isInt: boolean): DuckDBValue {
  if (v === null) return null;
  if (Array.isArray(v)) return listValue(v);
  if (isInt && typeof v === 'number') return BigInt(v);
  return v;
}

export async function appendEventsToTable(conn: DuckDBConnection, table: string, events: VigilEvent[]): Promise<void> {
  const appender = await conn.createAppender(table);
  try {
    for (let start = 0; start < events.length; start += CHUNK_ROWS) {
      const slice = events.slice(start, start + CHUNK_ROWS);
      const columns: DuckDBValue[][] = COLUMNS.map(() => new Array<DuckDBValue>(slice.length));
      for (let r = 0; r < slice.length; r++) {
        const e = slice[r];
        const s = structural(e);
        for (let c = 0; c < N_STRUCT; c++) columns[c][r] = s[c];
        const { promoted, rest } = splitFields(e);
        for (let p = 0; p < N_PROMOTED; p++) {
          columns[N_STRUCT + p][r] = promotedValue(promoted[p], PROMOTED_FIELDS[p].type === 'int');
        }
        columns[N_STRUCT + N_PROMOTED][r] = JSON.stringify(rest);
        columns[N_STRUCT + N_PROMOTED + 1][r] = JSON.stringify(e.native);
        columns[N_STRUCT + N_PROMOTED + 2][r] = metaJson(e);
      }
      const chunk = DuckDBDataChunk.create(TYPES, slice.length);
      for (let c = 0; c < COLUMNS.length; c++) chunk.setColumnValues(c, columns[c]);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
