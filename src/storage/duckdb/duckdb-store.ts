/**
 * The embedded store: one DuckDB database file, one table per time partition (each with an
 * ART index on `id` unless configured off: event-lookup.ts), a view `events` over all of them,
 * batched appends of typed data chunks through the appender, one transaction per batch
 * (typed-append.ts; append.ts for partitions of an unexpected layout).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { DuckDbControlDb } from '../../control/duckdb-control-db.js';
import type { VigilEvent } from '../../core/event.js';
import { RetryableError } from '../../core/errors.js';
import { allColumns } from '../schema.js';
import { parsePartitionName, partitionName, type PartitionGranularity } from '../partitions.js';
import type { BoundSql, DeadLetter, EventStore, IngestCursor, PartitionInfo, QueryResult, RetentionPolicy, RetentionResult, StoreStats } from '../store.js';
import { columnDdl, quoteIdent, timestampFromMs, toPlain } from './types.js';
import { createStagingTable } from './append.js';
import { appendBatch, readLayout, type TableLayout } from './typed-append.js';
import { applyRetention } from './retention.js';
import { rowToEvent, storedRowToEvent } from '../row-to-event.js';
import { findIndexedRow, findUnindexedRow, idIndexDdl, idIndexName, indexedPartitions } from './event-lookup.js';
import { timeFromEventId } from '../../core/ids.js';

export interface DuckDbStoreOptions {
  /** Database file path, or ':memory:'. */
  path: string;
  partition: PartitionGranularity;
  /** DuckDB memory limit, e.g. '2GB'; undefined leaves DuckDB's default (80% of RAM). */
  memory_limit?: string;
  threads?: number;
  /**
   * WAL size that triggers a checkpoint (DuckDB's default is 16MB). Larger means fewer
   * rewrites at high ingest rates (measured ~30% less CPU per event at 1GB) and a longer WAL
   * replay after a crash.
   */
  checkpoint_threshold?: string;
  /**
   * An ART index on `id` in every partition (default true): single-event lookups become index
   * scans (docs/adr/0007-id-index.md) at ~70 bytes per event on disk. false creates no new ones;
   * partitions that have one keep using it.
   */
  id_index?: boolean;
}

const TEMPLATE_TABLE = 'events_template';
const VIEW = 'events';

export class DuckDbStore implements EventStore {
  readonly dialect = 'duckdb';
  readonly eventsRelation = VIEW;
  private instance: DuckDBInstance | undefined;
  private writer: DuckDBConnection | undefined;
  private reader: DuckDBConnection | undefined;
  private readonly knownPartitions = new Set<string>();
  /** Partitions with their id index (event-lookup.ts). */
  private readonly indexed = new Set<string>();
  /** Column layout per partition for typed appends; null when the partition needs the staged-JSON path. */
  private readonly layouts = new Map<string, TableLayout | null>();
  /** Views over a run of partitions, created on demand for narrow time ranges; dropped when partitions change. */
  private readonly rangeViews = new Set<string>();
  private readonly controlConnections: DuckDBConnection[] = [];

  constructor(private readonly opts: DuckDbStoreOptions) {}

  static inDataDir(dataDir: string, partition: PartitionGranularity = 'day'): DuckDbStore {
    mkdirSync(dataDir, { recursive: true });
    return new DuckDbStore({ path: join(dataDir, 'vigil.duckdb'), partition });
  }

