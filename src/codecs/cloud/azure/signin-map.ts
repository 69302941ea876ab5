/**
 * Microsoft Entra ID (Azure AD) sign-in logs as exported by diagnostic settings (categories
 * SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs, ManagedIdentitySignInLogs):
 * the common schema around `properties`, a signIn resource. `resultType` "0" is success; any
 * other value is the AADSTS error code.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { at, EcsBuilder, num, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { outcomeOf, text } from './common.js';

export function mapAzureSignIn(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const p = obj(rec.properties) ?? {};
  const resultType = str(rec.resultType) ?? str(at(p, 'status.errorCode'));
  const loc = obj(p.location) ?? {};
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', ['authentication'])
    .set('event.type', ['start'])
    .str('event.action', text(rec.operationName) ?? 'Sign-in activity')
    .set('event.provider', 'Microsoft.aadiam')
    .set('event.outcome', outcomeOf(resultType))
    .str('event.id', p.id ?? rec.correlationId)
    .str('event.reason', rec.resultDescription ?? at(p, 'status.failureReason'))
    .str('error.code', resultType !== '0' ? resultType : undefined)
    .str('user.name', p.userPrincipalName ?? p.servicePrincipalName)
    .str('user.full_name', p.userDisplayName ?? rec.identity)
    .str('user.id', p.userId ?? p.servicePrincipalId)
    .str('user.domain', str(p.userPrincipalName)?.split('@')[1])
    .str('user_agent.original', p.userAgent)
    .ip('source.ip', rec.callerIpAddress ?? p.ipAddress)
    .str('source.geo.city_name', loc.city)
    .str('source.geo.region_name', loc.state)
    .str('source.geo.country_iso_code', loc.countryOrRegion)
    .set('source.geo.location.lat', num(at(loc, 'geoCoordinates.latitude')))
    .set('source.geo.location.lon', num(at(loc, 'geoCoordinates.longitude')))
    .str('host.id', at(p, 'deviceDetail.deviceId'))
    .str('host.os.name', at(p, 'deviceDetail.operatingSystem'))
    .set('cloud.provider', 'azure')
    .str('cloud.account.id', rec.tenantId ?? p.tenantId)
    .str('cloud.service.name', p.resourceDisplayName)
    .str('service.target.name', p.appDisplayName)
    .rel('user', p.userPrincipalName);
  return finishRecord({ time: rec.time ?? p.createdDateTime, timeField: 'time', dataset: 'azure.signinlogs', ecs, native: rec, logsource: { product: 'azure', service: 'signinlogs' } }, ctx);
}
