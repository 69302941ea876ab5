/**
 * Grouping alerts into incidents by declarative keys (`grouping.keys`, e.g. user, host, ip).
 *
 * - An alert joins the open incident that shares one of its key entity values and whose event
 *   time span, widened by `window_ms`, overlaps the alert's, whatever the rule.
 * - When it links several open incidents, they are merged into the oldest (earliest first_seen): alerts, entities and
 *   comments move there, and the others are closed with resolution `merged` and `merged_into`.
 * - With no open match, a closed incident sharing a value whose last activity is within
 *   `reopen_within_ms` of the alert is reopened; otherwise a new incident starts.
 * - An alert with no key entity value gets an incident of its own.
 */
import type { ControlDb } from '../control/control-db.js';
import type { EntityKind } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import type { Alert, Incident } from './model.js';
import { maxLevel } from './model.js';
import { alertsOfIncident } from './store/alert-repo.js';
import { addIncidentEntities, getIncident, incidentEntities, incidentsSharing, moveIncidentContents, saveIncident } from './store/incident-repo.js';
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

export async function assignIncident(tx: ControlDb, alert: Alert, cfg: AlertingConfig['grouping'], now: number): Promise<Assignment> {
  const candidates = await incidentsSharing(tx, keyPairs(alert, cfg.keys));
  const open = candidates.filter((i) => i.status !== 'closed' && overlaps(alert, i, cfg.window_ms));
  let incident: Incident;
  let action: IncidentAction;
  const merged: string[] = [];
  if (open.length > 0) {
    open.sort((a, b) => a.first_seen - b.first_seen || a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
    incident = open[0];
    action = 'joined';
    for (const other of open.slice(1)) {
      await moveIncidentContents(tx, other.id, incident.id);
      await saveIncident(tx, { ...other, status: 'closed', resolution: 'merged', merged_into: incident.id, alert_count: 0, updated_at: now, closed_at: now });
      if (other.assignee && !incident.assignee) incident = { ...incident, assignee: other.assignee };
      merged.push(other.id);
    }
  } else {
    const closed = candidates.filter((i) => i.status === 'closed' && alert.first_seen <= i.last_seen + cfg.reopen_within_ms && alert.last_seen >= i.first_seen - cfg.window_ms);
    if (closed.length > 0) {
      incident = { ...closed[0], status: 'open', resolution: null, closed_at: null };
      action = 'reopened';
    } else {
      incident = {
        id: newId('inc', now), title: alert.rule.title, status: 'open', resolution: null, assignee: null, level: alert.rule.level,
        first_seen: alert.first_seen, last_seen: alert.last_seen, alert_count: 0, merged_into: null, created_at: now, updated_at: now, closed_at: null,
      };
      action = 'created';
    }
  }
  await saveIncident(tx, incident);
  await tx.run('UPDATE respond_alerts SET incident_id = $1 WHERE id = $2', [incident.id, alert.id]);
  await addIncidentEntities(tx, incident.id, alert.entities);
  return { incident: await refreshIncident(tx, incident.id, now), action, merged };
}

/** Recomputes an incident's level, span, alert count and title from its alerts. */
export async function refreshIncident(tx: ControlDb, id: string, now: number): Promise<Incident> {
  const incident = await getIncident(tx, id);
  if (!incident) throw new Error(`incident ${id} vanished`);
  const alerts = await alertsOfIncident(tx, id);
  if (alerts.length === 0) return incident;
  const entities = await incidentEntities(tx, id);
  const next: Incident = {
    ...incident,
    level: alerts.reduce((m, a) => maxLevel(m, a.rule.level), alerts[0].rule.level),
    first_seen: Math.min(...alerts.map((a) => a.first_seen)),
    last_seen: Math.max(...alerts.map((a) => a.last_seen)),
    alert_count: alerts.length,
    title: incidentTitle(alerts, entities),
    updated_at: now,
  };
  await saveIncident(tx, next);
  return next;
}

/**
 * "Top alert titles (+N more) — user alice, host web-1": alerts come ordered by level and count,
 * so the title names what matters most and the entities an analyst would pivot on.
 */
export function incidentTitle(alerts: readonly Alert[], entities: Partial<Record<EntityKind, string[]>>): string {
  const titles = [...new Set(alerts.map((a) => a.rule.title))];
  const head = titles.slice(0, 2).join(' + ');
  const more = titles.length > 2 ? ` (+${titles.length - 2} more)` : '';
  const who = (['user', 'host', 'ip'] as const)
    .filter((k) => entities[k]?.length)
    .map((k) => `${k} ${entities[k]!.slice(0, 2).join(', ')}${entities[k]!.length > 2 ? ', …' : ''}`)
    .join('; ');
  const title = `${head}${more}${who ? ` — ${who}` : ''}`;
  return title.length > 300 ? `${title.slice(0, 299)}…` : title;
}
