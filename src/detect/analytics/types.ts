/**
 * The behavioural-analytics contract (docs/analytics.md). An analytic is a small stateful
 * detector over single events in event time: it keeps per-entity state with hard caps, counts
 * what it evicted and what arrived too late, and emits the same Detection every other detector
 * emits. Definitions pair a zod parameter schema (every parameter has a documented default)
 * with a factory, so the registry can build an analytic from validated config.
 */
import type { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import type { Detection, DetectionLevel } from '../detection.js';

export interface AnalyticStats {
  id: string;
  /** Events the analytic looked at (passed its cheap field filter). */
  events: number;
  /** Events older than the watermark (newest event time − allowed_lateness_ms): not used. */
  late: number;
  /** Events dated more than max_future_ms after they were received (a broken clock): not used. */
  future: number;
  fired: number;
  /** Entities currently held in state. */
  entities: number;
  /** Entities (or per-entity items) dropped to stay inside the memory caps. */
  evicted: number;
}

export interface Analytic {
  /** `analytic:<name>`, the Detection rule id. */
  readonly id: string;
  readonly title: string;
  readonly level: DetectionLevel;
  readonly tags: readonly string[];
  /** Feed one event (any order within allowed_lateness_ms); returns what became true. */
  process(event: VigilEvent): Detection[];
  stats(): AnalyticStats;
}

/** Parameters every analytic accepts besides its own. */
export interface CommonParams {
  enabled: boolean;
  allowed_lateness_ms: number;
  max_future_ms: number;
  max_entities: number;
  level?: DetectionLevel;
}

export interface AnalyticDefinition<S extends z.ZodType = z.ZodType> {
  /** Config key and the suffix of the rule id. */
  name: string;
  title: string;
  level: DetectionLevel;
  tags: string[];
  /** One paragraph: what it looks for (shown in docs and `stats`). */
  description: string;
  params: S;
  create(params: z.output<S>): Analytic;
}
