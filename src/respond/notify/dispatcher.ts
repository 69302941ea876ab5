/**
 * Notification rules → channels, delivered in the background with jittered exponential backoff
 * (core/retry.ts's backoff) and a delivery log row per channel and notification: attempts,
 * status, last error. Ingest never waits for a channel; `idle()` waits for every delivery in
 * flight (tests, shutdown). Error texts are checked for the channels' secrets before they are
 * stored or logged.
 */
import type { Logger } from 'pino';
import type { ControlDb } from '../../control/control-db.js';
import { isRetryable } from '../../core/errors.js';
import type { MetricsRegistry, Metric } from '../../core/metrics.js';
import { backoffDelay } from '../../core/retry.js';
import type { AlertingConfig, ChannelConfig } from '../config.js';
import { levelRank, type Delivery, type DeliveryStatus } from '../model.js';
import { globMatches } from '../suppress/conditions.js';
import { newId, num, str, strOrNull, Where } from '../store/rows.js';
import type { Notification, Notifier } from './notification.js';

type NotificationsConfig = AlertingConfig['notifications'];

export interface DispatcherOptions {
  clock?: () => number;
  /** Waits between attempts; tests pass one that records the delay and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class NotificationDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outcomes: Metric;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly secrets: string[];

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
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref?.()));
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
    for (const channel of this.channelsFor(n)) {
      const p = this.deliver(channel, n).catch((err) => this.logger?.error({ channel, err: this.redact(String(err)) }, 'notification delivery bookkeeping failed'));
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async deliver(channel: string, n: Notification): Promise<void> {
    const notifier = this.notifiers.get(channel);
    const type = this.cfg.channels[channel]?.type ?? 'unknown';
    const id = newId('dl', this.clock());
    const created = this.clock();
    await this.db.run('INSERT INTO respond_deliveries VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
      id, channel, type, n.trigger, n.alert?.id ?? null, n.incident?.id ?? null, 'pending', 0, null, created, created,
    ]);
    const max = this.cfg.retry.max_attempts;
    for (let attempt = 1; ; attempt++) {
      let error: string | null = null;
      let retry = false;
      try {
        if (!notifier) throw new Error(`no notifier for channel ${channel}`);
        await notifier.send(n, this.clock());
      } catch (err) {
        error = this.redact(err instanceof Error ? err.message : String(err));
        retry = isRetryable(err) && attempt < max;
      }
      const status: DeliveryStatus = error === null ? 'delivered' : retry ? 'pending' : 'failed';
      // A delivery that succeeded after retries keeps the error of its last failed attempt.
      await this.db.run('UPDATE respond_deliveries SET status = $2, attempts = $3, last_error = COALESCE($4, last_error), updated_at = $5 WHERE id = $1', [id, status, attempt, error, this.clock()]);
      if (status === 'delivered') {
        this.outcomes.inc({ channel, outcome: 'sent' });
        return;
      }
      if (status === 'failed') {
        this.outcomes.inc({ channel, outcome: 'failed' });
        this.logger?.warn({ channel, type, attempts: attempt, error }, 'notification failed');
        return;
      }
      this.outcomes.inc({ channel, outcome: 'retried' });
      await this.sleep(backoffDelay(attempt - 1, { max_attempts: max, initial_backoff_ms: this.cfg.retry.initial_backoff_ms, max_backoff_ms: this.cfg.retry.max_backoff_ms }, this.random));
    }
  }

  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
    return out;
  }

  close(): void {
    for (const n of this.notifiers.values()) n.close?.();
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

export async function listDeliveries(db: ControlDb, f: { status?: DeliveryStatus; channel?: string; alert?: string; incident?: string; limit: number; offset: number }): Promise<Delivery[]> {
  const w = new Where();
  if (f.status) w.add((p) => `status = ${p(f.status!)}`);
  if (f.channel) w.add((p) => `channel = ${p(f.channel!)}`);
  if (f.alert) w.add((p) => `alert_id = ${p(f.alert!)}`);
  if (f.incident) w.add((p) => `incident_id = ${p(f.incident!)}`);
  const rows = await db.all(`SELECT * FROM respond_deliveries ${w.sql()} ORDER BY created_at DESC, id DESC LIMIT ${w.param(f.limit)} OFFSET ${w.param(f.offset)}`, w.params);
  return rows.map((r) => ({
    id: str(r.id), channel: str(r.channel), channel_type: str(r.channel_type), trigger: str(r.trigger), alert_id: strOrNull(r.alert_id), incident_id: strOrNull(r.incident_id),
    status: str(r.status) as DeliveryStatus, attempts: num(r.attempts), last_error: strOrNull(r.last_error), created_at: num(r.created_at), updated_at: num(r.updated_at),
  }));
}
