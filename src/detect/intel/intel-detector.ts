/**
 * Threat intel as an EventDetector for the live path. The matcher inside can be replaced
 * (feeds reloaded) between batches without re-registering: the next batch uses the new one.
 */
import type { VigilEvent } from '../../core/event.js';
import type { Detection } from '../detection.js';
import type { EventDetector } from '../live/event-detector.js';
import { type FeedReport, type IntelConfigInput, loadIntelFeeds } from './feeds.js';
import { IntelMatcher } from './matcher.js';

export class IntelDetector implements EventDetector {
  readonly name = 'intel';

  constructor(private current: IntelMatcher = new IntelMatcher([])) {}

  get matcher(): IntelMatcher {
    return this.current;
  }

  replaceMatcher(next: IntelMatcher): void {
    this.current = next;
  }

  process(events: readonly VigilEvent[]): Detection[] {
    const m = this.current;
    if (m.size === 0) return [];
    const out: Detection[] = [];
    for (const e of events) {
      const hits = m.match(e);
      if (hits.length > 0) out.push(...hits);
    }
    return out;
  }

  /** Loads the configured feeds again and swaps them in; returns the feed reports. */
  async reload(config: IntelConfigInput, now_ms: number): Promise<FeedReport[]> {
    const { matcher, feeds } = await loadIntelFeeds(config, now_ms);
    this.replaceMatcher(matcher);
    return feeds;
  }
}

/** Loads the feeds and returns a ready detector with the per-feed reports (log them). */
export async function createIntelDetector(config: IntelConfigInput, now_ms: number): Promise<{ detector: IntelDetector; feeds: FeedReport[] }> {
  const detector = new IntelDetector();
  const feeds = await detector.reload(config, now_ms);
  return { detector, feeds };
}