  async open(): Promise<void> {
    const config: Record<string, string> = {};
    if (this.opts.memory_limit) config.memory_limit = this.opts.memory_limit;
    if (this.opts.threads) config.threads = String(this.opts.threads);
    config.checkpoint_threshold = this.opts.checkpoint_threshold ?? '1GB';
    try {
      this.instance = await DuckDBInstance.create(this.opts.path, config);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new RetryableError(`cannot open DuckDB database ${this.opts.path}: ${msg}`, { cause: err });
    }
    this.writer = await this.instance.connect();
    this.reader = await this.instance.connect();
    const cols = allColumns().map(columnDdl).join(', ');
    await this.writer.run(`CREATE TABLE IF NOT EXISTS ${TEMPLATE_TABLE} (${cols})`);
    await this.writer.run(
      `CREATE TABLE IF NOT EXISTS dead_letters (time TIMESTAMP, source VARCHAR, format VARCHAR, reason VARCHAR, position VARCHAR, raw VARCHAR)`,
    );
    await this.migrateSchema();
    await createStagingTable(this.writer);
    const indexed = await indexedPartitions(this.writer);
    for (const p of await this.partitionTableNames()) {
      this.knownPartitions.add(p);
      // Partitions written by a version without the id index get it here, once.
      if (indexed.has(p) || (await this.createIdIndex(p))) this.indexed.add(p);
    }
    await this.rebuildView();
  }

  /** Creates a partition's id index if the store is configured to; true when it did. */
  private async createIdIndex(partition: string): Promise<boolean> {
    if (this.opts.id_index === false) return false;
    await this.requireWriter().run(idIndexDdl(partition));
    return true;
  }

