/**
 * One AWS CloudTrail record (eventVersion 1.x, the shape documented in "CloudTrail record
 * contents") → ECS fields, with the record kept verbatim as `native` because SigmaHQ's
 * aws/cloudtrail rules match `eventSource`, `eventName`, `userIdentity.arn`, `errorCode`.
 * EventBridge deliveries (`detail-type: AWS API Call via CloudTrail`) are unwrapped to the record.
 */
import type { NormalizedRecord } from '../../../core/event.js';
import { typeFromVerb } from '../shared/action-verbs.js';
import { at, EcsBuilder, obj, str } from '../shared/ecs-builder.js';
import type { MapContext } from '../shared/json-records.js';
import { fail } from '../shared/json-records.js';
import { finishRecord } from '../shared/record.js';

export const CLOUDTRAIL_LOGSOURCE = { product: 'aws', service: 'cloudtrail' } as const;

/** Services whose calls are identity administration or sign-in rather than resource changes. */
const IAM_SOURCES = new Set(['iam.amazonaws.com', 'sts.amazonaws.com', 'sso.amazonaws.com', 'identitystore.amazonaws.com', 'signin.amazonaws.com']);
const AUTH_EVENTS = new Set(['ConsoleLogin', 'CheckMfa', 'GetSessionToken', 'AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSigninToken', 'GetFederationToken', 'Authenticate']);

function unwrapEventBridge(rec: Record<string, unknown>): Record<string, unknown> {
  const detail = obj(rec.detail);
  if (typeof rec['detail-type'] === 'string' && detail && typeof detail.eventName === 'string') return detail;
  return rec;
}

function outcomeOf(rec: Record<string, unknown>): 'success' | 'failure' {
  if (str(rec.errorCode) || str(rec.errorMessage)) return 'failure';
  // ConsoleLogin reports a failed password in responseElements, not as an error.
  const login = str(at(rec, 'responseElements.ConsoleLogin'));
  return login !== undefined && login.toLowerCase() !== 'success' ? 'failure' : 'success';
}

/** The identity's name: an IAM user's name, the role behind a session, or the ARN's last part. */
function userName(identity: Record<string, unknown>): string | undefined {
  const direct = str(identity.userName) ?? str(at(identity, 'sessionContext.sessionIssuer.userName'));
  if (direct) return direct;
  if (str(identity.type) === 'Root') return 'root';
  const arn = str(identity.arn);
  // `arn:aws:iam::123456789012:user/path/alice` → alice; `...:root` → root.
  if (arn) return arn.slice(Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':')) + 1) || arn;
  return str(identity.invokedBy);
}

export function mapCloudTrailRecord(input: Record<string, unknown>, ctx: MapContext): NormalizedRecord {
  const rec = unwrapEventBridge(input);
  const eventName = str(rec.eventName);
  const eventSource = str(rec.eventSource);
  if (!eventName) fail('not a CloudTrail record: no eventName');
  if (!eventSource) fail('not a CloudTrail record: no eventSource');
  const identity = obj(rec.userIdentity) ?? {};
  const ecs = new EcsBuilder();
  const categories = ['api'];
  if (IAM_SOURCES.has(eventSource)) categories.push('iam');
  if (AUTH_EVENTS.has(eventName)) categories.push('authentication');
  const type = AUTH_EVENTS.has(eventName) ? 'start' : rec.readOnly === true ? 'access' : (typeFromVerb(eventName) ?? 'info');
  ecs
    .set('event.kind', 'event')
    .set('event.category', categories)
    .set('event.type', [type])
    .set('event.action', eventName)
    .set('event.provider', eventSource)
    .set('event.outcome', outcomeOf(rec))
    .str('event.id', rec.eventID)
    .str('event.code', rec.eventType)
    .set('cloud.provider', 'aws')
    .str('cloud.region', rec.awsRegion)
    .str('cloud.account.id', rec.recipientAccountId ?? identity.accountId)
    .set('cloud.service.name', eventSource.replace(/\.amazonaws\.com$/, ''))
    .str('user.name', userName(identity))
    .str('user.id', identity.principalId)
    .str('user_agent.original', rec.userAgent)
    .str('error.code', rec.errorCode)
    .str('error.message', rec.errorMessage)
    .str('tls.version', str(at(rec, 'tlsDetails.tlsVersion'))?.replace(/^TLSv/i, ''))
    .rel('user', userName(identity));
  const source = str(rec.sourceIPAddress);
  ecs.str('source.address', source).ip('source.ip', source);
  // Calls made by a service on the user's behalf name the service instead of an address.
  if (source && !ecs.fields['source.ip']) ecs.str('source.domain', source);
  return finishRecord({ time: rec.eventTime, timeField: 'eventTime', dataset: 'aws.cloudtrail', ecs, native: rec, logsource: { ...CLOUDTRAIL_LOGSOURCE } }, ctx);
}
