/**
 * GCP Cloud Audit Logs: a Cloud Logging `LogEntry` whose `protoPayload` is an `AuditLog`
 * (Admin Activity, Data Access, System Event, Policy Denied). Also Google Workspace audit
 * entries routed to Cloud Logging (`serviceName: admin.googleapis.com`, `login.googleapis.com`),
 * which take the Workspace logsources SigmaHQ uses for them.
 */
import type { Logsource, NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { at, EcsBuilder, num, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { cloudJsonFormat, firstLineHas } from '../shared/format-factory.js';

export const GCP_AUDIT_LOGSOURCE = { product: 'gcp', service: 'gcp.audit' } as const;

/** Workspace services whose audit entries SigmaHQ files under their own services. */
const WORKSPACE_SERVICES: Readonly<Record<string, string>> = {
  'admin.googleapis.com': 'google_workspace.admin',
  'login.googleapis.com': 'google_workspace.login',
};

function logsourceOf(serviceName: string | undefined): Logsource {
  const ws = serviceName ? WORKSPACE_SERVICES[serviceName] : undefined;
  return ws ? { product: 'gcp', service: ws } : { ...GCP_AUDIT_LOGSOURCE };
}

/** The verb of a method name: `v1.compute.firewalls.delete` → delete, `SetIamPolicy` → SetIamPolicy. */
function methodVerb(method: string): string {
  return method.slice(method.lastIndexOf('.') + 1);
}

function workspaceEventName(payload: Record<string, unknown>): string | undefined {
  const events = at(payload, 'metadata.event');
  const first = Array.isArray(events) ? obj(events[0]) : obj(events);
  return str(first?.eventName);
}

function projectOf(rec: Record<string, unknown>): string | undefined {
  return str(at(rec, 'resource.labels.project_id')) ?? /^projects\/([^/]+)\//.exec(str(rec.logName) ?? '')?.[1];
}

export function mapGcpAuditRecord(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const payload = obj(rec.protoPayload);
  if (!payload) fail('not a Cloud Audit Log entry: no protoPayload');
  const method = str(payload.methodName);
  const service = str(payload.serviceName);
  const meta = obj(payload.requestMetadata) ?? {};
  const auth = obj(payload.authenticationInfo) ?? {};
  const statusCode = num(at(payload, 'status.code'));
  const labels = obj(at(rec, 'resource.labels')) ?? {};
  const verb = method ? methodVerb(method) : undefined;
  // Workspace entries name the event as the Reports API does (`metadata.event[].eventName`),
  // which is what their rules and the gworkspace codec call the action.
  const workspaceEvent = service && WORKSPACE_SERVICES[service] ? workspaceEventName(payload) : undefined;
  const principal = str(auth.principalEmail) ?? str(auth.principalSubject);
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', /iam|setiampolicy|serviceaccount/i.test(method ?? '') ? ['api', 'iam'] : ['api'])
    .set('event.type', [typeFromVerb(verb) ?? (/iampolicy/i.test(verb ?? '') ? 'change' : 'info')])
    .set('event.action', workspaceEvent ?? method)
    .set('event.provider', service)
    // google.rpc.Status: code 0 or no status is success.
    .set('event.outcome', statusCode === undefined || statusCode === 0 ? 'success' : 'failure')
    .str('event.id', rec.insertId)
    .str('log.level', str(rec.severity)?.toLowerCase())
    .str('log.logger', rec.logName)
    .str('error.code', statusCode ? statusCode : undefined)
    .str('error.message', at(payload, 'status.message'))
    .str('user.email', principal?.includes('@') ? principal : undefined)
    .str('user.name', principal)
    .str('user_agent.original', meta.callerSuppliedUserAgent)
    .ip('source.ip', meta.callerIp ?? meta.callerIP)
    .set('cloud.provider', 'gcp')
    .str('cloud.project.id', projectOf(rec))
    .str('cloud.account.id', projectOf(rec))
    .str('cloud.region', labels.location ?? labels.region ?? labels.zone)
    .str('cloud.service.name', service?.replace(/\.googleapis\.com$/, ''))
    .str('service.target.name', payload.resourceName)
    .rel('user', principal);
  // Calls made through impersonation name the service account chain; all are related users.
  const delegations = Array.isArray(auth.serviceAccountDelegationInfo) ? auth.serviceAccountDelegationInfo : [];
  for (const d of delegations) ecs.rel('user', at(obj(d) ?? {}, 'firstPartyPrincipal.principalEmail'));
  return finishRecord({ time: rec.timestamp ?? rec.receiveTimestamp, timeField: 'timestamp', dataset: 'gcp.audit', ecs, native: rec, logsource: logsourceOf(service) }, ctx);
}

export const gcpFormat = cloudJsonFormat({
  name: 'gcp',
  description: 'GCP Cloud Audit Logs: LogEntry with protoPayload AuditLog (NDJSON, JSON array, gcloud logging read output)',
  wrapperKeys: ['entries'],
  map: mapGcpAuditRecord,
  // Pretty-printed gcloud output spreads an entry over lines, so the whole head is sniffed.
  sniff: (head) => /^\s*[[{]/.test(head) && /"protoPayload"\s*:/.test(head) && /cloudaudit\.googleapis\.com/.test(head),
});