  async append(events: VigilEvent[]): Promise<void> {
    const writer = this.requireWriter();
    const byPartition = new Map<string, VigilEvent[]>();
    for (const e of events) {
      const name = partitionName(e.ts, this.opts.partition);
      const list = byPartition.get(name);
      if (list) list.push(e);
      else byPartition.set(name, [e]);
    }
    let created = false;
    for (const name of byPartition.keys()) {
      if (this.knownPartitions.has(name)) continue;
      await writer.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} AS SELECT * FROM ${TEMPLATE_TABLE} LIMIT 0`);
      if (await this.createIdIndex(name)) this.indexed.add(name);
      this.knownPartitions.add(name);
      created = true;
    }
    if (created) await this.rebuildView();
    await appendBatch(writer, byPartition, (name) => this.layoutOf(name));
  }

  private async layoutOf(partition: string): Promise<TableLayout | undefined> {
    let layout = this.layouts.get(partition);
    if (layout === undefined) {
      layout = (await readLayout(this.requireWriter(), partition)) ?? null;
      this.layouts.set(partition, layout);
    }
    return layout ?? undefined;
  }

  /**
   * A control-plane database on the same DuckDB file (ARCHITECTURE.md §4), on its own
   * connection so that control-plane transactions never wait behind event appends.
   */
  async controlDb(): Promise<DuckDbControlDb> {
    if (!this.instance) throw new Error('store is not open');
    const conn = await this.instance.connect();
    this.controlConnections.push(conn);
    return new DuckDbControlDb(conn);
  }

  async appendDeadLetters(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const appender = await this.requireWriter().createAppender('dead_letters');
    try {
      for (const d of letters) {
        appender.appendValue(toTimestamp(d.time));
        appender.appendVarchar(d.source);
        appender.appendVarchar(d.format);
        appender.appendVarchar(d.reason);
        if (d.position === undefined) appender.appendNull();
        else appender.appendVarchar(d.position);
        appender.appendVarchar(d.raw);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async relationFor(from?: number, to?: number): Promise<string> {
    const overlapping = [...this.knownPartitions].sort().filter((name) => {
      const r = parsePartitionName(name);
      return r !== undefined && (from === undefined || r.end > from) && (to === undefined || r.start < to);
    });
    if (overlapping.length === 0) return TEMPLATE_TABLE;
    if (overlapping.length === this.knownPartitions.size) return VIEW;
    if (overlapping.length === 1) return overlapping[0];
    const name = `events_r_${overlapping[0].slice('events_p'.length)}_${overlapping[overlapping.length - 1].slice('events_p'.length)}`;
    if (!this.rangeViews.has(name)) {
      const list = allColumns().map((c) => quoteIdent(c.name)).join(', ');
      const body = overlapping.map((t) => `SELECT ${list} FROM ${quoteIdent(t)}`).join(' UNION ALL ');
      // The reader connection: DDL here must not land inside an append's transaction on the writer.
      await this.requireReader().run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS ${body}`);
      this.rangeViews.add(name);
    }
    return name;
  }

  async query(bound: BoundSql): Promise<QueryResult> {
    const reader = await this.requireReader().runAndReadAll(bound.sql, bound.params as DuckDBValue[]);
    const columns = reader.columnNames();
    const rows = reader.getRows().map((row) => {
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) obj[columns[i]] = toPlain(row[i]);
      return obj;
    });
    return { columns, rows };
  }

  /** Runs SQL and returns only the row count, without converting values (benchmarks' baseline). */
  async runRaw(bound: BoundSql): Promise<number> {
    const reader = await this.requireReader().runAndReadAll(bound.sql, bound.params as DuckDBValue[]);
    return reader.currentRowCount;
  }

  async getEvent(id: string): Promise<Record<string, unknown> | undefined> {
    const t = timeFromEventId(id);
    if (t === undefined) {
      const res = await this.query({ sql: `SELECT * FROM ${VIEW} WHERE id = $1 LIMIT 1`, params: [id] });
      return res.rows[0] ? rowToEvent(res.rows[0]) : undefined;
    }
    // Ids carry their event time: only the partition holding that millisecond can have the event.
    const partition = partitionName(t, this.opts.partition);
    if (!this.knownPartitions.has(partition)) return undefined;
    const row = this.indexed.has(partition)
      ? await findIndexedRow(this.requireReader(), partition, id)
      : await findUnindexedRow(this.requireReader(), partition, id, t);
    return row ? rowToEvent(row) : undefined;
  }

  async eventsIngestedAfter(after: IngestCursor, limit: number): Promise<VigilEvent[]> {
    const res = await this.query({
      sql:
        `SELECT epoch_us("@timestamp") AS _ts_us, epoch_ms(ingest_time) AS _ingest_ms, * FROM ${VIEW} ` +
        // The first condition alone lets zone maps skip row groups ingested before the cursor.
        'WHERE ingest_time >= $1 AND (ingest_time > $1 OR id > $2) ORDER BY ingest_time, id LIMIT $3',
      params: [toTimestamp(after.ingestTime), after.id, limit],
    });
    return res.rows.map(storedRowToEvent);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const res = await this.query({
      sql: 'SELECT epoch_ms(time) AS time, source, format, reason, position, raw FROM dead_letters ORDER BY time DESC LIMIT $1',
      params: [limit],
    });
    return res.rows.map((r) => ({
      time: Number(r.time),
      source: String(r.source),
      format: String(r.format),
      reason: String(r.reason),
      position: r.position === null ? undefined : String(r.position),
      raw: String(r.raw),
    }));
  }

  async partitions(): Promise<PartitionInfo[]> {
    const out: PartitionInfo[] = [];
    for (const name of [...this.knownPartitions].sort()) {
      const range = parsePartitionName(name);
      if (!range) continue;
      const res = await this.query({ sql: `SELECT count(*) AS n FROM ${quoteIdent(name)}`, params: [] });
      out.push({ name, ...range, rows: Number(res.rows[0].n) });
    }
    return out;
  }

  async applyRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult> {
    const result = await applyRetention(this, policy, now);
    if (result.dropped.length) {
      for (const d of result.dropped) {
        this.knownPartitions.delete(d.partition);
        this.indexed.delete(d.partition);
        this.layouts.delete(d.partition);
      }
      await this.rebuildView();
    }
    return result;
  }

  /** Used by retention: copies a partition to Parquet. */
  async archivePartition(name: string, file: string): Promise<void> {
    const path = file.replace(/'/g, "''");
    await this.requireWriter().run(`COPY ${quoteIdent(name)} TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
  }

  /** Used by retention: drops a partition table and returns its space to the database. */
  async dropPartition(name: string): Promise<void> {
    const writer = this.requireWriter();
    this.knownPartitions.delete(name);
    this.indexed.delete(name);
    this.layouts.delete(name);
    await this.rebuildView();
    await writer.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    await writer.run('CHECKPOINT');
  }

  /** Bytes of database blocks in use (what a size-based retention policy limits). */
  async usedBytes(options: { checkpoint: boolean } = { checkpoint: true }): Promise<number> {
    // Appended rows sit in the WAL until a checkpoint writes them into blocks.
    if (options.checkpoint) await this.requireWriter().run('CHECKPOINT');
    const res = await this.query({ sql: 'SELECT used_blocks, block_size FROM pragma_database_size()', params: [] });
    const row = res.rows[0];
    return row ? Number(row.used_blocks) * Number(row.block_size) : 0;
  }

  async stats(): Promise<StoreStats> {
    const parts = await this.partitions();
    const dl = await this.query({ sql: 'SELECT count(*) AS n FROM dead_letters', params: [] });
    return {
      events: parts.reduce((s, p) => s + p.rows, 0),
      dead_letters: Number(dl.rows[0].n),
      bytes: await this.usedBytes({ checkpoint: false }),
      partitions: parts.length,
    };
  }

  async checkpoint(): Promise<void> {
    await this.requireWriter().run('CHECKPOINT');
  }

  async close(): Promise<void> {
    if (!this.instance) return;
    try {
      await this.writer?.run('CHECKPOINT');
    } finally {
      this.writer?.closeSync();
      this.reader?.closeSync();
      for (const c of this.controlConnections.splice(0)) c.closeSync();
      this.instance.closeSync();
      this.instance = this.writer = this.reader = undefined;
    }
  }

  /**
   * Adds promoted columns that a newer Vigil defines to the template and to every partition,
   * so old data stays queryable and new partitions are created complete.
   */
  private async migrateSchema(): Promise<void> {
    const writer = this.requireWriter();
    const res = await writer.runAndReadAll(
      `SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND (table_name LIKE 'events_p%' OR table_name = '${TEMPLATE_TABLE}')`,
    );
    const have = new Map<string, Set<string>>();
    for (const row of res.getRowObjectsJson()) {
      const t = String(row.table_name);
      if (!have.has(t)) have.set(t, new Set());
      have.get(t)!.add(String(row.column_name));
    }
    for (const [table, cols] of have) {
      if (table !== TEMPLATE_TABLE && parsePartitionName(table) === undefined) continue;
      const missing = allColumns().filter((c) => !cols.has(c.name));
      if (!missing.length) continue;
      // DuckDB refuses ALTER TABLE on a table an index depends on; open() recreates the id index.
      await writer.run(`DROP INDEX IF EXISTS ${quoteIdent(idIndexName(table))}`);
      for (const c of missing) await writer.run(`ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${columnDdl(c)}`);
    }
  }

  private async partitionTableNames(): Promise<string[]> {
    const res = await this.query({
      sql: "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name LIKE 'events_p%'",
      params: [],
    });
    return res.rows.map((r) => String(r.table_name)).filter((n) => parsePartitionName(n) !== undefined);
  }

  /**
   * The `events` view: plain UNION ALL over the partitions with an explicit column list (a
   * partition migrated by ADD COLUMN has its columns in another order), rather than UNION ALL
   * BY NAME, whose name matching made every query's planning several times slower.
   */
  private async rebuildView(): Promise<void> {
    for (const name of this.rangeViews) await this.requireReader().run(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
    this.rangeViews.clear();
    const list = allColumns().map((c) => quoteIdent(c.name)).join(', ');
    const tables = [TEMPLATE_TABLE, ...[...this.knownPartitions].sort()];
    const body = tables.map((t) => `SELECT ${list} FROM ${quoteIdent(t)}`).join(' UNION ALL ');
    await this.requireWriter().run(`CREATE OR REPLACE VIEW ${VIEW} AS ${body}`);
  }

  private requireWriter(): DuckDBConnection {
    if (!this.writer) throw new Error('store is not open');
    return this.writer;
  }

  private requireReader(): DuckDBConnection {
    if (!this.reader) throw new Error('store is not open');
    return this.reader;
  }
}

function toTimestamp(ms: number): DuckDBValue {
  return timestampFromMs(ms);
}
