/**
 * Alerts, incidents and notifications (ARCHITECTURE.md §7): detections in, de-duplicated alerts
 * grouped into incidents, entity risk, suppressions with a preview over history, notifications
 * with a delivery log. See docs/alerts-and-incidents.md.
 */
export { AlertService } from './alert-service.js';
export type { AlertServiceOptions, IngestOptions, IngestResult } from './alert-service.js';
export type { IncidentDetail } from './queries.js';
export { alertingSchema, defaultAlertingConfig } from './config.js';
export type { AlertingConfig, ChannelConfig } from './config.js';
export type { Alert, AlertStatus, Incident, IncidentStatus, IncidentComment, EntityRisk, Delivery } from './model.js';
export { ALERT_STATUSES, INCIDENT_STATUSES } from './model.js';
export { RespondError } from './incident-ops.js';
export type { AlertPatch, IncidentPatch } from './incident-ops.js';
export type { AlertFilter } from './store/alert-repo.js';
export type { IncidentFilter } from './store/incident-repo.js';
export type { CriticalityLookup } from './store/risk-repo.js';
export { suppressionInput } from './suppress/suppressions.js';
export type { Suppression, SuppressionInput, SuppressedDetection } from './suppress/suppressions.js';
export { SuppressionInputError } from './suppress/sigma-filter.js';
export type { SubjectEvent } from './suppress/subject.js';
export { subjectEvents } from './suppress/subject.js';
export { migrateRespond } from './migrate.js';
