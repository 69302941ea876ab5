/**
 * The vigil.yaml schema. Every setting has a default, unknown keys are errors, and the
 * result is validated once, here at the edge; components receive typed config only.
 */
import { z } from 'zod';
import { address, byteSize } from './units.js';
import { alertingSchema } from '../respond/config.js';
import { enrichConfig } from '../enrich/registry.js';
import { analyticsConfig } from '../detect/analytics/registry.js';
import { intelConfig } from '../detect/intel/feeds.js';

const http = z
  .object({
    address: address.prefault('127.0.0.1:8080'),
    max_body_bytes: byteSize.prefault('64MiB'),
    max_json_depth: z.number().int().min(2).max(1000).default(64),
    max_record_bytes: byteSize.prefault('1MiB'),
    max_query_rows: z.number().int().positive().default(10_000),
    query_timeout_ms: z.number().int().positive().default(30_000),
  })
  .strict();

const store = z
  .object({
    type: z.literal('duckdb').default('duckdb'),
    partition: z.enum(['day', 'hour']).default('day'),
    memory_limit: z.string().optional(),
    threads: z.number().int().positive().optional(),
    checkpoint_threshold: z.string().regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB)$/i, 'a size such as 1GB').default('1GB'),
    id_index: z.boolean().default(true),
  })
  .strict();

const retention = z
  .object({
    max_age_days: z.number().nonnegative().default(30),
    max_total_bytes: byteSize.default(0),
    archive_dir: z.string().optional(),
    check_interval_ms: z.number().int().positive().default(3_600_000),
  })
  .strict();

const pipeline = z
  .object({
    max_batch_items: z.number().int().positive().default(20_000),
    flush_interval_ms: z.number().int().positive().default(200),
    max_pending_events: z.number().int().positive().default(200_000),
    keep_raw: z.boolean().default(false),
  })
  .strict();

const correlation = z
  .object({
    allowed_lateness_ms: z.number().int().nonnegative().default(60_000),
    max_groups_per_correlation: z.number().int().positive().default(100_000),
    max_entries_per_group: z.number().int().positive().default(1_000),
    max_events_per_detection: z.number().int().positive().default(100),
  })
  .strict();

const detection = z
  .object({
    enabled: z.boolean().default(true),
    /** Sigma rule files and folders; `builtin` is the rule set shipped with Vigil (rules/). */
    rules: z.array(z.string().min(1)).default(['builtin']),
    /** Placeholder files for rules with the `expand` modifier. */
    placeholders: z.array(z.string().min(1)).default([]),
    max_queue_events: z.number().int().positive().default(50_000),
    slice_events: z.number().int().positive().default(2_000),
    /** How often, at most, the evaluation checkpoint is saved while running (evaluation-checkpoint.ts). */
    checkpoint_interval_ms: z.number().int().positive().default(5_000),
    /** After a stop that was not graceful, also evaluate again this much before the checkpoint. */
    recovery_lookback_ms: z.number().int().nonnegative().default(60_000),
    correlation: correlation.default(correlation.parse({})),
  })
  .strict();

/** A source entry: its `type` picks the definition whose own schema validates the rest. */
const sourceEntry = z.object({ type: z.string(), enabled: z.boolean().default(true) }).passthrough();

/** Splunk HEC compatible endpoints (docs/receivers/hec.md). */
const hec = z
  .object({
    ack: z.boolean().default(false),
    indexes: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'Splunk index names: lowercase letters, digits, _ and -')).default([]),
  })
  .strict();

/** Mobile device posture (docs/receivers/mobile.md): minimum OS version per platform, e.g. `ios: "17.5"`. */
const mobile = z
  .object({
    min_os: z.partialRecord(z.enum(['ios', 'ipados', 'android', 'macos', 'windows', 'chromeos', 'linux']), z.string().regex(/^\d+(\.\d+)*$/, 'a version such as 17.5 or 14')).default({}),
  })
  .strict();

const logging = z.object({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info') }).strict();

export const configSchema = z
  .object({
    data_dir: z.string().default('./vigil-data'),
    http: http.default(http.parse({})),
    store: store.default(store.parse({})),
    retention: retention.default(retention.parse({})),
    pipeline: pipeline.default(pipeline.parse({})),
    sources: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'source ids are lowercase letters, digits, _ and -'), sourceEntry).default({}),
    logging: logging.default(logging.parse({})),
    alerting: alertingSchema.prefault({}),
    detection: detection.default(detection.parse({})),
    /** GeoIP/ASN, asset and identity context (docs/enrichment.md). */
    enrich: enrichConfig.prefault({}),
    /** Behavioural analytics (docs/analytics.md). */
    analytics: analyticsConfig.prefault({}),
    /** Threat-intel feeds (docs/threat-intel.md). */
    intel: intelConfig.prefault({}),
    hec: hec.default(hec.parse({})),
    mobile: mobile.default(mobile.parse({})),
  })
  .strict();

export type VigilConfig = z.infer<typeof configSchema>;
