/** Builders for alerting tests: detections, a service on an in-memory control database. */
import { DuckDbControlDb } from '../../control/duckdb-control-db.js';
import { MetricsRegistry } from '../../core/metrics.js';
import type { Detection, DetectionLevel, Entities } from '../../detect/detection.js';
import { AlertService, type AlertServiceOptions } from '../alert-service.js';
import { alertingSchema } from '../config.js';

export const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

let seq = 0;

export function detection(rule: string, level: DetectionLevel, entities: Entities, ts: number, extra: Partial<Detection> = {}): Detection {
  seq++;
  return {
    kind: 'sigma',
    rule: { id: rule, title: `Rule ${rule}`, level, tags: ['attack.t1110'] },
    ts,
    eventIds: [`ev-${rule}-${seq}`],
    eventCount: 1,
    entities,
    explanation: [`selection matched (${seq})`],
    ...extra,
  };
}

export interface Harness {
  service: AlertService;
  db: DuckDbControlDb;
  metrics: MetricsRegistry;
  close: () => Promise<void>;
}

export async function openHarness(config: unknown = {}, opts: Partial<AlertServiceOptions> = {}): Promise<Harness> {
  const { db, close } = await DuckDbControlDb.inMemory();
  const metrics = new MetricsRegistry();
  const service = await AlertService.open(db, { config: alertingSchema.parse(config), metrics, clock: () => T0 + 10 * HOUR, ...opts });
  return {
    service,
    db,
    metrics,
    close: async () => {
      await service.close();
      close();
    },
  };
}
