/**
 * AWS CloudTrail management events: the native record has the CloudTrail JSON keys (what the
 * Sigma aws rules match: eventSource, eventName, userIdentity.*, requestParameters.*), the ECS
 * fields follow Elastic's aws.cloudtrail mapping.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { demoCountryOf } from '../geo.js';
import type { RecordContext } from './context.js';

export interface CloudIdentity {
  type: 'IAMUser' | 'AssumedRole';
  principal_id: string;
  arn: string;
  account_id: string;
  access_key_id: string;
  /** IAM user name, or the role session name for assumed roles. */
  user_name: string;
  /** For assumed roles: the role behind the session. */
  role?: { name: string; arn: string; principal_id: string };
}

export interface CloudApiCall {
  ts: number;
  identity: CloudIdentity;
  event_source: string;
  event_name: string;
  region: string;
  /** An IP address, or an AWS service name when a service called on the principal's behalf. */
  source_ip: string;
  user_agent: string;
  request_parameters: Record<string, unknown> | null;
  response_elements: Record<string, unknown> | null;
  read_only: boolean;
  event_category: string[];
  event_type: string[];
  error_code?: string;
  error_message?: string;
  /** 'AwsConsoleSignIn' for console logins. */
  cloudtrail_event_type?: 'AwsApiCall' | 'AwsConsoleSignIn';
  additional_event_data?: Record<string, unknown>;
}

function userIdentity(id: CloudIdentity, ts: string): Record<string, unknown> {
  const base: Record<string, unknown> = {
    type: id.type,
    principalId: id.principal_id,
    arn: id.arn,
    accountId: id.account_id,
    accessKeyId: id.access_key_id,
  };
  if (id.type === 'IAMUser') {
    base['userName'] = id.user_name;
    return base;
  }
  const role = id.role ?? { name: 'unknown', arn: id.arn, principal_id: id.principal_id };
  base['sessionContext'] = {
    sessionIssuer: {
      type: 'Role',
      principalId: role.principal_id,
      arn: role.arn,
      accountId: id.account_id,
      userName: role.name,
    },
    webIdFederationData: {},
    attributes: { creationDate: ts, mfaAuthenticated: 'false' },
  };
  return base;
}

export function cloudTrailRecord(ctx: RecordContext, c: CloudApiCall): NormalizedRecord {
  const eventTime = ctx.time.isoSeconds(c.ts);
  const eventId = ctx.rng.uuid();
  const native: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: userIdentity(c.identity, eventTime),
    eventTime,
    eventSource: c.event_source,
    eventName: c.event_name,
    awsRegion: c.region,
    sourceIPAddress: c.source_ip,
    userAgent: c.user_agent,
    requestParameters: c.request_parameters,
    responseElements: c.response_elements,
    requestID: ctx.rng.uuid(),
    eventID: eventId,
    readOnly: c.read_only,
    eventType: c.cloudtrail_event_type ?? 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: c.identity.account_id,
    eventCategory: 'Management',
  };
  if (c.error_code !== undefined) {
    native['errorCode'] = c.error_code;
    native['errorMessage'] = c.error_message ?? c.error_code;
  }
  if (c.additional_event_data !== undefined) native['additionalEventData'] = c.additional_event_data;

  const fields: EcsFields = {
    'event.kind': 'event',
    // Copies: callers pass catalog arrays shared by every record.
    'event.category': c.event_category.slice(),
    'event.type': c.event_type.slice(),
    'event.action': c.event_name,
    'event.provider': c.event_source,
    'event.outcome': c.error_code === undefined ? 'success' : 'failure',
    'event.dataset': 'aws.cloudtrail',
    'event.module': 'aws',
    'event.id': eventId,
    'cloud.provider': 'aws',
    'cloud.account.id': c.identity.account_id,
    'cloud.region': c.region,
    'user.name': c.identity.user_name,
    'user.id': c.identity.principal_id,
    'user_agent.original': c.user_agent,
    'aws.cloudtrail.user_identity.type': c.identity.type,
    'aws.cloudtrail.user_identity.arn': c.identity.arn,
    'aws.cloudtrail.user_identity.access_key_id': c.identity.access_key_id,
  };
  // Calls a service makes for a principal carry the service's name instead of an address.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(c.source_ip)) {
    fields['source.ip'] = c.source_ip;
    const country = demoCountryOf(c.source_ip);
    if (country !== undefined) fields['source.geo.country_iso_code'] = country;
  } else {
    fields['source.address'] = c.source_ip;
  }
  return { ts: c.ts, fields, native, logsource: { product: 'aws', service: 'cloudtrail' } };
}
