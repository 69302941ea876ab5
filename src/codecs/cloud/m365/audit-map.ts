/**
 * Microsoft 365 Unified Audit Log records (Office 365 Management Activity API common schema:
 * `CreationTime`, `Operation`, `Workload`, `RecordType`, `UserId`, `ClientIP`, plus the
 * workload's own fields). Exporters differ in key case (`clientip`), so keys are looked up
 * case-insensitively; `native` keeps the record as delivered.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { EcsBuilder, keyReader, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { cloudJsonFormat, firstLineHas } from '../shared/format-factory.js';

const SUCCESS = new Set(['succeeded', 'success', 'true', 'partiallysucceeded']);
const FAILURE = new Set(['failed', 'failure', 'false']);

/** Security & Compliance alerts are what SigmaHQ's m365 threat_management rules are about. */
function serviceOf(workload: string | undefined): string {
  return workload?.toLowerCase() === 'securitycompliancecenter' ? 'threat_management' : 'audit';
}

function categoriesOf(workload: string, operation: string): string[] {
  if (/^user(logged|login)/i.test(operation)) return ['authentication'];
  if (/(user|member|role|group|password|serviceprincipal)/i.test(operation) && /azureactivedirectory/i.test(workload)) return ['iam'];
  if (/^(exchange|microsoftteams)$/i.test(workload)) return ['email'];
  if (/^(sharepoint|onedrive)$/i.test(workload)) return ['file'];
  return ['api'];
}

/** `ExtendedProperties: [{Name: "UserAgent", Value: ...}]` of Azure AD records. */
function extendedProperty(props: unknown, name: string): string | undefined {
  if (!Array.isArray(props)) return undefined;
  for (const p of props.map(obj)) if (p && str(p.Name)?.toLowerCase() === name.toLowerCase()) return str(p.Value);
  return undefined;
}

export function mapM365Record(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const get = keyReader(rec);
  const operation = str(get('operation'));
  const workload = str(get('workload'));
  if (!operation) fail('not a Unified Audit Log record: no Operation');
  // Workload is in the common schema, but some exports of Azure AD sign-ins leave it out.
  if (!workload && get('recordtype') === undefined) fail('not a Unified Audit Log record: neither Workload nor RecordType');
  const result = str(get('resultstatus'))?.toLowerCase();
  const logonFailed = /loginfailed/i.test(operation);
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', categoriesOf(workload ?? '', operation))
    .set('event.type', [/^userlogged|^userlogin/i.test(operation) ? 'start' : (typeFromVerb(operation.replace(/^(New|Add)-?/i, 'create').replace(/-/g, '')) ?? 'info')])
    .set('event.action', operation)
    .set('event.provider', workload)
    .set('event.outcome', logonFailed ? 'failure' : result === undefined ? undefined : SUCCESS.has(result) ? 'success' : FAILURE.has(result) ? 'failure' : 'unknown')
    .str('event.code', get('recordtype'))
    .str('event.id', get('id'))
    .str('event.reason', get('logonerror'))
    .str('organization.id', get('organizationid'))
    .str('user.name', get('userid'))
    .str('user.id', get('userkey'))
    .str('user.domain', str(get('userid'))?.split('@')[1])
    .str('user_agent.original', get('useragent') ?? extendedProperty(get('extendedproperties'), 'UserAgent'))
    .ip('source.ip', get('clientip') ?? get('actoripaddress') ?? get('clientipaddress'))
    .set('cloud.service.name', workload)
    .str('file.name', get('sourcefilename'))
    .str('url.original', /^https?:/.test(str(get('objectid')) ?? '') ? get('objectid') : undefined)
    .rel('user', get('userid'));
  return finishRecord({ time: get('creationtime'), timeField: 'CreationTime', dataset: 'o365.audit', ecs, native: rec, logsource: { product: 'm365', service: serviceOf(workload) } }, ctx);
}

export const m365Format = cloudJsonFormat({
  name: 'm365',
  description: 'Microsoft 365 Unified Audit Log records (Management Activity API JSON arrays, Search-UnifiedAuditLog AuditData, NDJSON)',
  wrapperKeys: ['value'],
  map: mapM365Record,
  sniff: (head) => firstLineHas(head, /"(Workload|workload)"\s*:/, /"(Operation|operation)"\s*:/, /"(RecordType|recordtype)"\s*:/),
});
