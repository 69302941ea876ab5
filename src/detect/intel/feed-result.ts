/**
 * What parsing one feed yields: the indicators that were valid and one error per rejected
 * entry, located (JSON path or file:line), so that one bad indicator never drops the feed and
 * the operator can find it.
 */
import { type Indicator, type IndicatorType, normalizeIndicator } from './indicator.js';

export interface FeedError {
  /** `$.objects[3].pattern`, `line 12`, `$.Event.Attribute[7]`. */
  at: string;
  message: string;
}

export interface FeedParseResult {
  indicators: Indicator[];
  errors: FeedError[];
  /** Entries deliberately left out (revoked, to_ids false, unsupported type), by reason. */
  skipped: Record<string, number>;
}

/** Per-feed limits: a feed larger than this is refused whole, with an error naming the limit. */
export interface FeedLimits {
  max_bytes: number;
  max_indicators: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = { max_bytes: 256 * 1024 * 1024, max_indicators: 5_000_000 };

/** Collects the results of one parse, enforcing max_indicators and keeping errors bounded. */
export class FeedCollector {
  readonly result: FeedParseResult = { indicators: [], errors: [], skipped: {} };
  private errorCount = 0;
  static readonly MAX_ERRORS = 1000;

  constructor(readonly feed: string, private readonly limits: FeedLimits) {}

  error(at: string, message: string): void {
    this.errorCount++;
    if (this.result.errors.length < FeedCollector.MAX_ERRORS) this.result.errors.push({ at, message });
    else if (this.errorCount === FeedCollector.MAX_ERRORS + 1) this.result.errors.push({ at, message: 'further errors not listed' });
  }

  skip(reason: string): void {
    this.result.skipped[reason] = (this.result.skipped[reason] ?? 0) + 1;
  }

  /** Normalizes and adds; returns false (and records why) when the value is invalid or the feed is full. */
  add(at: string, type: IndicatorType, raw: string, extra: Omit<Indicator, 'type' | 'value' | 'feed'>): boolean {
    const n = normalizeIndicator(type, raw);
    if ('error' in n) {
      this.error(at, n.error);
      return false;
    }
    if (extra.expires_ms !== undefined && Number.isNaN(extra.expires_ms)) {
      this.error(at, 'unreadable expiry');
      return false;
    }
    if (this.result.indicators.length >= this.limits.max_indicators) {
      this.skip(`over max_indicators (${this.limits.max_indicators})`);
      return false;
    }
    this.result.indicators.push({ type, value: n.value, feed: this.feed, ...extra });
    return true;
  }
}

export function checkSize(text: string, limits: FeedLimits, collector: FeedCollector): boolean {
  if (text.length > limits.max_bytes) {
    collector.error('$', `feed is ${text.length} bytes, over max_bytes (${limits.max_bytes})`);
    return false;
  }
  return true;
}

/** Size check then JSON.parse; undefined (with the error recorded) when either fails. */
export function parseJsonFeed(text: string, limits: FeedLimits, collector: FeedCollector): { doc: unknown } | undefined {
  if (!checkSize(text, limits, collector)) return undefined;
  try {
    return { doc: JSON.parse(text) };
  } catch (e) {
    collector.error('$', `not JSON: ${(e as Error).message}`);
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
