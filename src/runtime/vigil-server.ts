/**
 * The all-in-one server: store, pipeline, sources, retention and the HTTP API, started in
 * order and stopped in reverse. Shutdown refuses new work, lets in-flight requests finish,
 * stops sources (they flush partial input), flushes the pipeline, then closes the store:
 * everything that was acknowledged is stored.
 */
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { MetricsRegistry } from '../core/metrics.js';
import type { RunningComponent } from '../core/component.js';
import type { LoadedConfig } from '../config/load.js';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { AdminTokenAuthenticator, ChainAuthenticator } from '../server/auth.js';
import { IdentityAuthenticator } from '../control/identity/index.js';
import { openConsoleServices } from '../server/console/index.js';
import { buildServer } from '../server/app.js';
import { SearchService } from '../search/search-service.js';
import { getSourceDefinition } from '../collector/registry.js';
import { RetentionScheduler } from './retention-scheduler.js';

export interface VigilServerOptions {
  config: LoadedConfig;
  logger: Logger;
  adminToken: string;
  version: string;
  /** Creates the user `admin` with this password when there are no users yet (env VIGIL_ADMIN_PASSWORD). */
  adminPassword?: string;
}

export class VigilServer {
  readonly metrics = new MetricsRegistry();
  private store!: DuckDbStore;
  private pipeline!: Pipeline;
  private app: FastifyInstance | undefined;
  private readonly sources = new Map<string, RunningComponent>();
  private retention: RetentionScheduler | undefined;
  private shuttingDown = false;
  private stopped: Promise<void> | undefined;
  url = '';

  constructor(private readonly opts: VigilServerOptions) {}

  async start(): Promise<void> {
    const { config, logger } = this.opts;
    this.store = new DuckDbStore({
      path: `${config.data_dir}/vigil.duckdb`,
      partition: config.store.partition,
      memory_limit: config.store.memory_limit,
      threads: config.store.threads,
      checkpoint_threshold: config.store.checkpoint_threshold,
    });
    mkdirSync(config.data_dir, { recursive: true });
    await this.store.open();
    this.pipeline = new Pipeline(this.store, this.metrics, logger, config.pipeline);

    for (const s of config.resolvedSources) {
      const def = getSourceDefinition(s.type);
      if (!def) throw new Error(`source ${s.id}: unknown type ${s.type}`);
      const ctx = { id: s.id, metrics: this.metrics, logger: logger.child({ component: s.id }), dataDir: config.data_dir };
      this.sources.set(s.id, await def.build(s.config, ctx, this.pipeline));
    }

    const control = await this.store.controlDb();
    const consoleServices = await openConsoleServices(control, { adminPassword: this.opts.adminPassword });
    if (consoleServices.bootstrapped) logger.info({ user: consoleServices.bootstrapped }, 'created the first admin user from VIGIL_ADMIN_PASSWORD');
    this.app = await buildServer({
      config,
      store: this.store,
      pipeline: this.pipeline,
      metrics: this.metrics,
      logger,
      // The bootstrap admin token first, then users' API tokens and console sessions.
      auth: new ChainAuthenticator([new AdminTokenAuthenticator(this.opts.adminToken), new IdentityAuthenticator(consoleServices.identity)]),
      control,
      console: consoleServices,
      search: new SearchService(this.store, { default_limit: 100, max_rows: config.http.max_query_rows }),
      health: {
        version: this.opts.version,
        startedAt: Date.now(),
        componentState: () => Object.fromEntries([...this.sources].map(([id, c]) => [id, c.health?.() ?? {}])),
      },
      isShuttingDown: () => this.shuttingDown,
    });
    for (const [id, source] of this.sources) {
      await source.start();
      logger.info({ source: id }, 'source started');
    }
    const { host, port } = config.http.address;
    const address = await this.app.listen({ host, port });
    this.url = address;
    this.retention = new RetentionScheduler(this.store, config.retention, logger, this.metrics);
    this.retention.start();
  }

  /** Idempotent. Everything acknowledged before the call is stored when it resolves. */
  stop(deadline: number): Promise<void> {
    this.stopped ??= this.doStop(deadline);
    return this.stopped;
  }

  private async doStop(deadline: number): Promise<void> {
    const { logger } = this.opts;
    this.shuttingDown = true;
    this.retention?.stop();
    for (const [id, source] of this.sources) {
      try {
        await source.stop(deadline);
      } catch (err) {
        logger.error({ source: id, err: String(err) }, 'source did not stop cleanly');
      }
    }
    await this.app?.close();
    await this.pipeline?.close();
    await this.store?.close();
    logger.info('stopped; all accepted events stored');
  }
}
