/**
 * Scenario options: a zod schema with defaults, validated once at the edge (the CLI, the
 * benchmark loader, a test), as every component config in Vigil is. Unknown keys are errors.
 */
import { z } from 'zod';
import { STORY_DURATION_MS } from './story/attack-story.js';

export const SOURCE_KINDS = ['netflow', 'zeek_dns', 'windows_sysmon', 'windows_security', 'linux_auth', 'aws_cloudtrail'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Shares of normal traffic per source, roughly what a small company's collectors see. */
export const DEFAULT_SOURCE_MIX: Readonly<Record<SourceKind, number>> = {
  netflow: 0.38,
  zeek_dns: 0.24,
  windows_sysmon: 0.12,
  windows_security: 0.1,
  linux_auth: 0.1,
  aws_cloudtrail: 0.06,
};

const DAY_MS = 86_400_000;
/** Address blocks per country and the name scheme keep the company at most this large. */
export const MAX_USERS = 200;
export const MAX_LINUX_SERVERS = 200;

const weight = z.number().min(0);

export const ScenarioOptionsSchema = z
  .strictObject({
    /** Same seed and options → byte-identical records. */
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    /** First possible event time, epoch ms. Required: the generator never reads the clock. */
    start_ms: z.number().int().min(0),
    span_ms: z.number().int().positive().default(DAY_MS),
    /** Total records, story included. */
    events: z.number().int().positive().default(100_000),
    /**
     * Relative weights of normal traffic per source. When given it replaces the default mix:
     * a source left out gets none. The attack story's records are not affected.
     */
    mix: z
      .strictObject({
        netflow: weight.optional(),
        zeek_dns: weight.optional(),
        windows_sysmon: weight.optional(),
        windows_security: weight.optional(),
        linux_auth: weight.optional(),
        aws_cloudtrail: weight.optional(),
      })
      .optional(),
    /** Staff; each owns one Windows workstation, about half are engineers. */
    users: z.number().int().min(1).max(MAX_USERS).default(40),
    /** Linux servers; the first is the internet-facing SSH bastion. */
    linux_servers: z.number().int().min(1).max(MAX_LINUX_SERVERS).default(8),
    /** Whether the attack story is in the data. */
    attack: z.boolean().default(true),
    /**
     * Story start times (epoch ms), one story each; default one story 60% into the span.
     * Stories must not overlap and must end inside the span.
     */
    attack_at_ms: z.array(z.number().int()).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.mix !== undefined && !Object.values(o.mix).some((w) => (w ?? 0) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['mix'], message: 'at least one source needs a weight above 0' });
    }
    if (!o.attack && o.attack_at_ms !== undefined && o.attack_at_ms.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['attack_at_ms'], message: 'attack is false but story times were given' });
    }
    if (o.attack && o.attack_at_ms === undefined && o.span_ms < STORY_DURATION_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['span_ms'],
        message: `the attack story needs a span of at least ${STORY_DURATION_MS} ms; lengthen the span or set attack: false`,
      });
    }
    const starts = o.attack_at_ms ?? [];
    starts.forEach((at, i) => {
      if (at < o.start_ms || at + STORY_DURATION_MS > o.start_ms + o.span_ms) {
        ctx.addIssue({
          code: 'custom',
          path: ['attack_at_ms', i],
          message: `story ${i + 1} must start at or after start_ms and end (${STORY_DURATION_MS} ms later) inside the span`,
        });
      }
      if (i > 0 && at < starts[i - 1] + STORY_DURATION_MS) {
        ctx.addIssue({
          code: 'custom',
          path: ['attack_at_ms', i],
          message: `story ${i + 1} starts before story ${i} has ended (stories are ${STORY_DURATION_MS} ms long, in ascending order)`,
        });
      }
    });
  });

export type ScenarioOptionsInput = z.input<typeof ScenarioOptionsSchema>;

export interface ScenarioOptions {
  seed: number | string;
  start_ms: number;
  span_ms: number;
  events: number;
  mix: Record<SourceKind, number>;
  users: number;
  linux_servers: number;
  /** Resolved story start times; empty without the attack. */
  attack_at_ms: number[];
}

/** Validates and fills defaults; throws a ZodError naming the option path on bad input. */
export function resolveScenarioOptions(input: ScenarioOptionsInput): ScenarioOptions {
  const o = ScenarioOptionsSchema.parse(input);
  const mix = { ...DEFAULT_SOURCE_MIX };
  if (o.mix !== undefined) for (const k of SOURCE_KINDS) mix[k] = o.mix[k] ?? 0;
  let attackAt: number[] = [];
  if (o.attack) {
    attackAt = o.attack_at_ms ?? [o.start_ms + Math.floor((o.span_ms - STORY_DURATION_MS) * 0.6)];
  }
  return {
    seed: o.seed,
    start_ms: o.start_ms,
    span_ms: o.span_ms,
    events: o.events,
    mix,
    users: o.users,
    linux_servers: o.linux_servers,
    attack_at_ms: attackAt,
  };
}
