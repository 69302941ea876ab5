/**
 * Azure logs as one TextFormat (`--format azure`): diagnostic-settings exports as written to a
 * storage account (`{"records":[...]}` per blob, or one record per line) or Event Hub, and REST
 * API lists (`{"value":[...]}`). Each record goes to its log's mapper by `category`, which
 * decides the Sigma logsource: signinlogs, auditlogs, riskdetection, else activitylogs.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { cloudJsonFormat, firstLineHas } from '../shared/format-factory.js';
import { mapAzureActivity } from './activity-map.js';
import { mapAzureAudit } from './audit-map.js';
import { text } from './common.js';
import { mapAzureSignIn } from './signin-map.js';

const SIGNIN_CATEGORIES = new Set(['signinlogs', 'noninteractiveusersigninlogs', 'serviceprincipalsigninlogs', 'managedidentitysigninlogs', 'adfssigninlogs']);
const RISK_CATEGORIES = new Set(['userriskevents', 'riskyusers', 'serviceprincipalriskevents', 'riskyserviceprincipals']);

export function mapAzureRecord(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  if (!text(rec.operationName) && !obj(rec.properties)) fail('not an Azure log record: neither operationName nor properties');
  const category = text(rec.category)?.toLowerCase() ?? '';
  if (SIGNIN_CATEGORIES.has(category)) return mapAzureSignIn(rec, ctx);
  // Entra audit records also arrive under other category names from some exporters; their
  // `/tenants/` resource id and `initiatedBy` tell them apart from subscription activity.
  const props = obj(rec.properties) ?? {};
  if (category === 'auditlogs' || (str(rec.resourceId)?.toLowerCase().startsWith('/tenants/') && obj(props.initiatedBy))) return mapAzureAudit(rec, ctx);
  if (RISK_CATEGORIES.has(category)) {
    const r = mapAzureSignIn(rec, ctx);
    r.logsource = { product: 'azure', service: 'riskdetection' };
    r.fields['event.category'] = ['intrusion_detection'];
    r.fields['event.type'] = ['indicator'];
    r.fields['event.dataset'] = 'azure.identity_protection';
    return r;
  }
  return mapAzureActivity(rec, ctx);
}

export const azureFormat = cloudJsonFormat({
  name: 'azure',
  description: 'Azure Activity, Entra ID sign-in, audit and risk logs (diagnostic-settings {"records":[...]} blobs, Event Hub NDJSON, REST {"value":[...]})',
  wrapperKeys: ['records', 'value'],
  map: mapAzureRecord,
  sniff: (head) => /^\s*\{\s*"records"\s*:\s*\[/.test(head) || firstLineHas(head, /"operationName"\s*:/, /"(resourceId|ResourceId)"\s*:/, /"(time|category|eventTimestamp)"\s*:/),
});
