/**
 * Test helper: an in-memory DuckDB holding a few events in the stored schema's columns,
 * typed as the DuckDB store types them (VARCHAR, BIGINT, DOUBLE, VARCHAR[], TIMESTAMP; JSON
 * columns as VARCHAR holding JSON text), split over two "partition" tables behind an `events`
 * view, as the store does. Execution tests run compiled queries against it.
 */
import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { allColumns, columnFor, type ColumnType } from '../storage/schema.js';
import { newEventId } from '../core/ids.js';
import { isoMicros } from './time.js';

export interface TestEvent {
  ts: number;
  fields: Record<string, unknown>;
  native?: Record<string, unknown>;
  source?: string;
}

const SQL_TYPES: Record<ColumnType, string> = { string: 'VARCHAR', int: 'BIGINT', float: 'DOUBLE', bool: 'BOOLEAN', 'string[]': 'VARCHAR[]', timestamp: 'TIMESTAMP' };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class TestEvents {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Events before `splitAt` go to the first table, the rest to the second. */
  static async open(events: TestEvent[], splitAt = Infinity): Promise<TestEvents> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const ddl = allColumns()
      .map((c) => `${quote(c.name)} ${(c.name === 'fields' || c.name === 'native' || c.name === 'meta') ? 'VARCHAR' : SQL_TYPES[c.type]}`)
      .join(', ');
    for (const t of ['events_p1', 'events_p2']) await connection.run(`CREATE TABLE ${t} (${ddl})`);
    const db = new TestEvents(instance, connection);
    for (const e of events) await db.insert(e.ts < splitAt ? 'events_p1' : 'events_p2', e);
    await connection.run('CREATE VIEW events AS SELECT * FROM events_p1 UNION ALL BY NAME SELECT * FROM events_p2');
    return db;
  }

  private async insert(table: string, e: TestEvent): Promise<void> {
    const row: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.fields)) {
      const col = columnFor(k);
      if (!col || col.type === 'timestamp') rest[k] = v;
      else if (col.type === 'string[]') {
        row[k] = listValue((Array.isArray(v) ? v : [v]).map(String));
        types[k] = LIST(VARCHAR);
      } else row[k] = v as DuckDBValue;
    }
    row.id = newEventId(e.ts);
    row.source = e.source ?? 'test';
    row.fields = JSON.stringify(rest);
    row.native = JSON.stringify(e.native ?? {});
    row.meta = JSON.stringify({ source: row.source });
    const names = Object.keys(row);
    const values = names.map((n) => row[n]);
    const placeholders = names.map((n, i) => `$${i + 1}`);
    const cols = [...names.map(quote), '"@timestamp"', '"ingest_time"'];
    const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders.join(', ')}, CAST($${names.length + 1} AS TIMESTAMP), CAST($${names.length + 1} AS TIMESTAMP))`;
    await this.connection.run(sql, [...values, isoMicros(e.ts)], names.map((n) => types[n]).concat([VARCHAR]) as DuckDBType[]);
  }

  async rows(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    const reader = await this.connection.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
