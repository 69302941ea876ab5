/**
 * Microsoft Entra ID audit logs (diagnostic-settings category AuditLogs): directory changes
 * (users, groups, roles, applications, policies), with the initiator in
 * `properties.initiatedBy` (a user or an app) and what was changed in `properties.targetResources`.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { at, EcsBuilder, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { outcomeOf, text } from './common.js';

export function mapAzureAudit(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const p = obj(rec.properties) ?? {};
  const user = obj(at(p, 'initiatedBy.user')) ?? {};
  const app = obj(at(p, 'initiatedBy.app')) ?? {};
  const activity = str(p.activityDisplayName) ?? text(rec.operationName);
  const targets = Array.isArray(p.targetResources) ? p.targetResources.map(obj).filter((t) => t !== undefined) : [];
  const targetUser = targets.find((t) => str(t.type)?.toLowerCase() === 'user');
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', ['iam'])
    .set('event.type', [typeFromVerb(activity?.split(' ')[0]) ?? 'change'])
    .str('event.action', text(rec.operationName) ?? activity)
    .str('event.provider', p.loggedByService ?? 'Core Directory')
    .set('event.outcome', outcomeOf(str(p.result) ?? str(rec.resultType)))
    .str('event.id', p.id ?? rec.correlationId)
    .str('event.reason', p.resultReason ?? rec.resultDescription)
    .str('user.name', user.userPrincipalName ?? app.servicePrincipalName ?? app.displayName)
    .str('user.full_name', user.displayName)
    .str('user.id', user.id ?? app.servicePrincipalId ?? app.appId)
    .str('user.target.name', targetUser?.userPrincipalName ?? targetUser?.displayName)
    .str('user.target.id', targetUser?.id)
    .ip('source.ip', user.ipAddress ?? rec.callerIpAddress)
    .set('cloud.provider', 'azure')
    .str('cloud.account.id', rec.tenantId)
    .rel('user', user.userPrincipalName)
    .rel('user', targetUser?.userPrincipalName);
  return finishRecord({ time: rec.time ?? p.activityDateTime, timeField: 'time', dataset: 'azure.auditlogs', ecs, native: rec, logsource: { product: 'azure', service: 'auditlogs' } }, ctx);
}
