/**
 * The rule operations the API offers on top of live detection: list rules with their figures,
 * show a rule's source, switch rules on and off, add or replace a rule (compiled and checked
 * before it is stored, applied without a restart), test a rule on a pasted event, and run a
 * rule or the rule set over stored events (retro-hunt / backtest) through its SQL compilation.
 */
import type { CompileResult, SigmaBundle } from '../sigma/index.js';
import { compileSigmaBundle, emptyRuleSet } from '../sigma/index.js';
import { correlateStored, fetchStoredEvents, huntStoredEvents, type QueryableStore } from '../sigma-sql/index.js';
import { BadInputError } from '../../core/errors.js';
import { decodeText } from '../../ingest/decode-text.js';
import type { RuleCatalog } from './rule-catalog.js';
import type { LiveDetection } from './live-detection.js';
import { explainMatch, ruleKeyOf } from './to-detection.js';
import type { RuleView, HuntAnswer, RuleTestAnswer } from './rule-views.js';
import { ruleView, ruleSource } from './rule-views.js';

export class DetectionService {
  private compiled: CompileResult;

  constructor(
    private readonly catalog: RuleCatalog,
    readonly live: LiveDetection,
    compiled: CompileResult,
    private readonly clock: () => number = Date.now,
  ) {
    this.compiled = compiled;
  }

  get compileResult(): CompileResult {
    return this.compiled;
  }

  listRules(): RuleView[] {
    const stats = this.live.currentBundle.stats();
    const views: RuleView[] = stats.map((s) => ruleView(s, this.live));
    for (const c of this.live.currentBundle.correlations) {
      const key = c.id ?? c.name ?? c.title;
      const rec = this.live.history.get(key);
      views.push({ id: key, title: c.title, kind: 'correlation', level: c.level ?? null, status: c.status ?? null, tags: c.tags, enabled: !this.live.isDisabled(key), logsource: null, file: c.origin.file, line: c.origin.pos.line, hits: rec?.hits ?? 0, evaluated: null, last_hit_at: rec?.lastHitAt ?? null, logsource_seen: null, logsource_last_seen_at: null });
    }
    return views;
  }

  async getRule(key: string): Promise<{ rule: RuleView; yaml: string | null } | undefined> {
    const rule = this.listRules().find((r) => r.id === key);
    if (!rule) return undefined;
    const text = await this.catalog.sourceOf(rule.file);
    return { rule, yaml: text === undefined ? null : ruleSource(text, rule.file, rule.line) };
  }

  async setEnabled(key: string, enabled: boolean, by: string): Promise<RuleView> {
    if (!this.listRules().some((r) => r.id === key)) throw new NotFoundError(`no rule ${key}`);
    await this.catalog.changes.setEnabled(key, enabled, this.clock(), by);
    this.live.setDisabled(await this.catalog.changes.disabledKeys());
    return this.listRules().find((r) => r.id === key) as RuleView;
  }

  /** Adds or replaces a rule; refused with located errors, otherwise live at once. */
  async putRule(yaml: string, by: string, expectedKey?: string): Promise<RuleView> {
    const { key } = this.catalog.validateUpload(yaml);
    if (expectedKey !== undefined && key !== expectedKey) throw new BadInputError(`the rule's id is ${key}, the URL names ${expectedKey}`);
    await this.catalog.changes.putRule({ key, yaml, updated_at: this.clock(), updated_by: by });
    await this.recompile();
    return this.listRules().find((r) => r.id === key) as RuleView;
  }

  /** Removes an uploaded rule (a file rule it replaced comes back). */
  async deleteRule(key: string): Promise<void> {
    const uploaded = await this.catalog.changes.rules();
    if (!uploaded.some((r) => r.key === key)) throw new NotFoundError(`no uploaded rule ${key} (rules from files are disabled, not deleted)`);
    await this.catalog.changes.deleteRule(key);
    await this.recompile();
  }

  async recompile(): Promise<void> {
    const compiled = await this.catalog.compile();
    this.compiled = compiled;
    this.live.replaceRules(compiled);
    this.live.setDisabled(await this.catalog.changes.disabledKeys());
  }

