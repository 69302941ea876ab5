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
 *
 * The decisions are made in memory by state/apply.ts; this file holds what they share.
 */
import type { EntityKind } from '../detect/detection.js';
import type { Alert, Incident } from './model.js';

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
