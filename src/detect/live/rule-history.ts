/**
 * Per rule, what an analyst asks of a running rule set: how often it fired and when last, how
 * many events it was evaluated on, and when an event of its logsource was last seen ("can this
 * rule fire on my data?"). Keyed by rule key, so figures survive a recompilation.
 */
import type { SigmaBundle } from '../sigma/index.js';
import { ruleKeyOf } from './to-detection.js';

export interface RuleRecord {
  hits: number;
  lastHitAt?: number;
  /** Wall time an event of the rule's logsource was last evaluated. */
  logsourceLastSeenAt?: number;
  /** Evaluations under earlier compilations (the bundle counts the current one). */
  evaluatedBefore: number;
}

export class RuleHistory {
  private readonly records = new Map<string, RuleRecord>();
  private readonly routeEvents = new Map<string, number>();

  get(key: string): RuleRecord | undefined {
    return this.records.get(key);
  }

  hit(key: string, now: number): void {
    const r = this.record(key);
    r.hits++;
    r.lastHitAt = now;
  }

  /** Notes which routes saw events since the last call, and stamps their rules. */
  sawRoutes(bundle: SigmaBundle, now: number): void {
    for (const route of bundle.routeSummary()) {
      if ((this.routeEvents.get(route.key) ?? 0) === route.events) continue;
      this.routeEvents.set(route.key, route.events);
      for (const index of route.rules) this.record(ruleKeyOf(bundle.rules[index].info)).logsourceLastSeenAt = now;
    }
  }

  /** Before a bundle is replaced: keep its evaluation counts, forget its route counters. */
  carryOver(bundle: SigmaBundle, _now: number): void {
    for (const s of bundle.stats()) this.record(ruleKeyOf(s.rule)).evaluatedBefore += s.evaluated;
    this.routeEvents.clear();
  }

  private record(key: string): RuleRecord {
    let r = this.records.get(key);
    if (!r) this.records.set(key, (r = { hits: 0, evaluatedBefore: 0 }));
    return r;
  }
}