  /** Runs one rule (uploaded text, or a loaded rule by key) on a pasted event, decoded as ingest would. */
  async testRule(input: { yaml?: string; id?: string; event: unknown }): Promise<RuleTestAnswer> {
    const bundle = await this.bundleFor(input);
    const decoded = decodeText(JSON.stringify(input.event), 'ndjson', { max_depth: 64, max_record_bytes: 1024 * 1024, now: this.clock });
    if (decoded.records.length !== 1) throw new BadInputError(`event: ${decoded.rejected[0]?.reason ?? 'expected one JSON object'}`);
    const r = decoded.records[0];
    const matches = bundle.match({ native: r.native, fields: r.fields, ...(r.logsource ? { meta: { logsource: r.logsource } } : {}) });
    const cls = bundle.classify({ native: r.native, fields: r.fields, ...(r.logsource ? { meta: { logsource: r.logsource } } : {}) });
    return {
      matched: matches.length > 0,
      rules: matches.map((m) => ({ id: ruleKeyOf(m.rule), title: m.rule.title, explanation: explainMatch(m) })),
      explanation: matches.flatMap((m) => explainMatch(m)),
      logsource: cls.key,
      errors: [],
    };
  }

  /** Retro-hunt / backtest over stored events in [from, to), the rule set or one rule. */
  async hunt(store: QueryableStore, input: { yaml?: string; id?: string; from?: number; to?: number; limit: number }): Promise<HuntAnswer> {
    const t0 = performance.now();
    // One rule (uploaded or by id) runs as asked, enabled or not: that is what a backtest is for.
    const single = input.yaml !== undefined || input.id !== undefined;
    const bundle = single ? await this.bundleFor(input) : this.live.currentBundle;
    const range = { ...(input.from !== undefined ? { from: input.from } : {}), ...(input.to !== undefined ? { to: input.to } : {}) };
    const hunt = await huntStoredEvents(bundle, store, range);
    const standalone = hunt.detections.filter((d) => d.standalone && (single || !this.live.isDisabled(ruleKeyOf(d.rule))));
    const needed = bundle.correlations.length ? hunt.detections : standalone.slice(0, input.limit);
    const events = await fetchStoredEvents(store, needed.map((d) => d.eventId));
    const correlations = correlateStored(bundle, hunt.detections, events).filter((c) => c.standalone);
    return {
      matches: standalone.length,
      correlations: correlations.map((c) => ({ rule: c.correlation.title, ts: c.ts, value: c.value, group_by: c.groupBy, events: c.events })),
      events: standalone.slice(0, input.limit).map((d) => ({ rule: { id: ruleKeyOf(d.rule), title: d.rule.title, level: d.rule.level ?? null }, ts: d.ts, id: d.eventId, event: events.get(d.eventId)?.native ?? null })),
      truncated: standalone.length > input.limit,
      refused: hunt.refused.map((r) => ({ rule: ruleKeyOf(r.rule), reason: r.reason })),
      failed: hunt.failed.map((f) => ({ rule: ruleKeyOf(f.rule), error: f.error })),
      unreached: hunt.unreached.map((r) => ruleKeyOf(r)),
      took_ms: Math.round(performance.now() - t0),
    };
  }

  private async bundleFor(input: { yaml?: string; id?: string }): Promise<SigmaBundle> {
    if (input.yaml !== undefined) return compileSigmaBundle(this.catalog.validateUpload(input.yaml).set, this.catalog.compileOptions).bundle;
    if (input.id === undefined) throw new BadInputError('give either yaml (a rule) or id (a loaded rule)');
    // The parsed rule as loaded (a file's `action: global` part already merged into it).
    const loaded = this.live.currentBundle.rules.find((r) => ruleKeyOf(r.info) === input.id);
    if (!loaded) throw new NotFoundError(`no rule ${input.id} (correlations run with the whole rule set: omit id)`);
    const set = emptyRuleSet();
    set.rules.push(loaded.source);
    return compileSigmaBundle(set, this.catalog.compileOptions).bundle;
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
