/**
 * The panther-analysis sample records (cloud-identity-panther corpus): every record of every
 * log type Vigil has a codec for decodes, with its Sigma logsource, and chosen records map to
 * the ECS fields expected from the provider's documentation. The samples are Panther's
 * normalised copies (lower-cased keys, `2022-12-12 15:57:57` times, partial records), which is
 * what makes them a good test of defensive mapping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedRecord } from '../../core/event.js';
import { corpusPath } from '../../testing/corpora.js';
import { decodeWith } from './test-support.js';

/** Panther log type → Vigil format and the service of the logsource every record must get. */
const LOG_TYPES: ReadonlyArray<[string, string, string]> = [
  ['AWS.CloudTrail', 'cloudtrail', 'aws/cloudtrail'],
  ['AWS.VPCFlow', 'vpcflow', 'aws/vpcflow'],
  ['Amazon.EKS.Audit', 'k8s_audit', 'kubernetes/audit'],
  ['Azure.Audit', 'azure', 'azure/'],
  ['GCP.AuditLog', 'gcp', 'gcp/gcp.audit'],
  ['GSuite.ActivityEvent', 'gworkspace', 'gcp/google_workspace.'],
  ['GitHub.Audit', 'github', 'github/audit'],
  ['Microsoft365.Audit.AzureActiveDirectory', 'm365', 'm365/audit'],
  ['Microsoft365.Audit.Exchange', 'm365', 'm365/audit'],
  ['Microsoft365.Audit.SharePoint', 'm365', 'm365/audit'],
  ['Okta.SystemLog', 'okta', 'okta/okta'],
];

