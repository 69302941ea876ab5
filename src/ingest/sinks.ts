/**
 * Where `vigil ingest` sends decoded batches: straight into the store of a data directory,
 * or to a running server's ingest API (pre-normalized, gzip, retried while the server is
 * busy or restarting).
 */
import { gzipSync } from 'node:zlib';
import type { SourceBatch } from '../core/component.js';
import { MetricsRegistry } from '../core/metrics.js';
import { RetryableError } from '../core/errors.js';
import { withRetry } from '../core/retry.js';
import type { Logger } from '../core/component.js';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';
import { Pipeline } from '../pipeline/pipeline.js';

export interface IngestSink {
  /** Resolves when the batch's records are stored; returns how many were. */
  send(batch: SourceBatch): Promise<number>;
  close(): Promise<void>;
}

export class LocalStoreSink implements IngestSink {
  private readonly pipeline: Pipeline;

  private constructor(private readonly store: DuckDbStore, logger: Logger) {
    this.pipeline = new Pipeline(store, new MetricsRegistry(), logger);
  }

  static async open(dataDir: string, logger: Logger): Promise<LocalStoreSink> {
    const store = DuckDbStore.inDataDir(dataDir);
    try {
      await store.open();
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const hint = /lock/i.test(msg) ? ' (is `vigil serve` running on it? use --server URL --token T instead)' : '';
      throw new Error(`${msg}${hint}`);
    }
    return new LocalStoreSink(store, logger);
  }

  async send(batch: SourceBatch): Promise<number> {
    const res = await this.pipeline.accept(batch);
    return res.accepted;
  }

  async close(): Promise<void> {
    await this.pipeline.close();
    await this.store.close();
  }
}

export class ServerSink implements IngestSink {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async send(batch: SourceBatch): Promise<number> {
    if (batch.records.length === 0) return 0;
    const lines = batch.records.map((r) => JSON.stringify({ ts: r.ts, fields: r.fields, native: r.native, logsource: r.logsource, warnings: r.warnings }));
    const body = gzipSync(lines.join('\n'));
    const url = new URL('/api/v1/ingest', this.baseUrl);
    url.searchParams.set('format', 'vigil');
    url.searchParams.set('source', batch.source);
    return withRetry(async () => {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.token}`, 'content-encoding': 'gzip', 'content-type': 'application/x-ndjson' },
          body,
        });
      } catch (err) {
        throw new RetryableError(`cannot reach ${this.baseUrl}: ${(err as Error).message}`);
      }
      const text = await res.text();
      if (res.status === 429 || res.status === 503) throw new RetryableError(`server busy (${res.status})`);
      if (!res.ok) throw new Error(`server answered ${res.status}: ${text.slice(0, 500)}`);
      return (JSON.parse(text) as { accepted: number }).accepted;
    });
  }

  async close(): Promise<void> {}
}
