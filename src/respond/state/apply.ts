/**
 * De-duplication, grouping and risk decided in memory (the same rules as documented in
 * docs/alerts-and-incidents.md): a folded alert grows the open alert it overlaps or is created
 * and put into an incident (joined, merged, reopened or new). Every change goes to the working
 * set (so the next fold sees it) and to `Changes` (so the call writes it once).
 */
import { ENTITY_KINDS, mergeEntities, type Entities } from '../../detect/detection.js';
import type { AlertingConfig } from '../config.js';
import { combineAlerts } from '../dedup.js';
import { incidentTitle, keyPairs, type Assignment, type IncidentAction } from '../grouping.js';
import { levelRank, type Alert, type Incident } from '../model.js';
import { DETECTION_LEVELS } from '../../detect/detection.js';
import { newId } from '../store/rows.js';
import type { Changes } from './changes.js';
import { newEntities } from '../ingest.js';
import { pairKey, type IncidentState, type WorkingSet } from './working-set.js';

export interface Applied {
  alert: Alert;
  created: boolean;
  incident?: Incident;
  assignment?: Assignment;
}

export function applyFold(state: WorkingSet, changes: Changes, fold: Alert, cfg: AlertingConfig, now: number): Applied {
  state.observe(fold.last_seen, now);
  const existing = state.dedupTarget(fold.dedup_key, fold.first_seen, fold.last_seen, cfg.dedup.window_ms);
  if (!existing) {
    const assignment = assign(state, changes, fold, cfg.grouping, now);
    const alert = state.alerts.get(fold.id)!;
    addAlertEntityRows(changes, alert.id, alert.entities);
    countRisk(state, changes, alert.entities, alert, +1);
    return { alert, created: true, incident: assignment.incident, assignment };
  }
  const alert = combineAlerts(existing, fold, cfg.dedup.max_event_ids, now);
  putAlert(state, changes, alert);
  const added = newEntities(existing.entities, alert.entities);
  if (added) addAlertEntityRows(changes, alert.id, added);
  const levelChanged = alert.rule.level !== existing.rule.level;
  const s = alert.incident_id ? state.incidents.get(alert.incident_id) : undefined;
  let incident: Incident | undefined;
  if (s) {
    summarize(s, alert.rule.title, alert, 0);
    if (added || levelChanged) {
      incident = refresh(s, addIncidentEntities(state, changes, s, added ?? {}), now);
    } else {
      // Only the span can have changed: level and title stay (as the SQL path did).
      incident = { ...s.incident, first_seen: Math.min(s.incident.first_seen, alert.first_seen), last_seen: Math.max(s.incident.last_seen, alert.last_seen), updated_at: now };
    }
    putIncident(changes, s, incident);
  }
  // Stored risk is rewritten only when the alert's level or entities changed; the aggregate always follows.
  countRisk(state, changes, existing.entities, existing, -1, false);
  countRisk(state, changes, alert.entities, alert, +1, Boolean(added || levelChanged));
  return { alert, created: false, ...(incident ? { incident } : {}) };
}

function overlaps(a: Pick<Alert, 'first_seen' | 'last_seen'>, i: Incident, slackMs: number): boolean {
  return a.first_seen <= i.last_seen + slackMs && a.last_seen >= i.first_seen - slackMs;
}

function assign(state: WorkingSet, changes: Changes, alert: Alert, cfg: AlertingConfig['grouping'], now: number): Assignment {
  const candidates = state.incidentsSharing(keyPairs(alert, cfg.keys), alert.first_seen - Math.max(cfg.window_ms, cfg.reopen_within_ms));
  const open = candidates.filter((s) => s.incident.status !== 'closed' && overlaps(alert, s.incident, cfg.window_ms));
  const merged: string[] = [];
  let chosen: { state: IncidentState; action: IncidentAction } | undefined;
  if (open.length > 0) {
    open.sort((a, b) => a.incident.first_seen - b.incident.first_seen || a.incident.created_at - b.incident.created_at || (a.incident.id < b.incident.id ? -1 : 1));
    const survivor = open[0];
    for (const other of open.slice(1)) {
      mergeInto(state, changes, other, survivor, now);
      merged.push(other.incident.id);
    }
    chosen = { state: survivor, action: 'joined' };
  } else {
    const closed = candidates.find((s) => s.incident.status === 'closed' && alert.first_seen <= s.incident.last_seen + cfg.reopen_within_ms && alert.last_seen >= s.incident.first_seen - cfg.window_ms);
    if (closed) {
      closed.incident = { ...closed.incident, status: 'open', resolution: null, closed_at: null };
      chosen = { state: closed, action: 'reopened' };
    }
  }
  if (!chosen) {
    const incident: Incident = {
      id: newId('inc', now), title: alert.rule.title, status: 'open', resolution: null, assignee: null, level: alert.rule.level,
      first_seen: alert.first_seen, last_seen: alert.last_seen, alert_count: 1, merged_into: null, created_at: now, updated_at: now, closed_at: null,
    };
    chosen = { state: { incident, entities: {}, rules: new Map() }, action: 'created' };
    changes.created.add(incident.id);
    state.putIncident(chosen.state);
  }
  const s = chosen.state;
  putAlert(state, changes, { ...alert, incident_id: s.incident.id });
  changes.created.add(alert.id);
  summarize(s, alert.rule.title, alert, 1);
  if (chosen.action === 'created') {
    const entities = addIncidentEntities(state, changes, s, alert.entities, false);
    const incident = { ...s.incident, title: incidentTitle([alert.rule.title], entities) };
    putIncident(changes, s, incident);
    return { incident, action: 'created', merged };
  }
  const incident = refresh(s, addIncidentEntities(state, changes, s, alert.entities), now);
  putIncident(changes, s, incident);
  return { incident, action: chosen.action, merged };
}

