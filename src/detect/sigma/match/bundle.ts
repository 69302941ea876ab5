/**
 * The compiled rule set. `match(event)` classifies the event, takes (or builds) the route for its
 * class, lets the literal index pick the candidate rules, evaluates them and returns detections
 * with an explanation. Per-rule counters (evaluated, hits, suppressed by filters, whether any
 * event ever had the rule's logsource) are kept for health, summaries and hunt reports.
 */
import type { Logsource } from '../../../core/event.js';
import type { IrRule } from '../compile/ir.js';
import type { EventClass } from '../mapping/classify.js';
import { classifyRecord, UNCLASSIFIED } from '../mapping/classify.js';
import type { SigmaCorrelation, SigmaLevel, SigmaLogsource, SigmaRule } from '../model/types.js';
import { EvalContext } from './eval-context.js';
import type { MatchedValue } from './explain.js';
import { explainMatch } from './explain.js';
import type { Route, RouteRuleInput } from './route.js';
import { buildRoute } from './route.js';
import { CandidateCollector } from './candidates.js';
import type { MatchEvent } from './accessors.js';

/** The `fields` of events that have none (never written to). */
const NO_FIELDS: Record<string, unknown> = Object.freeze({});

/** What the bundle needs from an event: a VigilEvent fits, so does a bare `{native}` record. */
export interface SigmaInput {
  native: Record<string, unknown>;
  fields?: Record<string, unknown>;
  meta?: { logsource?: Logsource };
}

export interface RuleInfo {
  index: number;
  id?: string;
  name?: string;
  title: string;
  level?: SigmaLevel;
  status?: string;
  tags: string[];
  logsource: SigmaLogsource;
  file: string;
  line: number;
}

export interface SigmaMatch {
  rule: RuleInfo;
  /** False for rules that only feed a correlation (`generate: false`): not an alert on their own. */
  standalone: boolean;
  /** The logsource the event was classified as. */
  logsource: { product?: string; service?: string; categories: string[] };
  matched: MatchedValue[];
  /** Reads a Sigma field of the matched event, resolved as the rule resolves it. */
  field(name: string): unknown;
}

export interface BundleRule extends RouteRuleInput {
  info: RuleInfo;
  standalone: boolean;
  /** The parsed rule it was compiled from. */
  source: SigmaRule;
}

export interface RuleStats {
  rule: RuleInfo;
  evaluated: number;
  hits: number;
  suppressed: number;
  /** True once an event with the rule's logsource was seen. */
  routed: boolean;
  /** Logsource class of the last event the rule matched. */
  lastLogsource?: string;
}

export interface BundleOptions {
  /** Most distinct event classes kept compiled at once (each holds its rules' literal index). */
  max_routes?: number;
  onMatch?: (m: SigmaMatch) => void;
}

export class SigmaBundle {
  private readonly routes = new Map<string, Route>();
  private readonly evictedRouteEvents = new Map<string, number>();
  private readonly ctx = new EvalContext();
  private readonly collector = new CandidateCollector();
  private readonly scratch: MatchEvent = { native: {}, fields: NO_FIELDS };
  private readonly evaluated: Float64Array;
  private readonly hits: Float64Array;
  private readonly suppressed: Float64Array;
  private readonly routed: Uint8Array;
  private readonly lastLogsource: Array<string | undefined>;
  private unclassified = 0;
  readonly filterSuppressed: Float64Array;

  constructor(
    readonly rules: readonly BundleRule[],
    readonly correlations: readonly SigmaCorrelation[],
    readonly filterTitles: readonly string[],
    private readonly opts: BundleOptions = {},
  ) {
    const n = rules.length;
    this.evaluated = new Float64Array(n);
    this.hits = new Float64Array(n);
    this.suppressed = new Float64Array(n);
    this.routed = new Uint8Array(n);
    this.lastLogsource = new Array(n);
    this.filterSuppressed = new Float64Array(filterTitles.length);
  }

