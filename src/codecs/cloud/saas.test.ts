/** Okta, GCP audit, Google Workspace, GitHub, Kubernetes audit and M365 on records written from their documented schemas. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { NormalizedRecord } from '../../core/event.js';
import { detectFormat } from '../registry.js';
import { decodeFixture, decodeWith, testdataPath } from './test-support.js';

function expectFields(rec: NormalizedRecord, expected: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(rec.fields[k], v, k);
}

/** [format, fixture, record count, logsource of the first, fields of the first, ISO time of the first]. */
const CASES: ReadonlyArray<[string, string[], number, string, Record<string, unknown>, string]> = [
  ['okta', ['attack', 'okta-mfa-tampering.json'], 2, 'okta/okta', {
    'event.action': 'user.mfa.factor.deactivate', 'event.outcome': 'success', 'event.category': ['authentication'], 'event.type': ['deletion'], 'user.name': 'mallory@example.com',
    'user.target.name': 'bob@example.com', 'source.ip': '198.51.100.23', 'source.geo.country_name': 'Netherlands', 'source.as.number': 64496, 'log.level': 'warn',
    'related.user': ['mallory@example.com', 'bob@example.com'], 'related.ip': ['198.51.100.23'], 'event.module': 'okta', 'event.dataset': 'okta.system',
  }, '2026-11-20T11:02:03.456Z'],
  ['gcp', ['attack', 'gcp-firewall-delete.ndjson'], 1, 'gcp/gcp.audit', {
    'event.action': 'v1.compute.firewalls.delete', 'event.type': ['deletion'], 'event.outcome': 'success', 'user.email': 'mallory@example.com', 'source.ip': '198.51.100.23',
    'cloud.project.id': 'prod-web-1234', 'cloud.service.name': 'compute', 'service.target.name': 'projects/prod-web-1234/global/firewalls/allow-office-ssh',
    'user_agent.original': 'google-cloud-sdk gcloud/455.0.0 command/gcloud.compute.firewall-rules.delete',
  }, '2026-11-20T12:00:01.000Z'],
  ['gworkspace', ['attack', 'gworkspace-admin-roles.json'], 3, 'gcp/google_workspace.admin', {
    'event.action': 'DELETE_ROLE', 'event.code': 'DELEGATED_ADMIN_SETTINGS', 'event.provider': 'admin.googleapis.com', 'user.email': 'mallory@example.com', 'source.ip': '198.51.100.23',
    'organization.id': 'C01abcde', 'google_workspace.admin.parameters.role_name': 'Helpdesk Admin', 'event.dataset': 'google_workspace.admin',
  }, '2026-11-20T13:00:00.000Z'],
  ['github', ['attack', 'github-secret-scanning-off.ndjson'], 2, 'github/audit', {
    'event.action': 'secret_scanning.disable', 'event.type': ['deletion'], 'user.name': 'mallory-gh', 'user.id': '5811001', 'source.ip': '198.51.100.23',
    'organization.name': 'example-org', 'source.geo.country_iso_code': 'NL',
  }, '2025-11-20T12:00:00.000Z'],
  ['k8s_audit', ['attack', 'k8s-secrets-and-events.ndjson'], 2, 'kubernetes/audit', {
    'event.action': 'list', 'event.type': ['access'], 'event.outcome': 'success', 'user.name': 'system:serviceaccount:prod:compromised-app', 'source.ip': '10.20.3.44',
    'orchestrator.namespace': 'prod', 'orchestrator.resource.type': 'secrets', 'url.original': '/api/v1/namespaces/prod/secrets', 'event.dataset': 'kubernetes.audit',
  }, '2026-11-20T14:00:00.120Z'],
  ['m365', ['attack', 'm365-disable-mfa.json'], 1, 'm365/audit', {
    'event.action': 'Disable Strong Authentication.', 'event.provider': 'AzureActiveDirectory', 'event.outcome': 'success', 'event.code': '8', 'user.name': 'mallory@example.com',
    'source.ip': '198.51.100.23', 'organization.id': '4a5b6c7d-0000-4000-8000-00000000abcd', 'event.module': 'o365', 'event.dataset': 'o365.audit',
  }, '2026-11-20T15:00:00.000Z'],
];

test('SaaS and identity formats: documented records decode to ECS with logsource and provider time', () => {
  for (const [format, path, count, logsource, fields, time] of CASES) {
    const { records, rejected } = decodeFixture(format, ...path);
    assert.deepEqual(rejected, [], format);
    assert.equal(records.length, count, format);
    const first = records[0];
    assert.equal(`${first.logsource?.product}/${first.logsource?.service}`, logsource, format);
    expectFields(first, fields);
    assert.equal(new Date(first.ts!).toISOString(), time, format);
    // Auto-detection by content picks the same format for the file.
    assert.equal(detectFormat(path[path.length - 1], readFileSync(testdataPath(...path), 'utf8').slice(0, 4096)).name, format, `detect ${format}`);
  }
});

