/**
 * Alerting's one entry point. Detections go in through `ingest`; the HTTP routes read and change
 * alerts, incidents and suppressions through the other methods. Writes are serialized (one
 * detection at a time decides de-duplication and grouping against committed state), each
 * detection in one transaction; notifications go out after the commit, in the background.
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
import { applyFolded, invalidDetection, type Applied } from './ingest.js';
import { migrateRespond } from './migrate.js';
import { buildNotifiers, NotificationDispatcher, type DispatcherOptions, type Notification, type Notifier } from './notify/index.js';
import type { CriticalityLookup } from './store/risk-repo.js';
import { compileSuppression, listSuppressions, recordSuppressed, type ActiveSuppression } from './suppress/suppressions.js';
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
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(db: ControlDb, cfg: AlertingConfig, reader: EventReader, criticality: CriticalityLookup, clock: () => number, private readonly opts: AlertServiceOptions) {
    super(db, cfg, reader, criticality, clock);
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
    await service.pruneHistory();
    const resumed = await service.dispatcher.resume();
    if (resumed) opts.logger?.info({ deliveries: resumed }, 'resuming notification deliveries left pending');
    return service;
  }

  /**
   * Turns detections into alerts and incidents; resolves once they are committed. Detections of
   * one rule and entity key in the call are folded first (one write per burst), then each fold
   * is one transaction.
   */
  ingest(detections: readonly Detection[], now: number = this.clock(), opts: IngestOptions = {}): Promise<IngestResult> {
    return this.exclusive(async () => {
      const result: IngestResult = { created: [], deduplicated: [], suppressed: [], invalid: [], failed: [], incidents: [] };
      const kept: Detection[] = [];
      for (const [index, d] of detections.entries()) {
        const reason = invalidDetection(d);
        if (reason) {
          this.detections.inc({ outcome: 'invalid' });
          this.opts.logger?.warn({ index, reason }, 'detection refused by alerting');
          result.invalid.push({ index, reason });
          continue;
        }
        const suppressionId = await this.suppressedBy(d, opts.events);
        if (!suppressionId) {
          kept.push(d);
          continue;
        }
        await this.db.transaction((tx) => recordSuppressed(tx, suppressionId, d, now));
        this.detections.inc({ outcome: 'suppressed' });
        result.suppressed.push({ rule_id: d.rule.id, suppression_id: suppressionId });
      }
      const { keys, window_ms, max_event_ids } = this.cfg.dedup;
      for (const { alert, size } of foldDetections(kept, keys, window_ms, max_event_ids, now)) {
        let applied: Applied;
        try {
          applied = await this.db.transaction((tx) => applyFolded(tx, alert, this.cfg, this.criticality, now));
        } catch (err) {
          // Rolled back; the caller learns which detections did not become alerts and may retry them.
          this.detections.inc({ outcome: 'failed' }, size);
          this.opts.logger?.error({ rule: alert.rule.id, detections: size, err: String(err) }, 'alert write failed');
          result.failed.push({ rule_id: alert.rule.id, detections: size, error: String(err) });
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
      await this.pruneHistory();
      return result;
    });
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
    await this.dispatcher.close();
  }

  private async suppressedBy(d: Detection, given: IngestOptions['events']): Promise<string | undefined> {
    if (this.suppressions.length === 0) return undefined;
    let events: SubjectEvent[] | undefined;
    for (const s of this.suppressions) {
      if (s.needsEvents && events === undefined) {
        const held = given ? d.eventIds.map((id) => given.get(id)).filter((e): e is SubjectEvent => e !== undefined) : [];
        try {
          events = held.length === d.eventIds.length ? held : await eventsByIds(this.reader, d.eventIds);
        } catch (err) {
          // Without its events a suppression cannot look: the detection stays an alert (fail open).
          this.opts.logger?.warn({ rule: d.rule.id, err: String(err) }, 'events of a detection could not be read for suppressions');
          events = [];
        }
      }
      if (s.matches({ rule: d.rule, kind: d.kind, entities: d.entities, events: events ?? [] })) return s.id;
    }
    return undefined;
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
