/**
 * Counters and gauges with labels, rendered as Prometheus text and as JSON for /api/v1/health.
 * Every component counts what it received, emitted, and dropped (with a reason), so an
 * operator can always answer "where did the rest go".
 */
export type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  return keys.map((k) => `${k}=${labels[k]}`).join(',');
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export class Metric {
  private readonly series = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
  ) {}

  inc(labels: Labels = {}, n = 1): void {
    const key = labelKey(labels);
    const s = this.series.get(key);
    if (s) s.value += n;
    else this.series.set(key, { labels: { ...labels }, value: n });
  }

  set(labels: Labels, value: number): void {
    const key = labelKey(labels);
    const s = this.series.get(key);
    if (s) s.value = value;
    else this.series.set(key, { labels: { ...labels }, value });
  }

  get(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.value ?? 0;
  }

  /** Sum over all series whose labels include `filter`. */
  sum(filter: Labels = {}): number {
    let total = 0;
    for (const s of this.series.values()) {
      if (Object.entries(filter).every(([k, v]) => s.labels[k] === v)) total += s.value;
    }
    return total;
  }

  entries(): Array<{ labels: Labels; value: number }> {
    return [...this.series.values()].map((s) => ({ labels: { ...s.labels }, value: s.value }));
  }

  renderPrometheus(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const s of this.series.values()) {
      const keys = Object.keys(s.labels).sort();
      const l = keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(s.labels[k])}"`).join(',')}}` : '';
      lines.push(`${this.name}${l} ${s.value}`);
    }
    return lines.join('\n');
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Metric {
    return this.getOrCreate(name, help, 'counter');
  }

  gauge(name: string, help: string): Metric {
    return this.getOrCreate(name, help, 'gauge');
  }

  find(name: string): Metric | undefined {
    return this.metrics.get(name);
  }

  all(): Metric[] {
    return [...this.metrics.values()];
  }

  renderPrometheus(): string {
    return this.all().map((m) => m.renderPrometheus()).join('\n') + '\n';
  }

  private getOrCreate(name: string, help: string, type: 'counter' | 'gauge'): Metric {
    const existing = this.metrics.get(name);
    if (existing) {
      if (existing.type !== type) throw new Error(`metric ${name} already registered as ${existing.type}`);
      return existing;
    }
    const m = new Metric(name, help, type);
    this.metrics.set(name, m);
    return m;
  }
}

/**
 * The standard counters of one component instance. Names are shared by all components
 * so dashboards and health can sum them: received → emitted + dropped(reason).
 */
export class ComponentCounters {
  private readonly receivedM: Metric;
  private readonly emittedM: Metric;
  private readonly droppedM: Metric;
  private readonly failedM: Metric;

  constructor(
    registry: MetricsRegistry,
    readonly component: string,
    readonly kind: string,
  ) {
    this.receivedM = registry.counter('vigil_component_received_total', 'Records received by a component');
    this.emittedM = registry.counter('vigil_component_emitted_total', 'Records a component passed on');
    this.droppedM = registry.counter('vigil_component_dropped_total', 'Records a component dropped, by reason');
    this.failedM = registry.counter('vigil_component_failed_total', 'Retryable failures of a component, by reason');
  }

  private labels(extra: Labels = {}): Labels {
    return { component: this.component, kind: this.kind, ...extra };
  }

  received(n = 1, source?: string): void {
    this.receivedM.inc(this.labels(source ? { source } : {}), n);
  }

  emitted(n = 1, source?: string): void {
    this.emittedM.inc(this.labels(source ? { source } : {}), n);
  }

  dropped(reason: string, n = 1, source?: string): void {
    this.droppedM.inc(this.labels(source ? { reason, source } : { reason }), n);
  }

  failed(reason: string, n = 1): void {
    this.failedM.inc(this.labels({ reason }), n);
  }
}
