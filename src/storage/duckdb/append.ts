/**
 * The staged-JSON append path (docs/adr/0004-staged-json-appends.md), now the fallback for
 * partitions whose layout the typed path (typed-append.ts, ADR 0005) does not take: a known
 * column with another type than the schema says. Each event becomes a staging row (a small
 * JSON document with the structural columns and promoted fields by position, plus the
 * remaining fields, native record and metadata as JSON text) handed to the appender of a
 * staging table; one set-based INSERT per partition then lets DuckDB's `json_transform` fill
 * the typed columns, casting by column name.
 */
import { DuckDBDataChunk, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { VigilEvent } from '../../core/event.js';
import { PROMOTED_FIELDS, allColumns, type ColumnType } from '../schema.js';
import { coerce } from '../row.js';
import { quoteIdent } from './types.js';
import { jsonText, metaText } from './json-text.js';

const CHUNK_ROWS = 2048;
export const STAGING_TABLE = 'vigil_staging';

const JSON_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  int: 'BIGINT',
  float: 'DOUBLE',
  bool: 'BOOLEAN',
  'string[]': 'VARCHAR[]',
  timestamp: 'BIGINT',
};

/** The json_transform structure: short keys keep documents small; promoted fields are p0…pN. */
const STRUCTURE: Record<string, string> = {
  id: 'VARCHAR', ts: 'BIGINT', it: 'BIGINT', src: 'VARCHAR', fmt: 'VARCHAR', lp: 'VARCHAR', ls: 'VARCHAR', lc: 'VARCHAR', tn: 'VARCHAR',
};
PROMOTED_FIELDS.forEach((c, i) => (STRUCTURE[`p${i}`] = JSON_TYPES[c.type]));

/** Column order of the partition tables (see allColumns in schema.ts). */
const SELECT_LIST = [
  's.id', 'make_timestamp(s.ts)', 'make_timestamp(s.it)', 's.src', 's.fmt', 's.lp', 's.ls', 's.lc', 's.tn',
  ...PROMOTED_FIELDS.map((_, i) => `s.p${i}`),
  'f', 'n', 'm',
].join(', ');

/** Named target columns: partitions migrated by ALTER TABLE ADD COLUMN have them in another order. */
const TARGET_COLUMNS = allColumns().map((c) => quoteIdent(c.name)).join(', ');

const promotedIndex = new Map(PROMOTED_FIELDS.map((c, i) => [c.name, i]));

/**
 * One event as its staging row: the typed values as one small JSON document for
 * json_transform, and the remaining fields, native record and metadata as JSON text that
 * DuckDB stores as is (parsing them only to write them back would double the work).
 */
export function stagingRow(e: VigilEvent): [doc: string, fields: string, native: string, meta: string] {
  const doc: Record<string, unknown> = {
    id: e.id,
    ts: Math.round(e.ts * 1000),
    it: Math.round(e.meta.ingestTime * 1000),
    src: e.meta.source,
    fmt: e.meta.format,
    lp: e.meta.logsource?.product,
    ls: e.meta.logsource?.service,
    lc: e.meta.logsource?.category,
    tn: e.meta.tenant,
  };
  const rest: Record<string, unknown> = {};
  const fields = e.fields;
  for (const key in fields) {
    const idx = promotedIndex.get(key);
    const value = fields[key];
    const coerced = idx === undefined ? undefined : coerce(value, PROMOTED_FIELDS[idx].type);
    if (coerced === undefined) rest[key] = value;
    else doc[`p${idx}`] = coerced;
  }
  return [JSON.stringify(doc), jsonText(rest), jsonText(e.native), metaText(e.meta)];
}

export async function createStagingTable(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TEMP TABLE IF NOT EXISTS ${STAGING_TABLE} (part VARCHAR, doc VARCHAR, f VARCHAR, n VARCHAR, m VARCHAR)`);
}

/**
 * Appends events already grouped by partition table through the staging table; the caller
 * holds the transaction, so these partitions commit together with the rest of the batch.
 */
export async function appendStaged(conn: DuckDBConnection, byPartition: Map<string, VigilEvent[]>): Promise<void> {
  await conn.run(`DELETE FROM ${STAGING_TABLE}`);
  const appender = await conn.createAppender(STAGING_TABLE, 'main', 'temp');
  try {
    for (const [part, events] of byPartition) {
      for (let start = 0; start < events.length; start += CHUNK_ROWS) {
        const slice = events.slice(start, start + CHUNK_ROWS);
        const rows = slice.map(stagingRow);
        const chunk = DuckDBDataChunk.create([VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR], slice.length);
        chunk.setColumnValues(0, new Array(slice.length).fill(part));
        for (let c = 0; c < 4; c++) chunk.setColumnValues(c + 1, rows.map((r) => r[c]));
        appender.appendDataChunk(chunk);
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const structure = JSON.stringify(STRUCTURE).replace(/'/g, "''");
  for (const part of byPartition.keys()) {
    await conn.run(
      `INSERT INTO ${quoteIdent(part)} (${TARGET_COLUMNS}) SELECT ${SELECT_LIST} FROM (SELECT json_transform(doc, '${structure}') AS s, f, n, m FROM ${STAGING_TABLE} WHERE part = $1)`,
      [part],
    );
  }
  await conn.run(`DELETE FROM ${STAGING_TABLE}`);
}
