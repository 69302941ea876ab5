/**
 * Alerting's working state in memory: the open alerts by de-duplication key, the incidents that
 * can still be joined or reopened with their entities and per-rule summary, and the aggregate
 * behind every entity's risk. Ingest decides against this instead of asking DuckDB a dozen small
 * questions per detection (each costs milliseconds of CPU on an analytical engine); the
 * database stays the source of truth and this is rebuilt from it at open and after analyst changes.
 *
 * Invariant (what makes memory answers equal SQL answers): every open alert and every incident
 * not merged whose `last_seen` is at or after `coveredFrom` (event time) is held here. Ingest
 * first lowers `coveredFrom` when a detection is older (`extendTo`), eviction raises it.
 */
import type { ControlDb } from '../../control/control-db.js';
import type { DetectionLevel, Entities, EntityKind } from '../../detect/detection.js';
import { DETECTION_LEVELS } from '../../detect/detection.js';
import type { Alert, Incident } from '../model.js';
import { ALERT_COLUMNS, rowToAlert } from '../store/alert-repo.js';
import { INCIDENT_COLUMNS, rowToIncident } from '../store/incident-repo.js';
import { num, str } from '../store/rows.js';

/** Per rule title of an incident's alerts (closed ones included): what its level and title come from. */
export interface RuleSummary {
  rank: number;
  first_seen: number;
  last_seen: number;
  alerts: number;
}

export interface IncidentState {
  incident: Incident;
  entities: Entities;
  rules: Map<string, RuleSummary>;
}

/** Per entity value, its alerts that are not closed: counts by level rank and the latest activity. */
export interface RiskAggregate {
  counts: number[];
  last_seen: number;
}

export const pairKey = (kind: string, value: string): string => `${kind}\u0001${value}`;

export class WorkingSet {
  readonly alerts = new Map<string, Alert>();
  private readonly byKey = new Map<string, Set<string>>();
  readonly incidents = new Map<string, IncidentState>();
  private readonly byEntity = new Map<string, Set<string>>();
  readonly risk = new Map<string, RiskAggregate>();
  /** Entity values that have a row in respond_entity_risk (a new one is inserted, not upserted). */
  readonly riskStored = new Set<string>();
  /** Entity values whose row is behind the aggregate, with the time of the change (risk-cache.ts writes them). */
  readonly riskDirty = new Map<string, { kind: EntityKind; value: string; at: number }>();
  /** Event time from which memory holds every open alert and every incident not merged. */
  coveredFrom = Number.NEGATIVE_INFINITY;
  /** The latest event time seen: eviction keeps `keepMs` before it (twice the longest window). */
  watermark = Number.NEGATIVE_INFINITY;

  constructor(private readonly keepMs: number) {}

  /** Everything from the database: risk for all entities, alerts and incidents of the last `keepMs` of activity. */
  async load(db: ControlDb, now: number): Promise<void> {
    this.alerts.clear();
    this.byKey.clear();
    this.incidents.clear();
    this.byEntity.clear();
    this.risk.clear();
    this.riskStored.clear();
    this.riskDirty.clear();
    for (const r of await db.all<{ kind: string; value: string }>('SELECT kind, value FROM respond_entity_risk')) this.riskStored.add(pairKey(r.kind, r.value));
    // The newest activity not beyond the wall clock by more than the kept span (see observe).
    const rows = await db.all<{ ls: unknown }>('SELECT max(last_seen) AS ls FROM respond_incidents WHERE last_seen <= $1', [now + this.keepMs]);
    const latest = rows[0]?.ls;
    this.coveredFrom = Number.POSITIVE_INFINITY;
    this.watermark = latest === null || latest === undefined ? Number.NEGATIVE_INFINITY : num(latest);
    // An empty database: memory is complete for any time.
    await this.extendTo(db, Number.isFinite(this.watermark) ? this.watermark - this.keepMs : Number.NEGATIVE_INFINITY);
    const risk = await db.all<{ kind: string; value: string; level: string; n: unknown; ls: unknown }>(
      `SELECT e.kind AS kind, e.value AS value, a.level AS level, count(*) AS n, max(a.last_seen) AS ls
       FROM respond_alert_entities e JOIN respond_alerts a ON a.id = e.alert_id WHERE a.status <> 'closed' GROUP BY e.kind, e.value, a.level`,
    );
    for (const r of risk) {
      const agg = this.riskOf(str(r.kind), str(r.value));
      agg.counts[DETECTION_LEVELS.indexOf(str(r.level) as DetectionLevel)] += num(r.n);
      agg.last_seen = Math.max(agg.last_seen, num(r.ls));
    }
  }

