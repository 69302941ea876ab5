/**
 * The control-plane database contract (ARCHITECTURE.md §4): users, sessions, rules, alerts,
 * incidents, notification deliveries and the audit trail. Embedded DuckDB by default (the same
 * database file as the events, another connection); PostgreSQL when scaled out.
 *
 * SQL handed to it stays in the portable subset both speak: `$1`-style placeholders, types
 * VARCHAR / BIGINT / DOUBLE / BOOLEAN, JSON kept as VARCHAR text, `CREATE TABLE IF NOT EXISTS`,
 * `INSERT ... ON CONFLICT`. Each feature owns its tables and creates them in its own
 * `migrate(db)`; nothing else touches them.
 */
export type ControlValue = string | number | bigint | boolean | null;

export interface ControlDb {
  /** Runs a statement that returns no rows. */
  run(sql: string, params?: ControlValue[]): Promise<void>;
  /** Runs a query; BIGINT values come back as numbers when they fit, as bigint otherwise. */
  all<T = Record<string, unknown>>(sql: string, params?: ControlValue[]): Promise<T[]>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Transactions are serialized; statements outside a transaction wait for the running one.
   */
  transaction<T>(fn: (tx: ControlDb) => Promise<T>): Promise<T>;
}
