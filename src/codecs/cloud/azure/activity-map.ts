/**
 * Azure Activity Log (subscription control plane: Administrative, Security, Policy, Alert,
 * ServiceHealth, ... categories) in the diagnostic-settings shape, also the REST API's
 * `eventdata` shape (`eventTimestamp`, `caller`, `{value}` wrapped names).
 * `operationName` is the resource provider operation (`MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE`),
 * which SigmaHQ's azure/activitylogs rules match.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { at, EcsBuilder, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { outcomeOf, subscriptionOf, text } from './common.js';

const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const NAME_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';

/** The operation's last segment: `write`, `delete`, `action`, `listKeys/action`. */
function operationType(op: string | undefined): string {
  const segs = (op ?? '').split('/');
  const last = segs[segs.length - 1]?.toLowerCase();
  if (last === 'write') return 'change';
  if (last === 'delete') return 'deletion';
  if (last === 'read') return 'access';
  if (last === 'action') return typeFromVerb(segs[segs.length - 2]) ?? 'change';
  return 'info';
}

export function mapAzureActivity(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const op = text(rec.operationName);
  const claims = obj(at(rec, 'identity.claims')) ?? obj(rec.claims) ?? {};
  const caller = str(rec.caller) ?? str(claims[UPN_CLAIM]) ?? str(claims[NAME_CLAIM]) ?? str(claims.appid);
  const resourceId = str(rec.resourceId) ?? str(rec.ResourceId);
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', ['configuration'])
    .set('event.type', [operationType(op)])
    .str('event.action', op)
    .str('event.provider', text(rec.resourceProviderName) ?? op?.split('/')[0])
    .set('event.outcome', outcomeOf(text(rec.resultType) ?? text(rec.status)))
    .str('event.id', rec.eventDataId ?? rec.correlationId)
    .str('event.reason', rec.resultDescription ?? at(rec, 'properties.message'))
    .str('user.name', caller)
    .str('user.id', claims['http://schemas.microsoft.com/identity/claims/objectidentifier'])
    .ip('source.ip', rec.callerIpAddress ?? at(rec, 'httpRequest.clientIpAddress'))
    .set('cloud.provider', 'azure')
    .str('cloud.account.id', subscriptionOf(resourceId) ?? rec.subscriptionId)
    .str('cloud.region', rec.location)
    .str('cloud.service.name', op?.split('/')[0])
    .rel('user', caller);
  return finishRecord({ time: rec.time ?? rec.eventTimestamp, timeField: 'time', dataset: 'azure.activitylogs', ecs, native: rec, logsource: { product: 'azure', service: 'activitylogs' } }, ctx);
}
