/**
 * Kubernetes audit events (`audit.k8s.io/v1` `Event`, also an `EventList`), as written by the
 * API server's log backend, webhook, or managed services (EKS, GKE, AKS exports). SigmaHQ's
 * kubernetes rules match `verb`, `objectRef.resource`, `objectRef.apiGroup` natively.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { cleanIp, EcsBuilder, num, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { cloudJsonFormat } from '../shared/format-factory.js';

/** Rules use both `product: kubernetes, service: audit` and the same with `category: application`. */
export const K8S_AUDIT_LOGSOURCE = { product: 'kubernetes', service: 'audit', category: 'application' } as const;

const VERB_TYPES: Readonly<Record<string, string>> = {
  create: 'creation', delete: 'deletion', deletecollection: 'deletion', update: 'change', patch: 'change',
  get: 'access', list: 'access', watch: 'access', impersonate: 'admin',
};

export function mapK8sAuditRecord(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const verb = str(rec.verb);
  if (!verb && !str(rec.auditID) && !str(rec.apiVersion)?.startsWith('audit.k8s.io/')) fail('not a Kubernetes audit event: no verb, auditID or audit.k8s.io apiVersion');
  const user = obj(rec.user) ?? {};
  const ref = obj(rec.objectRef) ?? {};
  const code = num(obj(rec.responseStatus)?.code);
  const ips = Array.isArray(rec.sourceIPs) ? rec.sourceIPs : [];
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', ['api'])
    .set('event.type', [(verb && VERB_TYPES[verb]) || 'info'])
    .set('event.action', verb)
    .set('event.provider', 'kubernetes')
    .str('event.id', rec.auditID)
    .set('event.outcome', code === undefined ? undefined : code < 400 ? 'success' : 'failure')
    .set('http.response.status_code', code)
    .str('url.original', rec.requestURI)
    .str('user.name', user.username)
    .str('user.id', user.uid)
    .set('user.group.name', Array.isArray(user.groups) ? user.groups.filter((g): g is string => typeof g === 'string') : undefined)
    .str('user.effective.name', obj(rec.impersonatedUser)?.username)
    .str('user_agent.original', rec.userAgent)
    .ip('source.ip', ips[0])
    .set('orchestrator.type', 'kubernetes')
    .str('orchestrator.namespace', ref.namespace)
    .str('orchestrator.resource.type', ref.resource)
    .str('orchestrator.resource.name', ref.name)
    .str('orchestrator.api_version', ref.apiVersion)
    .rel('user', user.username);
  // Proxies append their own address: every hop is a related IP.
  for (const ip of ips.slice(1)) ecs.rel('ip', cleanIp(ip));
  const time = rec.stageTimestamp ?? rec.requestReceivedTimestamp ?? obj(rec.metadata)?.creationTimestamp;
  return finishRecord({ time, timeField: 'stageTimestamp', dataset: 'kubernetes.audit', ecs, native: rec, logsource: { ...K8S_AUDIT_LOGSOURCE } }, ctx);
}

export const k8sAuditFormat = cloudJsonFormat({
  name: 'k8s_audit',
  description: 'Kubernetes audit events (audit.k8s.io Event per line, or an EventList)',
  wrapperKeys: ['items'],
  map: mapK8sAuditRecord,
  sniff: (head) => /"apiVersion"\s*:\s*"audit\.k8s\.io\/v1(beta1)?"/.test(head),
});
