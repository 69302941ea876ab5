/**
 * What every event goes through, wherever it enters (the server's receivers and API, `vigil
 * ingest --data`, `vigil demo --data`): pipeline → enrichment → store → detection (Sigma,
 * correlations, analytics, intel) → alerting. One builder, so a file imported locally is
 * evaluated and alerted on exactly as one sent to the server.
 */
import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { MetricsRegistry } from '../core/metrics.js';
import type { VigilConfig } from '../config/schema.js';
import type { ControlDb } from '../control/control-db.js';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { SearchService } from '../search/search-service.js';
import { startDetection, type DetectionService } from '../detect/live/index.js';
import { createAnalyticsEngine } from '../detect/analytics/index.js';
import { createIntelDetector } from '../detect/intel/index.js';
import { AssetContextEnricher, buildEnrichers, ContextUploads, enrichBatch } from '../enrich/index.js';
import { AlertService, subjectEvents } from '../respond/index.js';
import { EvaluationCheckpoint } from '../detect/live/evaluation-checkpoint.js';
import { resumeDetection } from './detection-recovery.js';

export interface ProcessingStack {
  store: DuckDbStore;
  pipeline: Pipeline;
  control: ControlDb;
  search: SearchService;
  /** Undefined when detection.enabled is false. */
  detection?: DetectionService;
  /** Undefined when alerting.enabled is false. */
  alerts?: AlertService;
  /** Asset and identity tables uploaded over the API (undefined when enrichment is off). */
  context?: ContextUploads;
  /** Stops accepting, flushes the pipeline, and lets detection and alerting finish what was stored. */
  drain(): Promise<void>;
  /** drain(), then closes alerting and the store. */
  close(): Promise<void>;
}

export async function openProcessingStack(config: VigilConfig, logger: Logger, metrics: MetricsRegistry, version: string): Promise<ProcessingStack> {
  mkdirSync(config.data_dir, { recursive: true });
  const store = new DuckDbStore({
    path: `${config.data_dir}/vigil.duckdb`,
    partition: config.store.partition,
    memory_limit: config.store.memory_limit,
    threads: config.store.threads,
    checkpoint_threshold: config.store.checkpoint_threshold,
    id_index: config.store.id_index,
  });
  await store.open();
  const pipeline = new Pipeline(store, metrics, logger, config.pipeline);
  const control = await store.controlDb();
  const search = new SearchService(store, { default_limit: 100, max_rows: config.http.max_query_rows });

  const { enrichers, warnings } = buildEnrichers(config.enrich);
  for (const w of warnings) logger.warn({ component: 'enrich' }, `enrichment table: ${w}`);
  if (enrichers.length) pipeline.setEnrich((events) => enrichBatch(enrichers, events));
  const assets = enrichers.find((e): e is AssetContextEnricher => e instanceof AssetContextEnricher);
  const context = config.enrich.enabled ? await ContextUploads.open(control, enrichers) : undefined;

  let detection: DetectionService | undefined;
  if (config.detection.enabled) {
    detection = await startDetection(config.detection, control, metrics, logger.child({ component: 'detection' }));
    if (config.analytics.enabled) detection.live.addDetector(createAnalyticsEngine(config.analytics));
    if (config.intel.enabled && config.intel.feeds.length) {
      const intel = await createIntelDetector(config.intel, Date.now());
      for (const f of intel.feeds) logger.info({ component: 'intel', feed: f }, 'threat-intel feed loaded');
      detection.live.addDetector(intel.detector);
    }
    pipeline.onEvents(detection.live.enqueue);
  }

  let alerts: AlertService | undefined;
  if (config.alerting.enabled) {
    alerts = await AlertService.open(control, {
      config: config.alerting,
      store,
      search,
      metrics,
      logger: logger.child({ component: 'alerting' }),
      version,
      ...(assets ? { criticality: (kind: string, value: string) => (kind === 'host' ? assets.criticalityOf(value) : undefined) } : {}),
    });
    const service = alerts;
    // Detections become alerts; the evaluated events go along so suppressions need not read them back.
    detection?.live.onDetections(async (detections, events) => {
      await service.ingest(detections, Date.now(), events ? { events: subjectEvents(events) } : {});
    });
  }

  let checkpoint: EvaluationCheckpoint | undefined;
  if (detection) {
    checkpoint = new EvaluationCheckpoint(control, config.detection.checkpoint_interval_ms);
    const recovery = { lookback_ms: config.detection.recovery_lookback_ms, page_events: config.detection.slice_events };
    await resumeDetection(store, detection.live, checkpoint, recovery, logger.child({ component: 'detection' }), metrics, Date.now());
  }

  let drained: Promise<void> | undefined;
  const drain = (): Promise<void> =>
    (drained ??= (async () => {
      await pipeline.close();
      // Everything stored has been evaluated, and open correlation windows report, before the store closes.
      await detection?.live.flush();
      await alerts?.idle();
      if (detection && checkpoint) await checkpoint.save({ evaluatedThrough: detection.live.evaluatedThrough, clean: true });
    })());
  let closed: Promise<void> | undefined;
  return {
    store,
    pipeline,
    control,
    search,
    ...(detection ? { detection } : {}),
    ...(alerts ? { alerts } : {}),
    ...(context ? { context } : {}),
    drain,
    close: () =>
      (closed ??= (async () => {
        await drain();
        await alerts?.close();
        await store.close();
      })()),
  };
}
