/** GET /api/v1/health (JSON) and GET /metrics (Prometheus text). */
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { componentHealth, sourceHealth } from '../health-report.js';

/** What the running server knows beyond counters: version, start time, components' own state. */
export interface HealthSource {
  version: string;
  startedAt: number;
  /** Extra state per running component (listening addresses, open connections, ...). */
  componentState(): Record<string, Record<string, unknown>>;
}

export async function registerHealthRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  app.get('/api/v1/health', async () => {
    const store = await deps.store.stats();
    const components = componentHealth(deps.metrics);
    for (const [id, state] of Object.entries(deps.health.componentState())) {
      components[id] = { ...(components[id] ?? { kind: 'source', received: 0, emitted: 0, dropped: {}, failed: {} }), ...state };
    }
    return {
      status: deps.isShuttingDown() ? 'shutting_down' : 'ok',
      version: deps.health.version,
      uptime_s: Math.round((Date.now() - deps.health.startedAt) / 1000),
      pipeline: { pending_events: deps.pipeline.pending },
      store,
      sources: sourceHealth(deps.metrics),
      components,
      ...(deps.detection
        ? {
            detection: {
              rules: deps.detection.live.currentBundle.rules.length,
              correlations: deps.detection.live.currentBundle.correlations.length,
              rejected_rules: deps.detection.compileResult.rejected.length,
              queued_events: deps.detection.live.queuedEvents,
              latency: deps.detection.live.latency.summary(),
            },
          }
        : {}),
    };
  });

  app.get('/metrics', async (_req, reply) => {
    const stats = await deps.store.stats();
    const g = deps.metrics.gauge('vigil_store_events', 'Events in the store');
    g.set({}, stats.events);
    deps.metrics.gauge('vigil_store_bytes', 'Bytes of store blocks in use').set({}, stats.bytes);
    deps.metrics.gauge('vigil_store_dead_letters', 'Dead-lettered records kept').set({}, stats.dead_letters);
    deps.metrics.gauge('vigil_store_partitions', 'Time partitions in the store').set({}, stats.partitions);
    deps.metrics.gauge('vigil_pipeline_pending_events', 'Events buffered or being written to the store').set({}, deps.pipeline.pending);
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return deps.metrics.renderPrometheus();
  });
}
