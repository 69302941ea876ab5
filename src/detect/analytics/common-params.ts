/** The parameters every analytic accepts, merged into each analytic's own schema. */
import { z } from 'zod';
import { DETECTION_LEVELS, type DetectionLevel } from '../detection.js';

export const commonParamShape = {
  /** Off switch per analytic. */
  enabled: z.boolean().default(true),
  /** How far behind the newest event time an event may arrive and still be used. */
  allowed_lateness_ms: z.number().int().min(0).default(60_000),
  /** Events dated further than this after their ingest time are ignored (and counted). */
  max_future_ms: z.number().int().min(0).default(15 * 60_000),
  /** Cap on tracked entities (sources, users, hosts, pairs); least recently updated evicted first. */
  max_entities: z.number().int().min(1).default(100_000),
  /** Override the analytic's default level. */
  level: z.enum(DETECTION_LEVELS as unknown as [DetectionLevel, ...DetectionLevel[]]).optional(),
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
