/**
 * Grouping alerts into incidents by declarative keys (`grouping.keys`, e.g. user, host, ip).
 *
 * - An alert joins the open incident that shares one of its key entity values and whose event
 *   time span, widened by `window_ms`, overlaps the alert's, whatever the rule.
 * - When it links several open incidents, they are merged into the one with the earliest
 *   activity: alerts, entities and comments move there, and the others are closed with
 *   resolution `merged` and `merged_into`.
 * - With no open match, a closed incident sharing a value whose last activity is within
 *   `reopen_within_ms` of the alert is reopened; otherwise a new incident starts.
 * - An alert with no key entity value gets an incident of its own.
 */
import type { ControlDb } from '../control/control-db.js';
import type { Entities, EntityKind } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import type { Alert, Incident } from './model.js';
import { levelRank } from './model.js';
import { insertAlert } from './store/alert-repo.js';
import { addIncidentEntities, incidentRuleSummary, incidentsSharing, insertIncident, moveIncidentContents, updateIncidentRow } from './store/incident-repo.js';
import { newId } from './store/rows.js';

export type IncidentAction = 'created' | 'joined' | 'reopened';

export interface Assignment {
  incident: Incident;
  action: IncidentAction;
  /** Incidents merged into `incident` by this alert. */
  merged: string[];
}

export function keyPairs(alert: Pick<Alert, 'entities'>, keys: readonly EntityKind[]): Array<{ kind: EntityKind; value: string }> {
  return keys.flatMap((kind) => (alert.entities[kind] ?? []).map((value) => ({ kind, value })));
}

function overlaps(a: Pick<Alert, 'first_seen' | 'last_seen'>, i: Incident, slackMs: number): boolean {
  return a.first_seen <= i.last_seen + slackMs && a.last_seen >= i.first_seen - slackMs;
}

/**
 * Puts a new alert (not yet written) into an incident: joins, merges, reopens or creates one,
 * records the alert's entities on it and writes the alert with its incident id.
 */
export async function assignIncident(tx: ControlDb, alert: Alert, cfg: AlertingConfig['grouping'], now: number): Promise<Assignment> {
  // Nothing older than the longer of the two windows can be joined or reopened.
  const candidates = await incidentsSharing(tx, keyPairs(alert, cfg.keys), alert.first_seen - Math.max(cfg.window_ms, cfg.reopen_within_ms));
  const open = candidates.filter((i) => i.status !== 'closed' && overlaps(alert, i, cfg.window_ms));
  const merged: string[] = [];
  let chosen: { incident: Incident; action: IncidentAction } | undefined;
  if (open.length > 0) {
    open.sort((a, b) => a.first_seen - b.first_seen || a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
    let survivor = open[0];
    for (const other of open.slice(1)) {
      await moveIncidentContents(tx, other.id, survivor.id);
      await updateIncidentRow(tx, { ...other, status: 'closed', resolution: 'merged', merged_into: survivor.id, alert_count: 0, updated_at: now, closed_at: now });
      if (other.assignee && !survivor.assignee) survivor = { ...survivor, assignee: other.assignee };
      merged.push(other.id);
    }
    chosen = { incident: survivor, action: 'joined' };
  } else {
    const closed = candidates.find((i) => i.status === 'closed' && alert.first_seen <= i.last_seen + cfg.reopen_within_ms && alert.last_seen >= i.first_seen - cfg.window_ms);
    if (closed) chosen = { incident: { ...closed, status: 'open', resolution: null, closed_at: null }, action: 'reopened' };
  }
  chosen ??= newIncident(alert, now);
  await insertAlert(tx, { ...alert, incident_id: chosen.incident.id });
  const entities = await addIncidentEntities(tx, chosen.incident.id, alert.entities, chosen.action === 'created' ? {} : undefined);
  if (chosen.action === 'created') {
    const incident = { ...chosen.incident, title: incidentTitle([alert.rule.title], entities) };
    await insertIncident(tx, incident);
    return { incident, action: 'created', merged };
  }
  return { incident: await refreshIncident(tx, chosen.incident, entities, now), action: chosen.action, merged };
}

function newIncident(alert: Alert, now: number): { incident: Incident; action: IncidentAction } {
  const incident: Incident = {
    id: newId('inc', now), title: alert.rule.title, status: 'open', resolution: null, assignee: null, level: alert.rule.level,
    first_seen: alert.first_seen, last_seen: alert.last_seen, alert_count: 1, merged_into: null, created_at: now, updated_at: now, closed_at: null,
  };
  return { incident, action: 'created' };
}

/** Recomputes an incident's level, span, alert count and title from its alerts (one query) and writes it. */
export async function refreshIncident(tx: ControlDb, incident: Incident, entities: Entities, now: number): Promise<Incident> {
  const byTitle = await incidentRuleSummary(tx, incident.id);
  if (byTitle.length === 0) return incident;
  // Most severe first, then the earliest: stable while an alert only grows.
  byTitle.sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.first_seen - b.first_seen || (a.title < b.title ? -1 : 1));
  const next: Incident = {
    ...incident,
    level: byTitle[0].level,
    first_seen: Math.min(...byTitle.map((t) => t.first_seen)),
    last_seen: Math.max(...byTitle.map((t) => t.last_seen)),
    alert_count: byTitle.reduce((n, t) => n + t.alerts, 0),
    title: incidentTitle(byTitle.map((t) => t.title), entities),
    updated_at: now,
  };
  await updateIncidentRow(tx, next);
  return next;
}

/**
 * "Top rule titles (+N more) — user alice; host web-1": titles come most severe first, so the
 * title names what matters most and the entities an analyst would pivot on.
 */
export function incidentTitle(titlesBySeverity: readonly string[], entities: Partial<Record<EntityKind, string[]>>): string {
  const titles = [...new Set(titlesBySeverity)];
  const head = titles.slice(0, 2).join(' + ');
  const more = titles.length > 2 ? ` (+${titles.length - 2} more)` : '';
  const who = (['user', 'host', 'ip'] as const)
    .filter((k) => entities[k]?.length)
    .map((k) => `${k} ${entities[k]!.slice(0, 2).join(', ')}${entities[k]!.length > 2 ? ', …' : ''}`)
    .join('; ');
  const title = `${head}${more}${who ? ` — ${who}` : ''}`;
  return title.length > 300 ? `${title.slice(0, 299)}…` : title;
}
