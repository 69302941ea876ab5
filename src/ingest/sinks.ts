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
import type { Logger as PinoLogger } from 'pino';
import { loadConfig } from '../config/load.js';
import { openProcessingStack, type ProcessingStack } from '../runtime/processing-stack.js';

export interface IngestSink {
  /** Resolves when the batch's records are stored; returns how many were. */
  send(batch: SourceBatch): Promise<number>;
  close(): Promise<void>;
}

export class LocalStoreSink implements IngestSink {
  private constructor(readonly stack: ProcessingStack, private readonly metrics: MetricsRegistry) {}

  /**
   * The data directory's store with the same processing as the server (enrichment, detection,
   * alerting), configured by `configFile` (or ./vigil.yaml, or the defaults).
   */
  static async open(dataDir: string, logger: Logger, opts: { configFile?: string; cwd?: string; version?: string } = {}): Promise<LocalStoreSink> {
    const { config } = loadConfig(opts.configFile, opts.cwd ?? process.cwd(), { data_dir: dataDir });
    const metrics = new MetricsRegistry();
    try {
      return new LocalStoreSink(await openProcessingStack(config, logger as PinoLogger, metrics, opts.version ?? 'cli'), metrics);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const hint = /lock/i.test(msg) ? ' (is `vigil serve` running on it? use --server URL --token T instead)' : '';
      throw new Error(`${msg}${hint}`);
    }
  }

  async send(batch: SourceBatch): Promise<number> {
    const res = await this.stack.pipeline.accept(batch);
    return res.accepted;
  }

  /** Detections by level so far (after close: all of them). */
  detectionsByLevel(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.metrics.find('vigil_detections_total')?.entries() ?? []) {
      const level = s.labels.level ?? 'unknown';
      out[level] = (out[level] ?? 0) + s.value;
    }
    return out;
  }

  /** Incidents open after the last close (undefined when alerting is off or before close). */
  openIncidents: number | undefined;

  async close(): Promise<void> {
    // Drain first so every stored event is evaluated and alerted on, then count, then close.
    await this.stack.drain();
    if (this.stack.alerts) this.openIncidents = (await this.stack.alerts.listIncidents({ status: ['open', 'in_progress'], limit: 1, offset: 0 })).total;
    await this.stack.close();
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
