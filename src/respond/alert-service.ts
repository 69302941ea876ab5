/**
 * Alerting's one entry point. Detections go in through `ingest`; the HTTP routes read and change
 * alerts, incidents and suppressions through the other methods. Writes are serialized. Ingest
 * decides de-duplication, grouping and risk against the working set in memory (state/: what
 * the database holds for the open windows) and writes a whole call in one transaction of a few
 * multi-row statements: DuckDB costs milliseconds of CPU per statement, however small.
 * Notifications go out after the commit, in the background.
 *
 * Every detection is counted once in `vigil_alert_detections_total` by outcome: created,
 * deduplicated, suppressed, invalid or failed.
 */
import type { Logger } from 'pino';
import type { ControlDb } from '../control/control-db.js';
import { MetricsRegistry, type Metric } from '../core/metrics.js';
import type { Detection } from '../detect/detection.js';
import type { QueryableStore } from '../detect/sigma-sql/index.js';
import type { SearchService } from '../search/search-service.js';
import { defaultAlertingConfig, type AlertingConfig } from './config.js';
import { eventsByIds, type EventReader } from './events.js';
import { foldDetections } from './dedup.js';
import { invalidDetection } from './ingest.js';
import type { Applied } from './state/apply.js';
import { commitCall, type CommitContext } from './state/commit.js';
import { flushRisk, reloadState, RISK_FLUSH_MS } from './state/risk-cache.js';
import { WorkingSet } from './state/working-set.js';
import { migrateRespond } from './migrate.js';
import { buildNotifiers, NotificationDispatcher, type DispatcherOptions, type Notification, type Notifier } from './notify/index.js';
import type { CriticalityLookup } from './store/risk-repo.js';
import type { AlertPatch, IncidentPatch } from './incident-ops.js';
import type { Alert, Incident, IncidentComment } from './model.js';
import { compileSuppression, listSuppressions, type ActiveSuppression } from './suppress/suppressions.js';
import type { SubjectEvent } from './suppress/subject.js';
import { RespondQueries } from './queries.js';

const DAY_MS = 86_400_000;

export interface AlertServiceOptions {
  config?: AlertingConfig;
  /** The event store, to read the events behind detections (suppression, previews, timelines). */
  store?: QueryableStore;
  /** The search service, for incident timelines by entity. */
  search?: SearchService;
  metrics?: MetricsRegistry;
  logger?: Logger;
  /** Asset or identity criticality for risk scores (default 1 for everything). */
  criticality?: CriticalityLookup;
  /** Channels by name; built from the config when absent (tests inject their own). */
  notifiers?: Map<string, Notifier>;
  dispatcher?: DispatcherOptions;
  /** Wall clock for created/updated times when the caller passes none. */
  clock?: () => number;
  version?: string;
}

export interface IngestOptions {
  /** Triggering events the caller already holds, by id: spares reading them back from the store. */
  events?: ReadonlyMap<string, SubjectEvent>;
}

export interface IngestResult {
  created: string[];
  deduplicated: string[];
  suppressed: Array<{ rule_id: string; suppression_id: string }>;
  invalid: Array<{ index: number; reason: string }>;
  /** Detections whose alert could not be written (database error), per rule. */
  failed: Array<{ rule_id: string; detections: number; error: string }>;
  incidents: string[];
}

export class AlertService extends RespondQueries {
  private readonly detections: Metric;
  private readonly incidentActions: Metric;
  private readonly dispatcher: NotificationDispatcher;
  private suppressions: ActiveSuppression[] = [];
  private lastPrune = 0;
  private lastRiskFlush = 0;
  private tail: Promise<unknown> = Promise.resolve();
  /** Open alerts, live incidents and risk in memory: ingest decides here and writes once per call. */
  private readonly state: WorkingSet;
  private readonly commitContext: CommitContext;

  private constructor(db: ControlDb, cfg: AlertingConfig, reader: EventReader, criticality: CriticalityLookup, clock: () => number, private readonly opts: AlertServiceOptions) {
    super(db, cfg, reader, criticality, clock);
    // Twice the longest window: enough that live traffic never reads back what it just evicted.
    this.state = new WorkingSet(2 * Math.max(cfg.dedup.window_ms, cfg.grouping.window_ms, cfg.grouping.reopen_within_ms));
    this.commitContext = { db, state: this.state, cfg, criticality };
    const metrics = opts.metrics ?? new MetricsRegistry();
    this.detections = metrics.counter('vigil_alert_detections_total', 'Detections handed to alerting, by outcome (created, deduplicated, suppressed, invalid, failed)');
    this.incidentActions = metrics.counter('vigil_incident_actions_total', 'Incident grouping decisions (created, joined, reopened, merged)');
    const notifiers = opts.notifiers ?? buildNotifiers(cfg.notifications.channels, opts.version);
    this.dispatcher = new NotificationDispatcher(db, cfg.notifications, notifiers, metrics, opts.logger, { clock, ...opts.dispatcher });
  }

