/**
 * Resuming live detection where the last process left it (src/detect/live/evaluation-checkpoint.ts):
 * after a stop that was not graceful, the events stored since the checkpoint (less a look-back
 * for events stored slightly out of ingest-time order) are evaluated again, page by page, before
 * any source starts. Then the checkpoint follows evaluation while running.
 */
import type { Logger, MetricsRegistry } from '../core/index.js';
import type { EventStore } from '../storage/store.js';
import type { LiveDetection } from '../detect/live/index.js';
import type { EvaluationCheckpoint } from '../detect/live/evaluation-checkpoint.js';

export interface RecoveryOptions {
  lookback_ms: number;
  page_events: number;
}

/** Returns how many stored events were evaluated again. */
export async function resumeDetection(
  store: Pick<EventStore, 'eventsIngestedAfter'>,
  live: LiveDetection,
  checkpoint: EvaluationCheckpoint,
  opts: RecoveryOptions,
  logger: Logger,
  metrics: MetricsRegistry,
  now: number,
): Promise<number> {
  await checkpoint.migrate();
  const state = await checkpoint.read();
  // A first start knows nothing of earlier evaluation: it counts everything stored as evaluated.
  live.resumeFrom(state?.evaluatedThrough ?? now);
  // Not clean from here on, until a graceful stop says otherwise.
  await checkpoint.save({ evaluatedThrough: live.evaluatedThrough, clean: false });
  live.onEvaluated((through) => checkpoint.advance(through));
  // Registered on every start, so that /metrics shows 0 rather than nothing.
  const counter = metrics.counter('vigil_detection_recovered_events_total', 'Stored events evaluated again after a stop that was not graceful');
  if (!state || state.clean) return 0;

  let cursor = { ingestTime: state.evaluatedThrough - opts.lookback_ms, id: '' };
  let total = 0;
  logger.warn({ evaluated_through: new Date(state.evaluatedThrough).toISOString(), lookback_ms: opts.lookback_ms }, 'the last stop was not graceful: evaluating the events stored since the detection checkpoint again');
  for (;;) {
    const page = await store.eventsIngestedAfter(cursor, opts.page_events);
    if (page.length === 0) break;
    live.enqueue(page);
    await live.idle();
    total += page.length;
    counter.inc({}, page.length);
    const last = page[page.length - 1];
    cursor = { ingestTime: last.meta.ingestTime, id: last.id };
  }
  logger.warn({ events: total }, 'detection resumed: stored events evaluated again');
  return total;
}
