/** Builds live detection from the config: rule catalog, stored rule changes, compiled bundle. */
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { ControlDb } from '../../control/control-db.js';
import type { Logger, MetricsRegistry } from '../../core/index.js';
import type { VigilConfig } from '../../config/schema.js';
import { formatDiagnostic } from '../sigma/index.js';
import { DetectionService } from './detection-service.js';
import { LiveDetection } from './live-detection.js';
import { RuleCatalog } from './rule-catalog.js';
import { RuleChangeStore } from './rule-store.js';

/** The rules shipped with Vigil (`rules/` at the package root). */
export function builtinRulesDir(): string {
  return join(packageRoot(), 'rules');
}

export async function startDetection(config: VigilConfig['detection'], control: ControlDb, metrics: MetricsRegistry, logger: Logger): Promise<DetectionService> {
  const changes = new RuleChangeStore(control);
  await changes.migrate();
  const paths = config.rules.map((p) => (p === 'builtin' ? builtinRulesDir() : p));
  const catalog = new RuleCatalog({ paths, placeholders: config.placeholders }, changes);
  const compiled = await catalog.compile();
  for (const r of compiled.rejected) logger.warn({ rule: `${r.file}:${r.line}:${r.col}`, error: r.error }, 'rule rejected');
  for (const d of compiled.diagnostics.filter((x) => x.severity === 'warning').slice(0, 50)) logger.debug({ warning: formatDiagnostic(d) }, 'rule warning');
  const live = new LiveDetection(compiled, { max_queue_events: config.max_queue_events, slice_events: config.slice_events, correlation: config.correlation }, metrics, logger);
  live.setDisabled(await changes.disabledKeys());
  logger.info({ rules: compiled.bundle.rules.length, correlations: compiled.bundle.correlations.length, rejected: compiled.rejected.length }, 'detection rules loaded');
  return new DetectionService(catalog, live, compiled);
}