function samples(dir: string, logType: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, `${logType}.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { log: Record<string, unknown> }).log);
}

function decodeOne(format: string, log: Record<string, unknown>): NormalizedRecord {
  const r = decodeWith(format, JSON.stringify(log));
  assert.deepEqual(r.rejected, []);
  assert.equal(r.records.length, 1);
  return r.records[0];
}

test('every panther sample record decodes with its logsource and keeps the record verbatim', (t) => {
  const dir = corpusPath(t, 'cloud-identity-panther', 'test-logs');
  if (!dir) return;
  let total = 0;
  for (const [logType, format, logsource] of LOG_TYPES) {
    for (const [i, log] of samples(dir, logType).entries()) {
      const rec = decodeOne(format, log);
      const ls = `${rec.logsource?.product}/${rec.logsource?.service}`;
      assert.ok(ls.startsWith(logsource), `${logType}[${i}]: logsource ${ls}`);
      assert.deepEqual(rec.native, log, `${logType}[${i}]: native differs`);
      assert.equal(rec.fields['event.kind'], 'event');
      total++;
    }
  }
  assert.equal(total, 99);
});

/** [log type, sample index, expected fields (subset), expected ISO time]. */
const EXPECTED: ReadonlyArray<[string, number, Record<string, unknown>, string | undefined]> = [
  ['AWS.CloudTrail', 0, { 'event.action': 'UpdateFunctionConfiguration20150331v2', 'event.provider': 'lambda.amazonaws.com', 'event.outcome': 'success', 'cloud.provider': 'aws', 'cloud.region': 'us-west-2', 'cloud.account.id': '123456789012', 'cloud.service.name': 'lambda', 'user.name': 'john.developer', 'user.id': 'AIDAI123456789EXAMPLE', 'source.ip': '203.0.113.50', 'user_agent.original': 'aws-cli/2.13.5 Python/3.11.4' }, '2019-01-01T00:00:00.000Z'],
  ['AWS.CloudTrail', 9, { 'event.outcome': 'failure', 'error.code': 'UnauthorizedOperation' }, '2019-01-01T00:00:00.000Z'],
  ['AWS.VPCFlow', 2, { 'source.ip': '1.1.1.1', 'destination.ip': '10.0.0.1', 'destination.port': 22, 'event.category': ['network'] }, undefined],
  ['AWS.VPCFlow', 9, { 'source.port': 54321, 'destination.port': 8080, 'network.direction': 'ingress', 'cloud.region': 'us-east-1', 'network.vpc.id': 'vpc-12345678' }, undefined],
  ['Amazon.EKS.Audit', 8, { 'event.action': 'get', 'event.outcome': 'success', 'user.name': 'kubernetes-admin', 'http.response.status_code': 200, 'orchestrator.type': 'kubernetes' }, '2022-11-29T00:09:04.392Z'],
  ['Amazon.EKS.Audit', 9, { 'event.action': 'watch', 'event.outcome': 'failure', 'user.name': 'system:serviceaccount:kube-system:coredns' }, undefined],
  ['Azure.Audit', 0, { 'event.category': ['iam'], 'event.outcome': 'success', 'user.name': 'denethor@lotr.com', 'source.ip': '1.2.3.4', 'cloud.provider': 'azure', 'cloud.account.id': 'tenant-abc' }, '2025-01-15T14:20:35.456Z'],
  ['Azure.Audit', 9, { 'event.category': ['authentication'], 'event.outcome': 'failure', 'event.reason': 'Invalid username or password' }, '2025-01-15T09:30:45.123Z'],
  ['GCP.AuditLog', 0, { 'event.action': 'v1.compute.subnetworks.patch', 'event.provider': 'compute.googleapis.com', 'event.outcome': 'success', 'user.email': 'user1@company.io', 'source.ip': '1.2.3.4', 'cloud.provider': 'gcp', 'cloud.project.id': 'test-project' }, '2023-03-08T18:52:52.114Z'],
  ['GCP.AuditLog', 1, { 'event.action': 'google.storage.objects.get', 'event.outcome': 'failure', 'event.type': ['access'] }, undefined],
  ['GSuite.ActivityEvent', 1, { 'event.action': 'CREATE_ROLE', 'event.provider': 'admin.googleapis.com', 'user.email': 'example@example.io', 'source.ip': '12.12.12.12', 'organization.id': 'D12345' }, '2022-12-11T02:57:48.693Z'],
  ['GitHub.Audit', 0, { 'event.action': 'protected_branch.destroy', 'user.name': 'cat', 'organization.name': 'my-org', 'event.type': ['deletion'] }, '2021-05-18T02:31:58.553Z'],
  ['Microsoft365.Audit.AzureActiveDirectory', 0, { 'event.action': 'UserLoginFailed', 'event.outcome': 'failure', 'event.category': ['authentication'], 'event.reason': 'InvalidUserNameOrPassword', 'user.name': 'sample.user@yourorg.onmicrosoft.com', 'source.ip': '1.2.3.4' }, '2022-12-12T15:57:57.000Z'],
  ['Microsoft365.Audit.Exchange', 0, { 'event.action': 'Set-Mailbox', 'event.provider': 'Exchange', 'user.name': 'homer.simpson@simpsons.onmicrosoft.com', 'source.ip': '1.2.3.4' }, '2022-12-12T22:19:00.000Z'],
  ['Microsoft365.Audit.SharePoint', 0, { 'event.action': 'AddedToSecureLink', 'event.provider': 'OneDrive', 'file.name': 'importantsecrets.docx', 'event.category': ['file'] }, undefined],
  ['Okta.SystemLog', 4, { 'event.action': 'user.account.privilege.grant', 'event.outcome': 'success', 'event.category': ['iam'], 'user.name': 'jack@acme.io', 'user.full_name': 'Jack Naglieri' }, '2020-11-25T21:27:03.496Z'],
  ['Okta.SystemLog', 6, { 'event.action': 'user.session.start', 'event.type': ['start'], 'user.name': 'homer.simpson@duff.com', 'source.ip': '1.3.2.4', 'message': 'Authentication of user via MFA' }, '2022-06-22T18:18:29.015Z'],
];

test('chosen panther samples map to the expected ECS fields and provider time', (t) => {
  const dir = corpusPath(t, 'cloud-identity-panther', 'test-logs');
  if (!dir) return;
  for (const [logType, index, fields, time] of EXPECTED) {
    const format = LOG_TYPES.find(([l]) => l === logType)![1];
    const rec = decodeOne(format, samples(dir, logType)[index]);
    for (const [k, v] of Object.entries(fields)) assert.deepEqual(rec.fields[k], v, `${logType}[${index}] ${k}`);
    if (time) assert.equal(new Date(rec.ts!).toISOString(), time, `${logType}[${index}] time`);
  }
});

test('panther samples without any time get the caller clock and a warning, never the machine clock', (t) => {
  const dir = corpusPath(t, 'cloud-identity-panther', 'test-logs');
  if (!dir) return;
  const rec = decodeOne('vpcflow', samples(dir, 'AWS.VPCFlow')[0]);
  assert.equal(rec.ts, Date.UTC(2026, 10, 22, 12));
  assert.deepEqual(rec.warnings, ['no start; using the receive time']);
});
