/**
 * The all-in-one server: store, pipeline, sources, retention and the HTTP API, started in
 * order and stopped in reverse. Shutdown refuses new work, lets in-flight requests finish,
 * stops sources (they flush partial input), flushes the pipeline, then closes the store:
 * everything that was acknowledged is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { MetricsRegistry } from '../core/metrics.js';
import type { RunningComponent } from '../core/component.js';
import type { LoadedConfig } from '../config/load.js';
import { AdminTokenAuthenticator, ChainAuthenticator } from '../server/auth.js';
import type { Authenticator } from '../server/principal.js';
import { IdentityAuthenticator } from '../control/identity/index.js';
import { openConsoleServices } from '../server/console/index.js';
import { buildServer } from '../server/app.js';
import { getSourceDefinition } from '../collector/registry.js';
import { RetentionScheduler } from './retention-scheduler.js';
import { openProcessingStack, type ProcessingStack } from './processing-stack.js';
import type { DetectionService } from '../detect/live/index.js';
import type { AlertService } from '../respond/index.js';

export interface VigilServerOptions {
  config: LoadedConfig;
  logger: Logger;
  adminToken: string;
  version: string;
  /** Tried after the admin token (user tokens, sessions; tests add fixed principals). */
  authenticators?: Authenticator[];
  /** Creates the user `admin` with this password when there are no users yet (env VIGIL_ADMIN_PASSWORD). */
  adminPassword?: string;
}

export class VigilServer {
  readonly metrics = new MetricsRegistry();
  private app: FastifyInstance | undefined;
  private readonly sources = new Map<string, RunningComponent>();
  private retention: RetentionScheduler | undefined;
  private stack: ProcessingStack | undefined;
  /** Live detection and rule management (undefined when detection.enabled is false). */
  get detection(): DetectionService | undefined {
    return this.stack?.detection;
  }
  /** Alerting: the detection path hands its Detections to `alerts.ingest`. Undefined when disabled. */
  get alerts(): AlertService | undefined {
    return this.stack?.alerts;
  }
  private shuttingDown = false;
  private stopped: Promise<void> | undefined;
  url = '';

  constructor(private readonly opts: VigilServerOptions) {}

  async start(): Promise<void> {
    const { config, logger } = this.opts;
    this.stack = await openProcessingStack(config, logger, this.metrics, this.opts.version);
    const { store, pipeline, control, search, detection, alerts, context } = this.stack;

    for (const s of config.resolvedSources) {
      const def = getSourceDefinition(s.type);
      if (!def) throw new Error(`source ${s.id}: unknown type ${s.type}`);
      const ctx = { id: s.id, metrics: this.metrics, logger: logger.child({ component: s.id }), dataDir: config.data_dir };
      this.sources.set(s.id, await def.build(s.config, ctx, pipeline));
    }

    const consoleServices = await openConsoleServices(control, { adminPassword: this.opts.adminPassword });
    if (consoleServices.bootstrapped) logger.info({ user: consoleServices.bootstrapped }, 'created the first admin user from VIGIL_ADMIN_PASSWORD');
    this.app = await buildServer({
      config,
      store,
      pipeline,
      metrics: this.metrics,
      logger,
      // The bootstrap admin token first, then users' API tokens and console sessions.
      auth: new ChainAuthenticator([
        new AdminTokenAuthenticator(this.opts.adminToken),
        ...(this.opts.authenticators ?? []),
        new IdentityAuthenticator(consoleServices.identity),
      ]),
      control,
      console: consoleServices,
      ...(detection ? { detection } : {}),
      ...(context ? { context } : {}),
      search,
      ...(alerts ? { alerts } : {}),
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
    this.retention = new RetentionScheduler(store, config.retention, logger, this.metrics);
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
    await this.retention?.stop();
    for (const [id, source] of this.sources) {
      try {
        await source.stop(deadline);
      } catch (err) {
        logger.error({ source: id, err: String(err) }, 'source did not stop cleanly');
      }
    }
    await this.app?.close();
    await this.stack?.close();
    logger.info('stopped; all accepted events stored');
  }
}
