/**
 * Loading the configured feeds: read each file (refusing files over max_bytes before reading
 * them), pick the parser (by `format`, or sniffed: .csv, a STIX bundle, a MISP Event), drop
 * indicators already expired at load time, and build one IntelMatcher over all feeds. A feed
 * that cannot be read or parsed is reported and the others still load.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { DETECTION_LEVELS, type DetectionLevel } from '../detection.js';
import { DEFAULT_FEED_LIMITS, type FeedError, type FeedParseResult } from './feed-result.js';
import { parseIndicatorCsv } from './csv-feed.js';
import type { Indicator } from './indicator.js';
import { DEFAULT_INTEL_FIELDS, IntelMatcher } from './matcher.js';
import { parseMispExport } from './misp.js';
import { parseStixBundle } from './stix.js';

const level = z.enum(DETECTION_LEVELS as unknown as [DetectionLevel, ...DetectionLevel[]]);

export const intelFeedConfig = z.strictObject({
  /** Names the feed in detections (`intel:<name>`). */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only'),
  path: z.string().min(1),
  format: z.enum(['auto', 'stix', 'misp', 'csv']).default('auto'),
  /** Level of its detections unless an indicator carries its own (CSV `level` column). */
  level: level.default('high'),
  /** MISP: only attributes flagged for IDS use. */
  only_to_ids: z.boolean().default(true),
  max_bytes: z.number().int().positive().default(DEFAULT_FEED_LIMITS.max_bytes),
  max_indicators: z.number().int().positive().default(DEFAULT_FEED_LIMITS.max_indicators),
});

export const intelConfig = z.strictObject({
  enabled: z.boolean().default(true),
  feeds: z.array(intelFeedConfig).default([]),
  /** Which normalized fields are looked up, per indicator kind. */
  fields: z
    .strictObject({
      ip: z.array(z.string()).default(DEFAULT_INTEL_FIELDS.ip),
      domain: z.array(z.string()).default(DEFAULT_INTEL_FIELDS.domain),
      url: z.array(z.string()).default(DEFAULT_INTEL_FIELDS.url),
      hash: z.array(z.string()).default(DEFAULT_INTEL_FIELDS.hash),
    })
    .prefault({}),
});
export type IntelConfig = z.output<typeof intelConfig>;
export type IntelConfigInput = z.input<typeof intelConfig>;
export type IntelFeedConfig = z.output<typeof intelFeedConfig>;

export interface FeedReport {
  name: string;
  path: string;
  format: 'stix' | 'misp' | 'csv' | 'unknown';
  indicators: number;
  /** Dropped at load because their expiry had passed. */
  expired: number;
  skipped: Record<string, number>;
  errors: FeedError[];
}

export function sniffFormat(path: string, text: string): 'stix' | 'misp' | 'csv' | 'unknown' {
  if (/\.csv$/i.test(path)) return 'csv';
  const head = text.slice(0, 4096);
  if (/"type"\s*:\s*"(bundle|indicator)"/.test(head) || /"objects"\s*:/.test(head)) return 'stix';
  if (/"(Event|response)"\s*:/.test(head)) return 'misp';
  if (/^\s*#|^\s*type\s*,/i.test(head)) return 'csv';
  return 'unknown';
}

/** Parses one feed's text with the configured or sniffed format. */
export function parseFeed(feed: IntelFeedConfig, text: string): { format: FeedReport['format']; result: FeedParseResult } {
  const format = feed.format === 'auto' ? sniffFormat(feed.path, text) : feed.format;
  const limits = { max_bytes: feed.max_bytes, max_indicators: feed.max_indicators };
  switch (format) {
    case 'stix':
      return { format, result: parseStixBundle(text, feed.name, limits) };
    case 'misp':
      return { format, result: parseMispExport(text, feed.name, limits, { only_to_ids: feed.only_to_ids }) };
    case 'csv':
      return { format, result: parseIndicatorCsv(text, feed.name, limits) };
    default:
      return { format, result: { indicators: [], skipped: {}, errors: [{ at: '$', message: 'format not recognised: set format to stix, misp or csv' }] } };
  }
}

/** Reads, parses and indexes every configured feed; `now_ms` decides what is already expired. */
export async function loadIntelFeeds(input: IntelConfigInput, now_ms: number): Promise<{ matcher: IntelMatcher; feeds: FeedReport[] }> {
  const config = intelConfig.parse(input);
  const all: Indicator[] = [];
  const reports: FeedReport[] = [];
  for (const feed of config.enabled ? config.feeds : []) {
    const report: FeedReport = { name: feed.name, path: feed.path, format: 'unknown', indicators: 0, expired: 0, skipped: {}, errors: [] };
    reports.push(report);
    let text: string;
    try {
      const size = (await stat(feed.path)).size;
      if (size > feed.max_bytes) throw new Error(`${size} bytes, over max_bytes (${feed.max_bytes})`);
      text = await readFile(feed.path, 'utf8');
    } catch (e) {
      report.errors.push({ at: feed.path, message: `cannot read feed: ${(e as Error).message}` });
      continue;
    }
    const { format, result } = parseFeed(feed, text);
    report.format = format;
    report.skipped = result.skipped;
    report.errors = result.errors.map((e) => ({ at: `${feed.path}: ${e.at}`, message: e.message }));
    for (const ind of result.indicators) {
      if (ind.expires_ms !== undefined && ind.expires_ms < now_ms) {
        report.expired++;
        continue;
      }
      all.push(ind.level ? ind : { ...ind, level: feed.level });
      report.indicators++;
    }
  }
  return { matcher: new IntelMatcher(all, config.fields), feeds: reports };
}