test('Workspace: each event of an activity is a record whose native holds only that event; admin settings to ECS', () => {
  const { records } = decodeFixture('gworkspace', 'attack', 'gworkspace-admin-roles.json');
  assert.deepEqual(records.map((r) => r.fields['event.action']), ['DELETE_ROLE', 'GRANT_ADMIN_PRIVILEGE', 'ENFORCE_STRONG_AUTHENTICATION']);
  assert.deepEqual((records[1].native.events as unknown[]).length, 1);
  assert.equal(records[1].fields['user.target.email'], 'mallory2@example.com');
  assert.equal(records[2].fields['google_workspace.admin.new_value'], 'false');
  assert.equal(records[2].fields['google_workspace.admin.old_value'], 'true');
  const login = decodeWith('gworkspace', JSON.stringify({ kind: 'admin#reports#activity', id: { time: '2026-11-20T00:00:00Z', applicationName: 'login' }, actor: { email: 'a@example.com' }, events: [{ type: 'login', name: 'login_failure' }] }));
  assert.deepEqual(login.records[0].logsource, { product: 'gcp', service: 'google_workspace.login' });
  assert.equal(login.records[0].fields['event.outcome'], 'failure');
});

test('GCP: Workspace audit entries routed to Cloud Logging take the Workspace logsource; failed calls', () => {
  const entry = { logName: 'organizations/1/logs/cloudaudit.googleapis.com%2Factivity', timestamp: '2026-11-20T00:00:00Z', protoPayload: { serviceName: 'admin.googleapis.com', methodName: 'google.admin.AdminService.changeApplicationSetting', status: { code: 7, message: 'PERMISSION_DENIED' }, authenticationInfo: { principalEmail: 'a@example.com' } } };
  const r = decodeWith('gcp', JSON.stringify(entry)).records[0];
  assert.deepEqual(r.logsource, { product: 'gcp', service: 'google_workspace.admin' });
  assert.equal(r.fields['event.outcome'], 'failure');
  assert.equal(r.fields['error.code'], '7');
  assert.deepEqual(decodeWith('gcp', '{"logName":"x","jsonPayload":{}}').rejected.map((x) => x.reason), ['not a Cloud Audit Log entry: no protoPayload']);
});

test('Kubernetes EventList, impersonation and failed requests; M365 lower-cased keys and failed logons', () => {
  const list = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: [{ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'a1', verb: 'create', user: { username: 'alice' }, impersonatedUser: { username: 'system:admin' }, sourceIPs: ['10.0.0.1', '10.0.0.2'], objectRef: { resource: 'pods', subresource: 'exec', namespace: 'kube-system' }, responseStatus: { code: 403 }, stageTimestamp: '2026-11-20T00:00:00.000000Z' }] };
  const k = decodeWith('k8s_audit', JSON.stringify(list)).records[0];
  expectFields(k, { 'event.type': ['creation'], 'event.outcome': 'failure', 'user.effective.name': 'system:admin', 'related.ip': ['10.0.0.1', '10.0.0.2'] });
  const m = decodeWith('m365', JSON.stringify({ creationtime: '2026-11-20T00:00:00', operation: 'UserLoginFailed', workload: 'AzureActiveDirectory', recordtype: 15, clientip: '[2001:db8::5]:50000', userid: 'bob@example.com', LogonError: 'InvalidPassword' })).records[0];
  expectFields(m, { 'event.outcome': 'failure', 'event.category': ['authentication'], 'source.ip': '2001:db8::5', 'event.reason': 'InvalidPassword', 'user.domain': 'example.com' });
  const alert = decodeWith('m365', JSON.stringify({ CreationTime: '2026-11-20T00:00:00', Operation: 'AlertTriggered', Workload: 'SecurityComplianceCenter', RecordType: 40, Name: 'Potential ransomware activity' })).records[0];
  assert.deepEqual(alert.logsource, { product: 'm365', service: 'threat_management' });
});

test('records of another provider are rejected with the reason, not mapped into nonsense', () => {
  const cloudtrail = '{"eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","awsRegion":"us-east-1"}';
  for (const [format, reason] of [['okta', /no eventType/], ['github', /no action/], ['k8s_audit', /no verb/], ['m365', /no Operation/], ['gworkspace', /no id.applicationName/], ['gcp', /no protoPayload/]] as const) {
    const r = decodeWith(format, cloudtrail);
    assert.equal(r.records.length, 0, format);
    assert.match(r.rejected[0].reason, reason);
  }
});

test('a Kubernetes audit.log is Kubernetes audit, not auditd, when its content says so', () => {
  const head = readFileSync(testdataPath('attack', 'k8s-secrets-and-events.ndjson'), 'utf8');
  assert.equal(detectFormat('/var/log/kubernetes/kube-apiserver-audit.log', head).name, 'k8s_audit');
  assert.equal(detectFormat('/var/log/audit/audit.log', 'type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e').name, 'auditd');
});
