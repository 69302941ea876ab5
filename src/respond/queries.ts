/**
 * What the HTTP API reads and changes: alerts, incidents with their timeline, entity risk,
 * suppressions (with the preview over history) and the delivery log. AlertService extends it
 * with ingestion; keeping them apart keeps each file about one thing.
 */
import type { ControlDb } from '../control/control-db.js';
import type { EntityKind } from '../detect/detection.js';
import type { AlertingConfig } from './config.js';
import { incidentTimeline, type EventReader, type TimelineEvent } from './events.js';
import { commentOnIncident, RespondError, updateAlerts, updateIncident, type AlertPatch, type IncidentPatch } from './incident-ops.js';
import type { Alert, Delivery, EntityRisk, Incident, IncidentComment } from './model.js';
import { listDeliveries, type DeliveryFilter } from './notify/delivery-log.js';
import { getAlert, listAlerts, alertsOfIncident, type AlertFilter } from './store/alert-repo.js';
import { commentsOf, getIncident, incidentEntities, listIncidents, type IncidentFilter } from './store/incident-repo.js';
import { riskOf, topRisk, type CriticalityLookup } from './store/risk-repo.js';
import { previewSuppression, type PreviewRange, type SuppressionPreview } from './suppress/preview.js';
import { deleteSuppression, insertSuppression, listSuppressed, listSuppressions, compileSuppression, type SuppressedDetection, type Suppression, type SuppressionInput } from './suppress/suppressions.js';

export interface IncidentDetail {
  incident: Incident;
  alerts: Alert[];
  entities: Partial<Record<EntityKind, string[]>>;
  /** Risk of the incident's entities, highest first. */
  risk: EntityRisk[];
  comments: IncidentComment[];
  timeline: { events: TimelineEvent[]; truncated: boolean };
}

export class RespondQueries {
  constructor(
    protected readonly db: ControlDb,
    protected readonly cfg: AlertingConfig,
    protected readonly reader: EventReader,
    protected readonly criticality: CriticalityLookup,
    protected readonly clock: () => number,
  ) {}

  listAlerts(filter: AlertFilter): Promise<{ alerts: Alert[]; total: number }> {
    return listAlerts(this.db, filter);
  }

  getAlert(id: string): Promise<Alert | undefined> {
    return getAlert(this.db, id);
  }

  updateAlerts(ids: readonly string[], patch: AlertPatch, now = this.clock()): Promise<{ updated: Alert[]; not_found: string[] }> {
    return updateAlerts(this.db, ids, patch, this.cfg, this.criticality, now);
  }

  listIncidents(filter: IncidentFilter): Promise<{ incidents: Incident[]; total: number }> {
    return listIncidents(this.db, filter);
  }

  async getIncident(id: string, now = this.clock()): Promise<IncidentDetail | undefined> {
    await this.beforeRiskRead();
    const incident = await getIncident(this.db, id);
    if (!incident) return undefined;
    const [alerts, entities, comments] = [await alertsOfIncident(this.db, id), await incidentEntities(this.db, id), await commentsOf(this.db, id)];
    const pad = this.cfg.timeline_padding_ms;
    const timeline = await incidentTimeline(
      this.reader,
      [...new Set(alerts.flatMap((a) => a.event_ids))],
      entities,
      this.cfg.grouping.keys,
      { from: incident.first_seen - pad, to: incident.last_seen + pad },
      this.cfg.timeline_limit,
      now,
    );
    return { incident, alerts, entities, risk: await riskOf(this.db, entities), comments, timeline };
  }

  updateIncident(id: string, patch: IncidentPatch, now = this.clock()): Promise<Incident> {
    return updateIncident(this.db, id, patch, this.cfg, this.criticality, now);
  }

  addComment(id: string, author: string, text: string, now = this.clock()): Promise<IncidentComment> {
    return commentOnIncident(this.db, id, author, text, now);
  }

  async topRisk(opts: { kind?: EntityKind; limit: number }): Promise<EntityRisk[]> {
    await this.beforeRiskRead();
    return topRisk(this.db, opts);
  }

  listSuppressions(): Promise<Suppression[]> {
    return listSuppressions(this.db);
  }

  /** Validates (compiles) the suppression, saves it and applies it to the next detections. */
  async createSuppression(input: SuppressionInput, user: string, now = this.clock()): Promise<Suppression> {
    compileSuppression(input);
    const saved = await insertSuppression(this.db, input, user, now);
    await this.changedSuppressions();
    return saved;
  }

  async deleteSuppression(id: string): Promise<void> {
    if (!(await deleteSuppression(this.db, id))) throw new RespondError(404, 'not_found', `no suppression ${id}`);
    await this.changedSuppressions();
  }

  /** The detections a suppression hid (kept even after the suppression is deleted). */
  listSuppressed(id: string, limit: number, offset: number): Promise<SuppressedDetection[]> {
    return listSuppressed(this.db, id, limit, offset);
  }

  /** What the suppression would have hidden over stored history, without saving it. */
  previewSuppression(input: SuppressionInput, range: PreviewRange): Promise<SuppressionPreview> {
    return previewSuppression(this.db, this.reader, input, range);
  }

  listDeliveries(f: DeliveryFilter): Promise<Delivery[]> {
    return listDeliveries(this.db, f);
  }

  /** Overridden by AlertService: stored risk is written behind ingest, brought up to date before it is read. */
  protected async beforeRiskRead(): Promise<void> {}

  /** Overridden by AlertService to reload its compiled suppressions. */
  protected async changedSuppressions(): Promise<void> {}
}