  /** Creates the tables when missing, loads the saved suppressions, resumes pending deliveries. */
  static async open(db: ControlDb, opts: AlertServiceOptions = {}): Promise<AlertService> {
    await migrateRespond(db);
    const cfg = opts.config ?? defaultAlertingConfig();
    const reader: EventReader = { ...(opts.store ? { store: opts.store } : {}), ...(opts.search ? { search: opts.search } : {}) };
    const service = new AlertService(db, cfg, reader, opts.criticality ?? (() => 1), opts.clock ?? Date.now, opts);
    await service.reloadSuppressions();
    await reloadState(service.commitContext, service.clock());
    await service.pruneHistory();
    const resumed = await service.dispatcher.resume();
    if (resumed) opts.logger?.info({ deliveries: resumed }, 'resuming notification deliveries left pending');
    return service;
  }

  /**
   * Turns detections into alerts and incidents; resolves once they are committed. Detections of
   * one rule and entity key in the call are folded first, decided in memory, then the call is
   * one transaction (fold by fold only when that one fails, to say which detections failed).
   */
  ingest(detections: readonly Detection[], now: number = this.clock(), opts: IngestOptions = {}): Promise<IngestResult> {
    return this.exclusive(async () => {
      const result: IngestResult = { created: [], deduplicated: [], suppressed: [], invalid: [], failed: [], incidents: [] };
      const valid: Detection[] = [];
      for (const [index, d] of detections.entries()) {
        const reason = invalidDetection(d);
        if (!reason) {
          valid.push(d);
          continue;
        }
        this.detections.inc({ outcome: 'invalid' });
        this.opts.logger?.warn({ index, reason }, 'detection refused by alerting');
        result.invalid.push({ index, reason });
      }
      const kept: Detection[] = [];
      const suppressed: Array<{ suppressionId: string; d: Detection }> = [];
      const events = await this.subjectEventsOf(valid, opts.events);
      for (const d of valid) {
        const suppressionId = this.suppressedBy(d, events);
        if (suppressionId) suppressed.push({ suppressionId, d });
        else kept.push(d);
      }
      const { keys, window_ms, max_event_ids } = this.cfg.dedup;
      const outcome = await commitCall(this.commitContext, foldDetections(kept, keys, window_ms, max_event_ids, now), suppressed, now);
      this.countSuppressed(suppressed, outcome.suppressedError, result);
      for (const { alert, size, applied, error } of outcome.folds) {
        if (!applied) {
          // Rolled back; the caller learns which detections did not become alerts and may retry them.
          this.detections.inc({ outcome: 'failed' }, size);
          this.opts.logger?.error({ rule: alert.rule.id, detections: size, err: error }, 'alert write failed');
          result.failed.push({ rule_id: alert.rule.id, detections: size, error: error ?? 'unknown' });
          continue;
        }
        const merged = applied.created ? size - 1 : size;
        if (applied.created) {
          this.detections.inc({ outcome: 'created' });
          result.created.push(applied.alert.id);
        }
        if (merged) this.detections.inc({ outcome: 'deduplicated' }, merged);
        for (let i = 0; i < merged; i++) result.deduplicated.push(applied.alert.id);
        if (applied.incident && !result.incidents.includes(applied.incident.id)) result.incidents.push(applied.incident.id);
        this.afterCommit(applied);
      }
      this.state.evict();
      await this.flushRiskIfDue(now);
      await this.pruneHistory();
      return result;
    });
  }

  private countSuppressed(suppressed: ReadonlyArray<{ suppressionId: string; d: Detection }>, error: string | undefined, result: IngestResult): void {
    for (const { suppressionId, d } of suppressed) {
      if (error) {
        this.detections.inc({ outcome: 'failed' });
        result.failed.push({ rule_id: d.rule.id, detections: 1, error });
        continue;
      }
      this.detections.inc({ outcome: 'suppressed' });
      result.suppressed.push({ rule_id: d.rule.id, suppression_id: suppressionId });
    }
  }

  /**
   * Deletes delivery log rows and suppressed-detection records older than
   * `history_retention_days` (wall clock), at most once a day; pending deliveries stay.
   */
  async pruneHistory(now: number = this.clock()): Promise<void> {
    const days = this.cfg.history_retention_days;
    if (days <= 0 || now - this.lastPrune < DAY_MS) return;
    this.lastPrune = now;
    const before = now - days * DAY_MS;
    await this.db.transaction(async (tx) => {
      await tx.run("DELETE FROM respond_deliveries WHERE status <> 'pending' AND updated_at < $1", [before]);
      await tx.run('DELETE FROM respond_suppressed WHERE created_at < $1', [before]);
    });
  }