  /** Makes memory complete from event time `from` on: loads what lies in [from, coveredFrom) (four statements). */
  async extendTo(db: ControlDb, from: number): Promise<void> {
    if (from >= this.coveredFrom) return;
    const lo = Number.isFinite(from) ? from : -Number.MAX_SAFE_INTEGER;
    const hi = Number.isFinite(this.coveredFrom) ? this.coveredFrom : Number.MAX_SAFE_INTEGER;
    const range = [lo, hi];
    for (const r of await db.all(`SELECT ${ALERT_COLUMNS} FROM respond_alerts WHERE status <> 'closed' AND last_seen >= $1 AND last_seen < $2`, range)) {
      const a = rowToAlert(r);
      if (!this.alerts.has(a.id)) this.putAlert(a);
    }
    const inRange = 'SELECT id FROM respond_incidents WHERE merged_into IS NULL AND last_seen >= $1 AND last_seen < $2';
    const loaded = new Map<string, IncidentState>();
    for (const r of await db.all(`SELECT ${INCIDENT_COLUMNS} FROM respond_incidents WHERE merged_into IS NULL AND last_seen >= $1 AND last_seen < $2`, range)) {
      const incident = rowToIncident(r);
      if (!this.incidents.has(incident.id)) loaded.set(incident.id, { incident, entities: {}, rules: new Map() });
    }
    if (loaded.size) {
      const ents = await db.all<{ incident_id: string; kind: string; value: string }>(
        `SELECT DISTINCT incident_id, kind, value FROM respond_incident_entities WHERE incident_id IN (${inRange}) ORDER BY incident_id, kind, value`, range);
      for (const r of ents) {
        const s = loaded.get(r.incident_id);
        if (s) (s.entities[r.kind as EntityKind] ??= []).push(r.value);
      }
      const rules = await db.all(
        `SELECT incident_id, rule_title, max(level_rank) AS rank, min(first_seen) AS first_seen, max(last_seen) AS last_seen, count(*) AS alerts
         FROM respond_alerts WHERE incident_id IN (${inRange}) GROUP BY incident_id, rule_title`, range);
      for (const r of rules) {
        loaded.get(str(r.incident_id))?.rules.set(str(r.rule_title), { rank: num(r.rank), first_seen: num(r.first_seen), last_seen: num(r.last_seen), alerts: num(r.alerts) });
      }
      for (const s of loaded.values()) this.putIncident(s);
    }
    this.coveredFrom = from;
  }

  /** Drops what lies more than `keepMs` before the watermark: the database keeps it. */
  evict(): void {
    const horizon = this.watermark - this.keepMs;
    // Only once an eighth of the kept span has passed: a sweep over everything should not run per call.
    if (!Number.isFinite(horizon) || horizon < this.coveredFrom + this.keepMs / 8) return;
    for (const a of [...this.alerts.values()]) if (a.last_seen < horizon) this.dropAlert(a);
    for (const s of [...this.incidents.values()]) if (s.incident.last_seen < horizon) this.dropIncident(s.incident.id);
    this.coveredFrom = horizon;
  }

  /**
   * Moves the watermark to a newer event time. An event time beyond the wall clock by more than
   * the kept span (a skewed clock) does not: it would evict everything current.
   */
  observe(eventTime: number, now: number): void {
    if (eventTime > this.watermark && eventTime <= now + this.keepMs) this.watermark = eventTime;
  }

  /** The open alert with this key whose span widened by the window overlaps [first, last]; the latest first. */
  dedupTarget(key: string, first: number, last: number, windowMs: number): Alert | undefined {
    let best: Alert | undefined;
    for (const id of this.byKey.get(key) ?? []) {
      const a = this.alerts.get(id)!;
      if (a.status === 'closed' || a.first_seen - windowMs > last || a.last_seen + windowMs < first) continue;
      if (!best || a.last_seen > best.last_seen) best = a;
    }
    return best;
  }

  /** Incidents not merged, active since `since`, holding one of these values; latest activity first. */
  incidentsSharing(pairs: ReadonlyArray<{ kind: EntityKind; value: string }>, since: number): IncidentState[] {
    const out = new Map<string, IncidentState>();
    for (const p of pairs) {
      for (const id of this.byEntity.get(pairKey(p.kind, p.value)) ?? []) {
        const s = this.incidents.get(id)!;
        if (s.incident.last_seen >= since) out.set(id, s);
      }
    }
    return [...out.values()].sort((a, b) => b.incident.last_seen - a.incident.last_seen || (a.incident.id < b.incident.id ? -1 : 1));
  }

  putAlert(a: Alert): void {
    this.alerts.set(a.id, a);
    let ids = this.byKey.get(a.dedup_key);
    if (!ids) this.byKey.set(a.dedup_key, (ids = new Set()));
    ids.add(a.id);
  }

  private dropAlert(a: Alert): void {
    this.alerts.delete(a.id);
    const ids = this.byKey.get(a.dedup_key);
    ids?.delete(a.id);
    if (ids?.size === 0) this.byKey.delete(a.dedup_key);
  }

  putIncident(s: IncidentState): void {
    this.incidents.set(s.incident.id, s);
    for (const [kind, values] of Object.entries(s.entities)) for (const v of values ?? []) this.indexEntity(s.incident.id, kind, v);
  }

  indexEntity(incidentId: string, kind: string, value: string): void {
    const k = pairKey(kind, value);
    let ids = this.byEntity.get(k);
    if (!ids) this.byEntity.set(k, (ids = new Set()));
    ids.add(incidentId);
  }

  /** Removes an incident (evicted, or merged: a merged incident is never a candidate again). */
  dropIncident(id: string): void {
    const s = this.incidents.get(id);
    if (!s) return;
    this.incidents.delete(id);
    for (const [kind, values] of Object.entries(s.entities)) {
      for (const v of values ?? []) {
        const ids = this.byEntity.get(pairKey(kind, v));
        ids?.delete(id);
        if (ids?.size === 0) this.byEntity.delete(pairKey(kind, v));
      }
    }
  }

  riskOf(kind: string, value: string): RiskAggregate {
    const k = pairKey(kind, value);
    let agg = this.risk.get(k);
    if (!agg) this.risk.set(k, (agg = { counts: DETECTION_LEVELS.map(() => 0), last_seen: 0 }));
    return agg;
  }
}
