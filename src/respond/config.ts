/**
 * The `alerting:` section of vigil.yaml: de-duplication, grouping into incidents, risk weights,
 * notification channels (with their secrets) and the rules that pick channels. Durations take a
 * number of milliseconds or a string with a unit (`90s`, `4h`, `7d`).
 */
import { z } from 'zod';
import { DETECTION_LEVELS, ENTITY_KINDS, type DetectionLevel, type EntityKind } from '../detect/detection.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const durationMs = z.union([z.number().int().nonnegative(), z.string()]).transform((v, ctx): number => {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(v.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(v)} (use e.g. 500ms, 90s, 4h, 7d or milliseconds)` });
    return z.NEVER;
  }
  return Math.round(Number(m[1]) * UNITS[m[2]]);
});

const level = z.enum(DETECTION_LEVELS as [DetectionLevel, ...DetectionLevel[]]);
const entityKind = z.enum(ENTITY_KINDS as [EntityKind, ...EntityKind[]]);

const dedup = z
  .object({
    window_ms: durationMs.default(3_600_000),
    /** Entity kinds whose values form the de-duplication key together with the rule id. */
    keys: z.array(entityKind).default([...ENTITY_KINDS]),
    /** Most event ids kept on one alert; the count keeps growing past it. */
    max_event_ids: z.number().int().positive().default(100),
  })
  .strict();

const grouping = z
  .object({
    keys: z.array(entityKind).default(['user', 'host', 'ip']),
    window_ms: durationMs.default(4 * 3_600_000),
    reopen_within_ms: durationMs.default(24 * 3_600_000),
  })
  .strict();

const risk = z
  .object({
    level_weights: z
      .object({ informational: z.number().nonnegative().default(1), low: z.number().nonnegative().default(5), medium: z.number().nonnegative().default(20), high: z.number().nonnegative().default(50), critical: z.number().nonnegative().default(100) })
      .strict()
      .prefault({}),
  })
  .strict();

const retry = z
  .object({
    max_attempts: z.number().int().positive().default(5),
    initial_backoff_ms: z.number().int().nonnegative().default(500),
    max_backoff_ms: z.number().int().positive().default(60_000),
  })
  .strict();

const webhookChannel = z
  .object({
    type: z.literal('webhook'),
    url: z.url(),
    /** HMAC-SHA256 key for the `X-Vigil-Signature` header; never logged. */
    secret: z.string().min(16).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    timeout_ms: z.number().int().positive().default(10_000),
  })
  .strict();

const slackChannel = z
  .object({ type: z.literal('slack'), url: z.url(), timeout_ms: z.number().int().positive().default(10_000) })
  .strict();

const emailChannel = z
  .object({
    type: z.literal('email'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send without STARTTLS. Unset: required when a password is configured, so it never crosses in clear by default. */
    require_tls: z.boolean().optional(),
    user: z.string().optional(),
    password: z.string().optional(),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1),
    timeout_ms: z.number().int().positive().default(15_000),
  })
  .strict();

const syslogChannel = z
  .object({
    type: z.literal('syslog'),
    protocol: z.enum(['udp', 'tcp']).default('udp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(514),
    /** Syslog facility number (RFC 5424 §6.2.1); 13 = log audit. */
    facility: z.number().int().min(0).max(23).default(13),
    app_name: z.string().regex(/^[!-~]{1,48}$/).default('vigil'),
    hostname: z.string().regex(/^[!-~]{1,255}$/).optional(),
    timeout_ms: z.number().int().positive().default(5_000),
  })
  .strict();

export const channelSchema = z.discriminatedUnion('type', [webhookChannel, slackChannel, emailChannel, syslogChannel]);
export type ChannelConfig = z.infer<typeof channelSchema>;

const notificationRule = z
  .object({
    channels: z.array(z.string()).min(1),
    min_level: level.default('high'),
    /** Only these rule ids (exact, or `*` wildcards); all rules when absent. */
    rules: z.array(z.string()).optional(),
    on: z.array(z.enum(['alert.created', 'incident.created', 'incident.reopened'])).default(['alert.created']),
  })
  .strict();

const notifications = z
  .object({
    channels: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), channelSchema).default({}),
    rules: z.array(notificationRule).default([]),
    retry: retry.prefault({}),
  })
  .strict()
  .superRefine((n, ctx) => {
    n.rules.forEach((r, i) =>
      r.channels.forEach((c, j) => {
        if (!n.channels[c]) ctx.addIssue({ code: 'custom', path: ['rules', i, 'channels', j], message: `no channel named "${c}"` });
      }),
    );
  });

export const alertingSchema = z
  .object({
    enabled: z.boolean().default(true),
    dedup: dedup.prefault({}),
    grouping: grouping.prefault({}),
    risk: risk.prefault({}),
    notifications: notifications.prefault({}),
    /** Most events an incident timeline shows (ids of its alerts first, then entity matches). */
    timeline_limit: z.number().int().positive().max(10_000).default(500),
    /** Delivery log rows (delivered or failed) and suppressed-detection records older than this are deleted; 0 keeps them. */
    history_retention_days: z.number().nonnegative().default(90),
    /** The timeline also shows entity events this long before the first and after the last alert. */
    timeline_padding_ms: durationMs.default(15 * 60_000),
  })
  .strict();

export type AlertingConfig = z.infer<typeof alertingSchema>;

export function defaultAlertingConfig(): AlertingConfig {
  return alertingSchema.parse({});
}
