/**
 * Analyst actions on alerts and incidents. Closing an incident closes its alerts (so a new
 * detection starts a fresh alert, which may reopen the incident within `reopen_within_ms`) and
 * lowers the risk of their entities; reopening does not reopen the alerts.
 */
import type { ControlDb } from '../control/control-db.js';
import { mergeEntities, type Entities } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import { recomputeEntityRisk } from './ingest.js';
import type { Alert, AlertStatus, Incident, IncidentComment, IncidentStatus } from './model.js';
import { alertsOfIncident, getAlert, updateAlert } from './store/alert-repo.js';
import { addComment, getIncident, updateIncidentRow } from './store/incident-repo.js';
import type { CriticalityLookup } from './store/risk-repo.js';
import { newId } from './store/rows.js';

/** An analyst request the data cannot satisfy: the API maps `status` and `code` directly. */
export class RespondError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface AlertPatch {
  status?: AlertStatus;
  /** null clears the assignee. */
  assignee?: string | null;
}

export async function updateAlerts(
  db: ControlDb,
  ids: readonly string[],
  patch: AlertPatch,
  cfg: AlertingConfig,
  criticality: CriticalityLookup,
  now: number,
): Promise<{ updated: Alert[]; not_found: string[] }> {
  return db.transaction(async (tx) => {
    const updated: Alert[] = [];
    const missing: string[] = [];
    let touched: Entities = {};
    for (const id of new Set(ids)) {
      const a = await getAlert(tx, id);
      if (!a) {
        missing.push(id);
        continue;
      }
      const next: Alert = { ...a, ...(patch.status ? { status: patch.status } : {}), ...(patch.assignee !== undefined ? { assignee: patch.assignee } : {}), updated_at: now };
      await updateAlert(tx, next);
      updated.push(next);
      if (next.status !== a.status) touched = mergeEntities(touched, a.entities);
    }
    await recomputeEntityRisk(tx, touched, cfg, criticality, now);
    return { updated, not_found: missing };
  });
}

export interface IncidentPatch {
  status?: IncidentStatus;
  assignee?: string | null;
  resolution?: string;
}

export async function updateIncident(db: ControlDb, id: string, patch: IncidentPatch, cfg: AlertingConfig, criticality: CriticalityLookup, now: number): Promise<Incident> {
  return db.transaction(async (tx) => {
    const inc = await getIncident(tx, id);
    if (!inc) throw new RespondError(404, 'not_found', `no incident ${id}`);
    if (inc.merged_into) throw new RespondError(409, 'merged', `incident ${id} was merged into ${inc.merged_into}; change that one`);
    const status = patch.status ?? inc.status;
    if (status === 'closed' && inc.status !== 'closed' && !patch.resolution) {
      throw new RespondError(400, 'resolution_required', 'closing an incident needs a resolution (e.g. true_positive, false_positive, benign)');
    }
    const next: Incident = {
      ...inc,
      status,
      ...(patch.assignee !== undefined ? { assignee: patch.assignee } : {}),
      resolution: status === 'closed' ? patch.resolution ?? inc.resolution : null,
      closed_at: status === 'closed' ? inc.closed_at ?? now : null,
      updated_at: now,
    };
    await updateIncidentRow(tx, next);
    if (status === 'closed' && inc.status !== 'closed') {
      let touched: Entities = {};
      for (const a of await alertsOfIncident(tx, id)) {
        if (a.status === 'closed') continue;
        await updateAlert(tx, { ...a, status: 'closed', updated_at: now });
        touched = mergeEntities(touched, a.entities);
      }
      await recomputeEntityRisk(tx, touched, cfg, criticality, now);
    }
    return next;
  });
}

export async function commentOnIncident(db: ControlDb, id: string, author: string, text: string, now: number): Promise<IncidentComment> {
  return db.transaction(async (tx) => {
    const inc = await getIncident(tx, id);
    if (!inc) throw new RespondError(404, 'not_found', `no incident ${id}`);
    const target = inc.merged_into ?? id;
    const c: IncidentComment = { id: newId('cm', now), incident_id: target, author, ts: now, text };
    await addComment(tx, c);
    await updateIncidentRow(tx, { ...(target === id ? inc : (await getIncident(tx, target))!), updated_at: now });
    return c;
  });
}
