/**
 * The last step: the attacker uses the victim's AWS access key (read from the workstation)
 * from the same foreign address as the SSH spray, with an offensive distribution's CLI: checks
 * who the key is, backdoors a service user with a new key, makes the victim an administrator,
 * and stops the management trail.
 */
import { cloudTrailRecord, type CloudIdentity } from '../sources/cloudtrail.js';
import type { StoryWriter } from './intrusion.js';

const ATTACKER_USER_AGENT = 'aws-cli/2.13.5 Python/3.11.4 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 prompt/off';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function takeOverCloudAccount(w: StoryWriter, start_ms: number): number {
  const { rng } = w.ctx;
  const { victim, attacker_ip, backdoored_user } = w.cast;
  const identity = victim.aws as CloudIdentity;
  const account = identity.account_id;
  const trailRegion = 'eu-central-1';
  const base = { identity, source_ip: attacker_ip, user_agent: ATTACKER_USER_AGENT, response_elements: null };

  w.add('cloudtrail_change', cloudTrailRecord(w.ctx, {
    ...base, ts: start_ms, event_source: 'sts.amazonaws.com', event_name: 'GetCallerIdentity', region: 'us-east-1',
    request_parameters: null, read_only: true, event_category: ['iam'], event_type: ['info'],
  }));

  const keyAt = start_ms + rng.range(30_000, 60_000);
  const newKey = `AKIA${rng.chars(KEY_ALPHABET, 16)}`;
  w.add('cloudtrail_change', cloudTrailRecord(w.ctx, {
    ...base, ts: keyAt, event_source: 'iam.amazonaws.com', event_name: 'CreateAccessKey', region: 'us-east-1',
    request_parameters: { userName: backdoored_user },
    response_elements: { accessKey: { accessKeyId: newKey, status: 'Active', userName: backdoored_user, createDate: w.ctx.time.isoSeconds(keyAt) } },
    read_only: false, event_category: ['iam'], event_type: ['user', 'creation'],
  }));

  const policyAt = keyAt + rng.range(15_000, 40_000);
  w.add('cloudtrail_change', cloudTrailRecord(w.ctx, {
    ...base, ts: policyAt, event_source: 'iam.amazonaws.com', event_name: 'AttachUserPolicy', region: 'us-east-1',
    request_parameters: { userName: victim.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    read_only: false, event_category: ['iam'], event_type: ['user', 'change'],
  }));

  const stopAt = policyAt + rng.range(20_000, 45_000);
  w.add('cloudtrail_change', cloudTrailRecord(w.ctx, {
    ...base, ts: stopAt, event_source: 'cloudtrail.amazonaws.com', event_name: 'StopLogging', region: trailRegion,
    request_parameters: { name: `arn:aws:cloudtrail:${trailRegion}:${account}:trail/corp-management-trail` },
    read_only: false, event_category: ['configuration'], event_type: ['change'],
  }));
  return stopAt;
}
