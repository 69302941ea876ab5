/** Applies the retention policy at start and then every check_interval_ms. */
import type { Logger } from 'pino';
import type { MetricsRegistry } from '../core/metrics.js';
import type { EventStore, RetentionPolicy } from '../storage/store.js';

export class RetentionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly policy: RetentionPolicy & { check_interval_ms: number },
    private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  start(): void {
    this.runOnce();
    this.timer = setInterval(() => this.runOnce(), this.policy.check_interval_ms);
    this.timer.unref();
  }

  /** No new runs; resolves when a run in progress has finished (the store must not close under it). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  runOnce(): Promise<void> {
    this.running ??= this.store
      .applyRetention(this.policy, Date.now())
      .then((res) => {
        const expired = this.metrics.counter('vigil_retention_expired_events_total', 'Events removed by retention, by reason');
        for (const d of res.dropped) {
          expired.inc({ reason: d.reason }, d.rows);
          this.logger.info({ partition: d.partition, rows: d.rows, reason: d.reason, archived_to: d.archived_to }, 'partition expired');
        }
      })
      .catch((err) => this.logger.error({ err: String(err) }, 'retention failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
