/**
 * ControlDb over one DuckDB connection. A connection runs one statement at a time and a
 * transaction is a property of the connection, so every call goes through one queue: a
 * transaction holds the queue from BEGIN to COMMIT and its statements bypass it.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { ControlDb, ControlValue } from './control-db.js';

export class DuckDbControlDb implements ControlDb {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly conn: DuckDBConnection) {}

  /** A private in-memory database, for tests and tools. */
  static async inMemory(): Promise<{ db: DuckDbControlDb; close: () => void }> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    return {
      db: new DuckDbControlDb(conn),
      close: () => {
        conn.closeSync();
        instance.closeSync();
      },
    };
  }

  run(sql: string, params: ControlValue[] = []): Promise<void> {
    return this.enqueue(() => runOn(this.conn, sql, params));
  }

  all<T = Record<string, unknown>>(sql: string, params: ControlValue[] = []): Promise<T[]> {
    return this.enqueue(() => allOn<T>(this.conn, sql, params));
  }

  transaction<T>(fn: (tx: ControlDb) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      const tx: ControlDb = {
        run: (sql, params = []) => runOn(this.conn, sql, params),
        all: <R>(sql: string, params: ControlValue[] = []) => allOn<R>(this.conn, sql, params),
        transaction: () => Promise.reject(new Error('nested control-plane transactions are not supported')),
      };
      await this.conn.run('BEGIN TRANSACTION');
      try {
        const result = await fn(tx);
        await this.conn.run('COMMIT');
        return result;
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

async function runOn(conn: DuckDBConnection, sql: string, params: ControlValue[]): Promise<void> {
  await conn.run(sql, params.length ? (params as DuckDBValue[]) : undefined);
}

async function allOn<T>(conn: DuckDBConnection, sql: string, params: ControlValue[]): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
  const columns = reader.columnNames();
  return reader.getRows().map((row) => {
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) obj[columns[i]] = plain(row[i]);
    return obj as T;
  });
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (v === null || typeof v !== 'object') return v;
  // Timestamps, decimals, lists: the control plane stores epoch ms and JSON text, so a string form is enough.
  return String(v);
}
