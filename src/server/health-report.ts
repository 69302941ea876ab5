/**
 * The health report: per-source and per-component counters read back from the metrics
 * registry, so /api/v1/health and /metrics can never disagree.
 */
import type { Labels, MetricsRegistry } from '../core/metrics.js';

export interface SourceHealth {
  received: number;
  stored: number;
  evaluated: number;
  rejected: Record<string, number>;
  dropped: Record<string, number>;
}

export interface ComponentHealth {
  kind: string;
  received: number;
  emitted: number;
  dropped: Record<string, number>;
  failed: Record<string, number>;
  [extra: string]: unknown;
}

function entries(metrics: MetricsRegistry, name: string): Array<{ labels: Labels; value: number }> {
  return metrics.find(name)?.entries() ?? [];
}

export function sourceHealth(metrics: MetricsRegistry): Record<string, SourceHealth> {
  const out: Record<string, SourceHealth> = {};
  const get = (s: string) => (out[s] ??= { received: 0, stored: 0, evaluated: 0, rejected: {}, dropped: {} });
  for (const e of entries(metrics, 'vigil_events_received_total')) get(e.labels.source).received += e.value;
  for (const e of entries(metrics, 'vigil_events_stored_total')) get(e.labels.source).stored += e.value;
  for (const e of entries(metrics, 'vigil_events_evaluated_total')) get(e.labels.source).evaluated += e.value;
  for (const e of entries(metrics, 'vigil_events_rejected_total')) {
    const r = get(e.labels.source).rejected;
    r[e.labels.reason] = (r[e.labels.reason] ?? 0) + e.value;
  }
  for (const e of entries(metrics, 'vigil_events_dropped_total')) {
    const d = get(e.labels.source).dropped;
    d[e.labels.reason] = (d[e.labels.reason] ?? 0) + e.value;
  }
  return out;
}

export function componentHealth(metrics: MetricsRegistry): Record<string, ComponentHealth> {
  const out: Record<string, ComponentHealth> = {};
  const get = (l: Labels) => (out[l.component] ??= { kind: l.kind, received: 0, emitted: 0, dropped: {}, failed: {} });
  for (const e of entries(metrics, 'vigil_component_received_total')) get(e.labels).received += e.value;
  for (const e of entries(metrics, 'vigil_component_emitted_total')) get(e.labels).emitted += e.value;
  for (const e of entries(metrics, 'vigil_component_dropped_total')) {
    const d = get(e.labels).dropped;
    d[e.labels.reason] = (d[e.labels.reason] ?? 0) + e.value;
  }
  for (const e of entries(metrics, 'vigil_component_failed_total')) {
    const f = get(e.labels).failed;
    f[e.labels.reason] = (f[e.labels.reason] ?? 0) + e.value;
  }
  return out;
}