/** `other` into `survivor`: alerts, entities, rule summary (comments move in SQL); `other` is closed as merged. */
function mergeInto(state: WorkingSet, changes: Changes, other: IncidentState, survivor: IncidentState, now: number): void {
  changes.merges.push({ from: other.incident.id, into: survivor.incident.id });
  for (const a of state.alerts.values()) if (a.incident_id === other.incident.id) putAlert(state, changes, { ...a, incident_id: survivor.incident.id });
  for (const a of changes.alerts.values()) if (a.incident_id === other.incident.id) changes.alerts.set(a.id, { ...a, incident_id: survivor.incident.id });
  addIncidentEntities(state, changes, survivor, sortedEntities(other.entities));
  for (const [title, r] of other.rules) {
    const into = survivor.rules.get(title);
    survivor.rules.set(title, into ? { rank: Math.max(into.rank, r.rank), first_seen: Math.min(into.first_seen, r.first_seen), last_seen: Math.max(into.last_seen, r.last_seen), alerts: into.alerts + r.alerts } : { ...r });
  }
  changes.incidents.set(other.incident.id, { ...other.incident, status: 'closed', resolution: 'merged', merged_into: survivor.incident.id, alert_count: 0, updated_at: now, closed_at: now });
  state.dropIncident(other.incident.id);
  if (other.incident.assignee && !survivor.incident.assignee) survivor.incident = { ...survivor.incident, assignee: other.incident.assignee };
}

/** Level, span, alert count and title from the rule summary (what the SQL path read with one query). */
function refresh(s: IncidentState, entities: Entities, now: number): Incident {
  const byTitle = [...s.rules].map(([title, r]) => ({ title, ...r }));
  byTitle.sort((a, b) => b.rank - a.rank || a.first_seen - b.first_seen || (a.title < b.title ? -1 : 1));
  return {
    ...s.incident,
    level: DETECTION_LEVELS[byTitle[0].rank],
    first_seen: Math.min(...byTitle.map((t) => t.first_seen)),
    last_seen: Math.max(...byTitle.map((t) => t.last_seen)),
    alert_count: byTitle.reduce((n, t) => n + t.alerts, 0),
    title: incidentTitle(byTitle.map((t) => t.title), entities),
    updated_at: now,
  };
}

function summarize(s: IncidentState, title: string, a: Alert, added: number): void {
  const r = s.rules.get(title);
  const rank = levelRank(a.rule.level);
  s.rules.set(title, r ? { rank: Math.max(r.rank, rank), first_seen: Math.min(r.first_seen, a.first_seen), last_seen: Math.max(r.last_seen, a.last_seen), alerts: r.alerts + added }
    : { rank, first_seen: a.first_seen, last_seen: a.last_seen, alerts: added });
}

function putAlert(state: WorkingSet, changes: Changes, a: Alert): void {
  state.putAlert(a);
  changes.alerts.set(a.id, a);
}

function putIncident(changes: Changes, s: IncidentState, next: Incident): void {
  s.incident = next;
  changes.incidents.set(next.id, next);
}

/**
 * Records the values the incident lacks and answers all of them, ordered as the SQL path read
 * them (stored values sorted, then the new ones; `stored: false` for a new incident).
 */
function addIncidentEntities(state: WorkingSet, changes: Changes, s: IncidentState, entities: Entities, stored = true): Entities {
  const have = stored ? sortedEntities(s.entities) : {};
  for (const kind of ENTITY_KINDS) {
    for (const value of entities[kind] ?? []) {
      if (s.entities[kind]?.includes(value)) continue;
      (s.entities[kind] ??= []).push(value);
      changes.incidentEntities.push([s.incident.id, kind, value]);
      state.indexEntity(s.incident.id, kind, value);
    }
  }
  return mergeEntities(have, entities);
}

function sortedEntities(e: Entities): Entities {
  const out: Entities = {};
  for (const kind of ENTITY_KINDS) if (e[kind]?.length) out[kind] = [...new Set(e[kind])].sort();
  return out;
}

function addAlertEntityRows(changes: Changes, alertId: string, entities: Entities): void {
  for (const kind of ENTITY_KINDS) for (const value of entities[kind] ?? []) changes.alertEntities.push([alertId, kind, value]);
}

/** Adds (+1) or removes (-1) an alert from its entities' risk aggregates; `write` marks them for the database. */
function countRisk(state: WorkingSet, changes: Changes, entities: Entities, a: Alert, sign: 1 | -1, write = true): void {
  for (const kind of ENTITY_KINDS) {
    for (const value of entities[kind] ?? []) {
      const agg = state.riskOf(kind, value);
      agg.counts[levelRank(a.rule.level)] += sign;
      if (sign > 0) agg.last_seen = Math.max(agg.last_seen, a.last_seen);
      if (write) changes.risk.set(pairKey(kind, value), { kind, value });
    }
  }
}
