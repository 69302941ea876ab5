/**
 * Counters of one syslog source: the shared component counters (received → emitted +
 * dropped{reason}) plus what only a network listener has: connections and why some were
 * refused, and how many messages had invalid UTF-8 (kept, with a warning).
 */
import { ComponentCounters, type Metric, type MetricsRegistry } from '../../core/index.js';

export type DropReason = 'oversized' | 'rate_limited' | 'invalid_frame' | 'overload' | 'emit_failed' | 'shutdown';

export class SyslogSourceMetrics {
  readonly counters: ComponentCounters;
  private readonly connectionsOpened: Metric;
  private readonly connectionsRefused: Metric;
  private readonly connectionsOpen: Metric;
  private readonly invalidUtf8: Metric;
  private readonly dropsByReason = new Map<string, number>();
  received = 0;
  emitted = 0;
  // Registry series are keyed by sorted label strings, which costs more than parsing a short
  // message; per-datagram increments are summed here and written once per event-loop turn.
  private pendingReceived = 0;
  private syncScheduled = false;

  constructor(registry: MetricsRegistry, readonly id: string) {
    this.counters = new ComponentCounters(registry, id, 'source');
    this.connectionsOpened = registry.counter('vigil_syslog_connections_opened_total', 'Syslog TCP/TLS connections accepted');
    this.connectionsRefused = registry.counter('vigil_syslog_connections_refused_total', 'Syslog TCP/TLS connections refused or failed, by reason');
    this.connectionsOpen = registry.gauge('vigil_syslog_connections_open', 'Syslog TCP/TLS connections currently open');
    this.invalidUtf8 = registry.counter('vigil_syslog_invalid_utf8_total', 'Syslog messages whose invalid UTF-8 was replaced with U+FFFD');
  }

  messageReceived(n = 1): void {
    this.received += n;
    this.pendingReceived += n;
    if (!this.syncScheduled) {
      this.syncScheduled = true;
      setImmediate(() => this.sync());
    }
  }

  /** Writes pending increments to the registry (also done at every health read). */
  sync(): void {
    this.syncScheduled = false;
    if (this.pendingReceived > 0) {
      this.counters.received(this.pendingReceived);
      this.pendingReceived = 0;
    }
  }

  messagesEmitted(n: number): void {
    this.emitted += n;
    this.counters.emitted(n);
  }

  dropped(reason: DropReason, n = 1): void {
    if (n <= 0) return;
    this.dropsByReason.set(reason, (this.dropsByReason.get(reason) ?? 0) + n);
    this.counters.dropped(reason, n);
  }

  invalidUtf8Seen(n = 1): void {
    this.invalidUtf8.inc({ component: this.id }, n);
  }

  connectionOpened(open: number): void {
    this.connectionsOpened.inc({ component: this.id });
    this.connectionsOpen.set({ component: this.id }, open);
  }

  connectionClosed(open: number): void {
    this.connectionsOpen.set({ component: this.id }, open);
  }

  connectionRefused(reason: string): void {
    this.connectionsRefused.inc({ component: this.id, reason });
  }

  drops(): Record<string, number> {
    this.sync();
    return Object.fromEntries(this.dropsByReason);
  }

  refusals(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.connectionsRefused.entries()) if (e.labels.component === this.id) out[e.labels.reason] = e.value;
    return out;
  }
}
