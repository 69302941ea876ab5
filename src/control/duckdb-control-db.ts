/**
 * ControlDb over one DuckDB connection. A connection runs one statement at a time and a
 * transaction is a property of the connection, so every call goes through one queue: a
 * transaction holds the queue from BEGIN to COMMIT and its statements bypass it.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import type { ControlDb, ControlValue } from './control-db.js';

/** Prepared statements kept per SQL text: DuckDB plans a small statement in milliseconds, the control plane repeats a few dozen. */
const MAX_PREPARED = 256;

export class DuckDbControlDb implements ControlDb {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();

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
    return this.enqueue(() => this.runNow(sql, params));
  }

  all<T = Record<string, unknown>>(sql: string, params: ControlValue[] = []): Promise<T[]> {
    return this.enqueue(() => this.allNow<T>(sql, params));
  }

  private async statement(sql: string): Promise<DuckDBPreparedStatement> {
    let s = this.prepared.get(sql);
    if (!s) {
      s = await this.conn.prepare(sql);
      if (this.prepared.size >= MAX_PREPARED) this.prepared.delete(this.prepared.keys().next().value as string);
      this.prepared.set(sql, s);
    }
    return s;
  }

  private async runNow(sql: string, params: ControlValue[]): Promise<void> {
    if (params.length === 0) return runOn(this.conn, sql, params);
    const s = await this.statement(sql);
    bindAll(s, params);
    await s.run();
  }

  private async allNow<T>(sql: string, params: ControlValue[]): Promise<T[]> {
    if (params.length === 0) return allOn<T>(this.conn, sql, params);
    const s = await this.statement(sql);
    bindAll(s, params);
    return rowsOf<T>(await s.runAndReadAll());
  }

  transaction<T>(fn: (tx: ControlDb) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      const tx: ControlDb = {
        run: (sql, params = []) => this.runNow(sql, params),
        all: <R>(sql: string, params: ControlValue[] = []) => this.allNow<R>(sql, params),
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
  return rowsOf<T>(await conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined));
}

/** Binds by value type; a null is bound as SQL NULL of the parameter's own type. */
function bindAll(s: DuckDBPreparedStatement, params: ControlValue[]): void {
  s.clearBindings();
  params.forEach((v, i) => {
    const at = i + 1;
    if (v === null || v === undefined) s.bindNull(at);
    else if (typeof v === 'string') s.bindVarchar(at, v);
    else if (typeof v === 'boolean') s.bindBoolean(at, v);
    else if (typeof v === 'bigint') s.bindBigInt(at, v);
    else if (Number.isSafeInteger(v)) s.bindBigInt(at, BigInt(v));
    else s.bindDouble(at, v);
  });
}

function rowsOf<T>(reader: { columnNames(): string[]; getRows(): unknown[][] }): T[] {
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
