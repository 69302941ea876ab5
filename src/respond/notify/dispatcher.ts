/**
 * Notification rules → channels, delivered in the background with jittered exponential backoff
 * (core/retry.ts's backoff) and a delivery log row per channel and notification: attempts,
 * status, last error. Ingest never waits for a channel; `idle()` waits for every delivery in
 * flight (tests). `close()` stops waiting between attempts: what is not delivered stays
 * `pending` and `resume()` picks it up at the next start. Error texts are checked for the
 * channels' secrets before they are stored or logged.
 */
import type { Logger } from 'pino';
import type { ControlDb } from '../../control/control-db.js';
import { isRetryable } from '../../core/errors.js';
import type { MetricsRegistry, Metric } from '../../core/metrics.js';
import { backoffDelay } from '../../core/retry.js';
import type { AlertingConfig, ChannelConfig } from '../config.js';
import { levelRank, type DeliveryStatus } from '../model.js';
import { globMatches } from '../suppress/conditions.js';
import { newId } from '../store/rows.js';
import { insertDelivery, pendingDeliveries, recordAttempt } from './delivery-log.js';
import type { Notification, Notifier } from './notification.js';

type NotificationsConfig = AlertingConfig['notifications'];

export interface DispatcherOptions {
  clock?: () => number;
  /** Waits between attempts (resolving early on abort); tests record the delay and return at once. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export class NotificationDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outcomes: Metric;
  private readonly clock: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly secrets: string[];
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: ControlDb,
    private readonly cfg: NotificationsConfig,
    private readonly notifiers: ReadonlyMap<string, Notifier>,
    metrics: MetricsRegistry,
    private readonly logger: Logger | undefined,
    opts: DispatcherOptions = {},
  ) {
    this.outcomes = metrics.counter('vigil_notifications_total', 'Notification deliveries, by channel and outcome (sent, failed, retried)');
    this.clock = opts.clock ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
    this.random = opts.random ?? Math.random;
    this.secrets = Object.values(cfg.channels).flatMap(secretsOf);
  }

  /** The channels whose rules select this notification (each channel once). */
  channelsFor(n: Notification): string[] {
    const out = new Set<string>();
    for (const rule of this.cfg.rules) {
      if (!rule.on.includes(n.trigger)) continue;
      if (levelRank(n.level) < levelRank(rule.min_level)) continue;
      if (rule.rules && !n.rule_ids.some((id) => rule.rules!.some((p) => globMatches(p, id)))) continue;
      for (const c of rule.channels) out.add(c);
    }
    return [...out];
  }

  notify(n: Notification): void {
    for (const channel of this.channelsFor(n)) this.track(channel, this.start(channel, n));
  }

  /** Continues the deliveries left pending by the previous run. */
  async resume(): Promise<number> {
    const pending = await pendingDeliveries(this.db);
    for (const p of pending) {
      if (p.notification && this.notifiers.has(p.channel)) this.track(p.channel, this.attempts(p.id, p.channel, p.notification, p.attempts));
      else await recordAttempt(this.db, p.id, 'failed', p.attempts, `channel ${p.channel} is no longer configured`, this.clock());
    }
    return pending.length;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Stops retrying (what is left stays pending) and waits for attempts under way. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.idle();
    for (const n of this.notifiers.values()) n.close?.();
  }

  private track(channel: string, work: Promise<void>): void {
    const p = work.catch((err) => this.logger?.error({ channel, err: this.redact(String(err)) }, 'notification delivery bookkeeping failed'));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async start(channel: string, n: Notification): Promise<void> {
    const now = this.clock();
    const id = newId('dl', now);
    await insertDelivery(this.db, {
      id, channel, channel_type: this.cfg.channels[channel]?.type ?? 'unknown', trigger: n.trigger, alert_id: n.alert?.id ?? null,
      incident_id: n.incident?.id ?? null, status: 'pending', attempts: 0, created_at: now, updated_at: now,
    }, n);
    await this.attempts(id, channel, n, 0);
  }

  private async attempts(id: string, channel: string, n: Notification, done: number): Promise<void> {
    const notifier = this.notifiers.get(channel)!;
    const max = this.cfg.retry.max_attempts;
    for (let attempt = done + 1; !this.stopping.signal.aborted; attempt++) {
      let error: string | null = null;
      let retry = false;
      try {
        await notifier.send(n, this.clock());
      } catch (err) {
        error = this.redact(err instanceof Error ? err.message : String(err));
        retry = isRetryable(err) && attempt < max;
      }
      const status: DeliveryStatus = error === null ? 'delivered' : retry ? 'pending' : 'failed';
      await recordAttempt(this.db, id, status, attempt, error, this.clock());
      if (status === 'delivered' || status === 'failed') {
        this.outcomes.inc({ channel, outcome: status === 'delivered' ? 'sent' : 'failed' });
        if (status === 'failed') this.logger?.warn({ channel, attempts: attempt, error }, 'notification failed');
        return;
      }
      this.outcomes.inc({ channel, outcome: 'retried' });
      const retry_ = { max_attempts: max, initial_backoff_ms: this.cfg.retry.initial_backoff_ms, max_backoff_ms: this.cfg.retry.max_backoff_ms };
      await this.sleep(backoffDelay(attempt - 1, retry_, this.random), this.stopping.signal);
    }
  }

  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
    return out;
  }
}

/** Values that must never appear in logs or the delivery log (URLs of webhooks often are secrets). */
function secretsOf(c: ChannelConfig): string[] {
  switch (c.type) {
    case 'webhook': return [c.url, ...(c.secret ? [c.secret] : []), ...Object.values(c.headers)];
    case 'slack': return [c.url];
    case 'email': return c.password ? [c.password] : [];
    case 'syslog': return [];
  }
}
