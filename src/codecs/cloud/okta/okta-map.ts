/**
 * Okta System Log `LogEvent` (the /api/v1/logs schema) → ECS. SigmaHQ's okta/okta rules match
 * `eventType`, `displayMessage`, `outcome.result`, `securityContext.isProxy` on the native record.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { at, EcsBuilder, keyReader, num, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';
import { cloudJsonFormat, firstLineHas } from '../shared/format-factory.js';

export const OKTA_LOGSOURCE = { product: 'okta', service: 'okta' } as const;

const OUTCOMES: Readonly<Record<string, 'success' | 'failure' | 'unknown'>> = {
  SUCCESS: 'success', ALLOW: 'success', FAILURE: 'failure', DENY: 'failure', SKIPPED: 'unknown', UNKNOWN: 'unknown', CHALLENGE: 'unknown',
};

/** ECS categories by the eventType's leading segments (Okta's event type catalogue groups them so). */
function categoriesOf(eventType: string): string[] {
  if (/^user\.(session|authentication|mfa)\./.test(eventType) || eventType.startsWith('security.')) return ['authentication'];
  if (/^(user\.(account|lifecycle)|group\.|application\.user_membership|app\.user_management)/.test(eventType)) return ['iam'];
  if (/^(policy|system|zone|org|app)\./.test(eventType)) return ['configuration'];
  return ['iam'];
}

function typeOf(eventType: string): string {
  if (/\.session\.start$|\.sso$|authenticate/.test(eventType)) return 'start';
  if (/\.session\.end$/.test(eventType)) return 'end';
  const last = eventType.slice(eventType.lastIndexOf('.') + 1);
  // `deactivate` before `activate`, which it contains.
  if (/(deactivate|suspend|lock|delete|revoke|remove|reset)/.test(last)) return 'deletion';
  return typeFromVerb(last) ?? (/(activate|grant|create|add)/.test(last) ? 'creation' : 'info');
}

export function mapOktaRecord(rec: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const get = keyReader(rec);
  const eventType = str(get('eventType'));
  if (!eventType) fail('not an Okta System Log event: no eventType');
  const actor = obj(get('actor')) ?? {};
  const client = obj(get('client')) ?? {};
  const security = obj(get('securityContext')) ?? {};
  const geo = obj(client.geographicalContext) ?? {};
  const outcome = obj(get('outcome')) ?? {};
  const result = str(outcome.result)?.toUpperCase();
  const ecs = new EcsBuilder()
    .set('event.kind', 'event')
    .set('event.category', categoriesOf(eventType))
    .set('event.type', [typeOf(eventType)])
    .set('event.action', eventType)
    .set('event.outcome', result ? (OUTCOMES[result] ?? 'unknown') : undefined)
    .str('event.reason', outcome.reason)
    .str('event.id', get('uuid'))
    .str('message', get('displayMessage'))
    .str('log.level', str(get('severity'))?.toLowerCase())
    .str('user.name', actor.alternateId)
    .str('user.full_name', actor.displayName)
    .str('user.id', actor.id)
    .str('user_agent.original', at(client, 'userAgent.rawUserAgent'))
    .str('source.geo.city_name', geo.city)
    .str('source.geo.region_name', geo.state)
    .str('source.geo.country_name', geo.country)
    .set('source.geo.location.lat', num(at(geo, 'geolocation.lat')))
    .set('source.geo.location.lon', num(at(geo, 'geolocation.lon')))
    .set('source.as.number', num(security.asNumber))
    .str('source.as.organization.name', security.asOrg)
    .str('source.domain', security.domain)
    .ip('source.ip', client.ipAddress)
    .str('client.user.id', actor.type === 'User' ? actor.id : undefined)
    .rel('user', actor.alternateId);
  // The first target that is a user is who the action was done to (password reset, MFA reset...).
  const target = get('target');
  const targets = Array.isArray(target) ? target.map(obj).filter((t) => t !== undefined) : [];
  const targetUser = targets.find((t) => str(t.type) === 'User');
  if (targetUser) ecs.str('user.target.name', targetUser.alternateId).str('user.target.id', targetUser.id).str('user.target.full_name', targetUser.displayName).rel('user', targetUser.alternateId);
  const chain = obj(get('request'))?.ipChain;
  const ipChain = Array.isArray(chain) ? chain : [];
  for (const hop of ipChain) ecs.rel('ip', obj(hop)?.ip);
  return finishRecord({ time: get('published'), timeField: 'published', dataset: 'okta.system', ecs, native: rec, logsource: { ...OKTA_LOGSOURCE } }, ctx);
}

export const oktaFormat = cloudJsonFormat({
  name: 'okta',
  description: 'Okta System Log events (/api/v1/logs JSON array, NDJSON exports)',
  wrapperKeys: [],
  map: mapOktaRecord,
  sniff: (head) => firstLineHas(head, /"eventType"\s*:\s*"[a-z_]+\./, /"published"\s*:/, /"actor"\s*:/),
});
