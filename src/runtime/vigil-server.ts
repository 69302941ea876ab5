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
import type { Authenticator } from '../server/principal.js';
import { AlertService, subjectEvents } from '../respond/index.js';
import { buildServer } from '../server/app.js';
import { SearchService } from '../search/search-service.js';
import { getSourceDefinition } from '../collector/registry.js';
import { RetentionScheduler } from './retention-scheduler.js';
import { startDetection, type DetectionService } from '../detect/live/index.js';
import { AssetContextEnricher, buildEnrichers, enrichBatch } from '../enrich/index.js';
import { createAnalyticsEngine } from '../detect/analytics/index.js';
import { createIntelDetector } from '../detect/intel/index.js';
import type { ControlDb } from '../control/control-db.js';

export interface VigilServerOptions {
  config: LoadedConfig;
  logger: Logger;
  adminToken: string;
  version: string;
  /** Tried after the admin token (user tokens, sessions; tests add fixed principals). */
  authenticators?: Authenticator[];
}

export class VigilServer {
  readonly metrics = new MetricsRegistry();
  private store!: DuckDbStore;
  private pipeline!: Pipeline;
  private app: FastifyInstance | undefined;
  private readonly sources = new Map<string, RunningComponent>();
  private retention: RetentionScheduler | undefined;
  private control!: ControlDb;
  /** Live detection and rule management (undefined when detection.enabled is false). */
  detection: DetectionService | undefined;
  /** Alerting: the detection path hands its Detections to `alerts.ingest`. Undefined when disabled. */
  alerts: AlertService | undefined;
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
    this.control = await this.store.controlDb();
    const { enrichers, warnings } = buildEnrichers(config.enrich);
    const assets = enrichers.find((e): e is AssetContextEnricher => e instanceof AssetContextEnricher);
    for (const w of warnings) logger.warn({ component: 'enrich' }, `enrichment table: ${w}`);
    if (enrichers.length) this.pipeline.setEnrich((events) => enrichBatch(enrichers, events));
    if (config.detection.enabled) {
      this.detection = await startDetection(config.detection, this.control, this.metrics, logger.child({ component: 'detection' }));
      if (config.analytics.enabled) this.detection.live.addDetector(createAnalyticsEngine(config.analytics));
      if (config.intel.enabled && config.intel.feeds.length) {
        const intel = await createIntelDetector(config.intel, Date.now());
        for (const f of intel.feeds) logger.info({ component: 'intel', feed: f }, 'threat-intel feed loaded');
        this.detection.live.addDetector(intel.detector);
      }
      this.pipeline.onEvents(this.detection.live.enqueue);
    }

    for (const s of config.resolvedSources) {
      const def = getSourceDefinition(s.type);
      if (!def) throw new Error(`source ${s.id}: unknown type ${s.type}`);
      const ctx = { id: s.id, metrics: this.metrics, logger: logger.child({ component: s.id }), dataDir: config.data_dir };
      this.sources.set(s.id, await def.build(s.config, ctx, this.pipeline));
    }

    const search = new SearchService(this.store, { default_limit: 100, max_rows: config.http.max_query_rows });
    if (config.alerting.enabled) {
      this.alerts = await AlertService.open(this.control, {
        config: config.alerting,
        store: this.store,
        search,
        metrics: this.metrics,
        logger: logger.child({ component: 'alerting' }),
        version: this.opts.version,
        ...(assets ? { criticality: (kind: string, value: string) => (kind === 'host' ? assets.criticalityOf(value) : undefined) } : {}),
      });
      const alerts = this.alerts;
      // Detections become alerts; the evaluated events go along so suppressions need not read them back.
      this.detection?.live.onDetections(async (detections, events) => {
        await alerts.ingest(detections, Date.now(), events ? { events: subjectEvents(events) } : {});
      });
    }
    this.app = await buildServer({
      config,
      store: this.store,
      pipeline: this.pipeline,
      metrics: this.metrics,
      logger,
      auth: new ChainAuthenticator([new AdminTokenAuthenticator(this.opts.adminToken), ...(this.opts.authenticators ?? [])]),
      control: this.control,
      ...(this.detection ? { detection: this.detection } : {}),
      search,
      ...(this.alerts ? { alerts: this.alerts } : {}),
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
    // Everything stored has been evaluated, and open correlation windows report, before the store closes.
    await this.detection?.live.flush();
    await this.alerts?.close();
    await this.store?.close();
    logger.info('stopped; all accepted events stored');
  }
}
