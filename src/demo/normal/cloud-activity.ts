/**
 * Everyday AWS activity: engineers (IAM users) calling from their office egress or home
 * address with their usual tool, workloads (assumed roles) calling from AWS addresses. Normal
 * callers never come from abroad and never touch identities or the trail.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { AWS_CALLS, AWS_REGIONS, CONSOLE_USER_AGENT, ENGINEER_USER_AGENTS, WORKLOAD_USER_AGENT, type AwsCallSpec } from '../catalog/aws-activity.js';
import { WeightedPicker } from '../prng.js';
import { cloudTrailRecord, type CloudIdentity } from '../sources/cloudtrail.js';
import type { DemoWorld } from '../world.js';
import type { NormalContext } from './context.js';

const CALL_PICKER = new WeightedPicker(
  AWS_CALLS,
  AWS_CALLS.map((c) => c.weight),
);

function requestParameters(n: NormalContext, spec: AwsCallSpec, region: string, ts: number): Record<string, unknown> | null {
  const { rng } = n.ctx;
  const aws = n.world.aws;
  switch (spec.params) {
    case 'none':
      return spec.event_source === 'ec2.amazonaws.com' ? { instancesSet: {}, filterSet: {} } : null;
    case 'instances':
      return { instancesSet: { items: [{ instanceId: rng.pick(aws.instance_ids) }] } };
    case 'tags':
      return {
        resourcesSet: { items: [{ resourceId: rng.pick(aws.instance_ids) }] },
        tagSet: { items: [{ key: 'owner', value: 'platform-team' }] },
      };
    case 'bucket':
      return { bucketName: rng.pick(aws.buckets), Host: 's3.amazonaws.com', location: '' };
    case 'role': {
      const role = rng.pick(aws.roles);
      return { roleArn: `arn:aws:iam::${aws.account_id}:role/${role}`, roleSessionName: `session-${rng.hex(8)}`, durationSeconds: 3600 };
    }
    case 'function':
      return { functionName: rng.pick(aws.functions) };
    case 'log-group':
      return { logGroupName: rng.pick(aws.log_groups), logStreamName: `${n.ctx.time.isoSeconds(ts).slice(0, 10).replaceAll('-', '/')}/[$LATEST]${rng.hex(32)}`, limit: 100 };
    case 'parameter':
      return { name: rng.pick(aws.parameters), withDecryption: true };
    case 'key':
      return { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', keyId: `arn:aws:kms:${region}:${aws.account_id}:key/${rng.pick(aws.kms_key_ids)}` };
    case 'metric':
      return { startTime: n.ctx.time.isoSeconds(ts - 3_600_000), endTime: n.ctx.time.isoSeconds(ts), maxDatapoints: 1440 };
  }
}

function engineerCall(world: DemoWorld, n: NormalContext): { identity: CloudIdentity; ip: string; agent: string } {
  const { rng } = n.ctx;
  const engineer = rng.pick(world.engineers);
  const ip = rng.chance(0.7) ? engineer.office.egress_ip : engineer.home_ip;
  // Each engineer sticks to one tool, as people do.
  const agent = ENGINEER_USER_AGENTS[engineer.uid % ENGINEER_USER_AGENTS.length];
  return { identity: engineer.aws as CloudIdentity, ip, agent };
}

export function cloudTrailNormalRecord(n: NormalContext, ts: number): NormalizedRecord {
  const { rng } = n.ctx;
  const { world } = n;
  const spec = CALL_PICKER.pick(rng);

  if (spec.event_name === 'ConsoleLogin') {
    const caller = engineerCall(world, n);
    return cloudTrailRecord(n.ctx, {
      ts,
      identity: caller.identity,
      event_source: spec.event_source,
      event_name: spec.event_name,
      region: 'us-east-1',
      source_ip: caller.ip,
      user_agent: CONSOLE_USER_AGENT,
      request_parameters: null,
      response_elements: { ConsoleLogin: 'Success' },
      read_only: false,
      event_category: spec.event_category,
      event_type: spec.event_type,
      cloudtrail_event_type: 'AwsConsoleSignIn',
      additional_event_data: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'Yes' },
    });
  }

  const region = rng.pick(AWS_REGIONS);
  let identity: CloudIdentity;
  let sourceIp: string;
  let agent: string;
  if (spec.caller === 'engineer') {
    const caller = engineerCall(world, n);
    identity = caller.identity;
    sourceIp = caller.ip;
    agent = caller.agent;
  } else {
    const w = rng.int(world.aws.workloads.length);
    identity = world.aws.workloads[w];
    sourceIp = world.aws.workload_ips[w];
    agent = WORKLOAD_USER_AGENT;
  }
  // Engineers occasionally try something their read-only role does not allow.
  const denied = spec.caller === 'engineer' && rng.chance(0.015);
  return cloudTrailRecord(n.ctx, {
    ts,
    identity,
    event_source: spec.event_source,
    event_name: spec.event_name,
    region,
    source_ip: sourceIp,
    user_agent: agent,
    request_parameters: requestParameters(n, spec, region, ts),
    response_elements: null,
    read_only: spec.read_only,
    event_category: spec.event_category,
    event_type: spec.event_type,
    ...(denied
      ? { error_code: 'AccessDenied', error_message: `User: ${identity.arn} is not authorized to perform: ${spec.event_source.split('.')[0]}:${spec.event_name}` }
      : {}),
  });
}