  /** The IR of every rule, for the SQL compiler and tooling. */
  get ir(): IrRule[] {
    return this.rules.map((r) => r.ir);
  }

  classify(e: SigmaInput): EventClass {
    return classifyRecord(e.native, e.meta?.logsource);
  }

  route(cls: EventClass): Route {
    let r = this.routes.get(cls.key);
    if (r) return r;
    const max = this.opts.max_routes ?? 4096;
    if (this.routes.size >= max) {
      const [oldKey, old] = this.routes.entries().next().value as [string, Route];
      this.evictedRouteEvents.set(oldKey, (this.evictedRouteEvents.get(oldKey) ?? 0) + old.events);
      this.routes.delete(oldKey);
    }
    r = buildRoute(cls, this.rules);
    for (const br of r.rules) this.routed[br.input.index] = 1;
    this.routes.set(cls.key, r);
    return r;
  }

  match(e: SigmaInput): SigmaMatch[] {
    const cls = this.classify(e);
    if (cls.key === UNCLASSIFIED) {
      this.unclassified++;
      return [];
    }
    const route = this.route(cls);
    route.events++;
    if (route.rules.length === 0) return [];
    // One event object, reused: most events match nothing and need no object of their own.
    const ev = this.scratch;
    ev.native = e.native;
    ev.fields = e.fields ?? NO_FIELDS;
    const ctx = this.ctx;
    ctx.reset(ev, route.accessors);
    const count = this.collector.collect(route, ctx);
    const candidates = this.collector.candidates;
    let out: SigmaMatch[] | undefined;
    for (let i = 0; i < count; i++) {
      const br = route.rules[candidates[i]];
      const idx = br.input.index;
      this.evaluated[idx]++;
      if (!br.pred(ctx)) continue;
      let kept = true;
      for (const f of br.filters) {
        if (!f.pred(ctx)) {
          kept = false;
          this.filterSuppressed[f.index]++;
          break;
        }
      }
      if (!kept) {
        this.suppressed[idx]++;
        continue;
      }
      this.hits[idx]++;
      this.lastLogsource[idx] = cls.key;
      const rule = this.rules[idx];
      const matched = explainMatch(br.input.ir.condition, ctx, br.slotOf, br.explainCache);
      const slotOf = br.slotOf;
      const accessors = route.accessors;
      const own: MatchEvent = { native: ev.native, fields: ev.fields };
      const m: SigmaMatch = {
        rule: rule.info,
        standalone: rule.standalone,
        logsource: { ...(cls.product ? { product: cls.product } : {}), ...(cls.service ? { service: cls.service } : {}), categories: cls.categories.map((c) => c.category) },
        matched,
        field: (name) => accessors[slotOf(name)]?.(own),
      };
      (out ??= []).push(m);
      this.opts.onMatch?.(m);
    }
    return out ?? [];
  }

  /** Events seen per logsource class key (`unclassified` for events no mapping placed). */
  get eventsByClass(): Map<string, number> {
    const m = new Map<string, number>();
    for (const [k, r] of this.routes) m.set(k, r.events);
    for (const [k, n] of this.evictedRouteEvents) m.set(k, (m.get(k) ?? 0) + n);
    if (this.unclassified) m.set(UNCLASSIFIED, this.unclassified);
    return m;
  }

  /**
   * Each compiled route: its logsource class, how many events it has seen and which rules it
   * feeds (by index) — so a caller can tell when a rule's logsource was last seen.
   */
  routeSummary(): Array<{ key: string; events: number; rules: number[] }> {
    return [...this.routes].map(([key, r]) => ({ key, events: r.events, rules: r.rules.map((b) => b.input.index) }));
  }

  stats(): RuleStats[] {
    return this.rules.map((r, i) => {
      const s: RuleStats = { rule: r.info, evaluated: this.evaluated[i], hits: this.hits[i], suppressed: this.suppressed[i], routed: this.routed[i] === 1 };
      if (this.lastLogsource[i]) s.lastLogsource = this.lastLogsource[i];
      return s;
    });
  }
}