  /** Re-reads suppressions from the database (after one is saved or deleted). */
  async reloadSuppressions(): Promise<void> {
    const active: ActiveSuppression[] = [];
    for (const s of await listSuppressions(this.db)) {
      try {
        active.push(compileSuppression({ name: s.name, ...(s.sigma !== undefined ? { sigma: s.sigma } : { condition: s.condition! }) }, s.id));
      } catch (err) {
        // Saved ones were validated; a rule engine change could still refuse one. Say so, keep the rest.
        this.opts.logger?.error({ suppression: s.id, err: String(err) }, 'suppression no longer compiles; it is not applied');
      }
    }
    this.suppressions = active;
  }

  // Analyst changes go through SQL (they are rare) under the same lock as ingest, then memory is
  // rebuilt from the database so the next detection decides against what they wrote.
  override updateAlerts(ids: readonly string[], patch: AlertPatch, now = this.clock()): Promise<{ updated: Alert[]; not_found: string[] }> {
    return this.exclusive(async () => this.reloaded(await super.updateAlerts(ids, patch, now)));
  }

  override updateIncident(id: string, patch: IncidentPatch, now = this.clock()): Promise<Incident> {
    return this.exclusive(async () => this.reloaded(await super.updateIncident(id, patch, now)));
  }

  override addComment(id: string, author: string, text: string, now = this.clock()): Promise<IncidentComment> {
    return this.exclusive(async () => this.reloaded(await super.addComment(id, author, text, now)));
  }

  private async reloaded<T>(value: T): Promise<T> {
    await reloadState(this.commitContext, this.clock());
    return value;
  }

  protected override beforeRiskRead(): Promise<void> {
    return this.exclusive(() => flushRisk(this.commitContext));
  }

  /** Stored risk trails memory by at most RISK_FLUSH_MS of ingest; a failed write is retried next time. */
  private async flushRiskIfDue(now: number): Promise<void> {
    if (now - this.lastRiskFlush < RISK_FLUSH_MS) return;
    this.lastRiskFlush = now;
    try {
      await flushRisk(this.commitContext);
    } catch (err) {
      this.opts.logger?.warn({ err: String(err) }, 'entity risk could not be written; retried at the next flush');
    }
  }

  protected override async changedSuppressions(): Promise<void> {
    await this.exclusive(() => this.reloadSuppressions());
  }

  /** Resolves when every notification in flight was delivered or gave up. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Waits for ingestion under way; deliveries still retrying stay pending for the next start. */
  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    await flushRisk(this.commitContext).catch((err) => this.opts.logger?.warn({ err: String(err) }, 'entity risk could not be written at close; repaired at the next start'));
    await this.dispatcher.close();
  }

  /**
   * The triggering events of every detection a suppression may need to look at: those the caller
   * handed in, the rest read from the store in one go for the whole call (not per detection).
   */
  private async subjectEventsOf(ds: readonly Detection[], given: IngestOptions['events']): Promise<ReadonlyMap<string, SubjectEvent>> {
    if (!this.suppressions.some((s) => s.needsEvents)) return new Map();
    const missing = ds.flatMap((d) => d.eventIds.filter((id) => !given?.has(id)));
    if (missing.length === 0) return given ?? new Map();
    const all = new Map(given ?? []);
    try {
      for (const e of await eventsByIds(this.reader, [...new Set(missing)])) all.set(e.id, e);
    } catch (err) {
      // Without their events suppressions cannot look: those detections stay alerts (fail open).
      this.opts.logger?.warn({ detections: ds.length, err: String(err) }, 'events of detections could not be read for suppressions');
    }
    return all;
  }

  private suppressedBy(d: Detection, events: ReadonlyMap<string, SubjectEvent>): string | undefined {
    if (this.suppressions.length === 0) return undefined;
    const subject = { rule: d.rule, kind: d.kind, entities: d.entities, events: d.eventIds.map((id) => events.get(id)).filter((e): e is SubjectEvent => e !== undefined) };
    return this.suppressions.find((s) => s.matches(subject))?.id;
  }

  private afterCommit(applied: Applied): void {
    const a = applied.assignment;
    if (a) {
      this.incidentActions.inc({ action: a.action });
      if (a.merged.length) this.incidentActions.inc({ action: 'merged' }, a.merged.length);
    }
    if (!applied.created) return;
    const base: Omit<Notification, 'trigger'> = { level: applied.alert.rule.level, rule_ids: [applied.alert.rule.id], alert: applied.alert, ...(applied.incident ? { incident: applied.incident } : {}) };
    this.dispatcher.notify({ trigger: 'alert.created', ...base });
    if (a?.action === 'created') this.dispatcher.notify({ trigger: 'incident.created', ...base, level: a.incident.level });
    if (a?.action === 'reopened') this.dispatcher.notify({ trigger: 'incident.reopened', ...base, level: a.incident.level });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
