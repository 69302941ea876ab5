import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat } from '../../registry.js';
import { decodeFixture, decodeWith } from '../test-support.js';

test('Azure diagnostic-settings blob: sign-in and activity records, each with its logsource', () => {
  const { records, rejected } = decodeFixture('azure', 'attack', 'azure-lockout-and-firewall.json');
  assert.deepEqual(rejected, []);
  const [signin, activity] = records;
  assert.deepEqual(signin.logsource, { product: 'azure', service: 'signinlogs' });
  assert.equal(signin.ts, Date.UTC(2026, 10, 20, 16) + 123.4567);
  for (const [k, v] of Object.entries({
    'event.category': ['authentication'], 'event.type': ['start'], 'event.action': 'Sign-in activity', 'event.outcome': 'failure', 'error.code': '50053',
    'user.name': 'carol@example.com', 'user.id': '11111111-2222-4333-8444-555555555555', 'source.ip': '192.0.2.77', 'user_agent.original': 'python-requests/2.31.0',
    'source.geo.city_name': 'Amsterdam', 'source.geo.country_iso_code': 'NL', 'cloud.provider': 'azure', 'cloud.account.id': '4a5b6c7d-0000-4000-8000-00000000abcd',
  })) assert.deepEqual(signin.fields[k], v, k);
  assert.deepEqual(activity.logsource, { product: 'azure', service: 'activitylogs' });
  for (const [k, v] of Object.entries({
    'event.action': 'MICROSOFT.NETWORK/AZUREFIREWALLS/DELETE', 'event.type': ['deletion'], 'event.outcome': 'success', 'user.name': 'mallory@example.com',
    'source.ip': '198.51.100.23', 'cloud.account.id': '0B1C2D3E-0000-4000-8000-00000000F00D', 'event.provider': 'MICROSOFT.NETWORK',
  })) assert.deepEqual(activity.fields[k], v, k);
});

test('Azure audit log: initiator, target user, outcome from properties.result', () => {
  const { records } = decodeFixture('azure', 'benign', 'azure-routine.json');
  const audit = records[1];
  assert.deepEqual(audit.logsource, { product: 'azure', service: 'auditlogs' });
  assert.equal(audit.fields['user.name'], 'alice@example.com');
  assert.equal(audit.fields['user.target.name'], 'bob@example.com');
  assert.equal(audit.fields['event.outcome'], 'success');
  assert.deepEqual(audit.fields['event.type'], ['change']);
  assert.deepEqual(audit.fields['related.user'], ['alice@example.com', 'bob@example.com']);
  assert.equal(records[0].fields['event.outcome'], 'success');
  assert.deepEqual(records[2].fields['event.type'], ['change']);
});

test('Azure single records, Event Hub NDJSON, REST {"value":[...]} with localizable names; risk events; bad records alone', () => {
  const single = decodeWith('azure', JSON.stringify({ time: '2026-11-20T00:00:00Z', resourceId: '/subscriptions/s1/resourceGroups/r', operationName: 'MICROSOFT.KEYVAULT/VAULTS/DELETE', category: 'Administrative', resultType: 'Failure' }));
  assert.equal(single.records[0].fields['event.outcome'], 'failure');
  assert.equal(single.records[0].fields['cloud.account.id'], 's1');
  const rest = decodeWith('azure', JSON.stringify({ value: [{ eventTimestamp: '2026-11-20T00:00:00Z', caller: 'bob@example.com', operationName: { value: 'Microsoft.Compute/virtualMachines/write', localizedValue: 'Create or Update Virtual Machine' }, status: { value: 'Succeeded' }, resourceId: '/subscriptions/s2/x' }, 42] }));
  assert.equal(rest.records[0].fields['event.action'], 'Microsoft.Compute/virtualMachines/write');
  assert.equal(rest.records[0].fields['user.name'], 'bob@example.com');
  assert.equal(rest.records[0].ts, Date.UTC(2026, 10, 20));
  assert.deepEqual(rest.rejected.map((r) => r.position), [{ line: 1, index: 1 }]);
  const risk = decodeWith('azure', JSON.stringify({ time: '2026-11-20T00:00:00Z', category: 'UserRiskEvents', operationName: 'User Risk Detection', properties: { userPrincipalName: 'carol@example.com', ipAddress: '192.0.2.77' } }));
  assert.deepEqual(risk.records[0].logsource, { product: 'azure', service: 'riskdetection' });
  assert.equal(risk.records[0].fields['source.ip'], '192.0.2.77');
  const ndjson = decodeWith('azure', '{"time":"2026-11-20T00:00:00Z","category":"SignInLogs","operationName":"Sign-in activity","resultType":"0","properties":{}}\n{"nothing":"here"}\n');
  assert.equal(ndjson.records.length, 1);
  assert.deepEqual(ndjson.rejected.map((r) => [r.position, r.reason]), [[{ line: 2 }, 'not an Azure log record: neither operationName nor properties']]);
});

test('Azure detection by content: PT1H.json blobs and records', () => {
  assert.equal(detectFormat('resourceId=/SUBSCRIPTIONS/X/y=2026/m=11/d=20/h=16/m=00/PT1H.json', '{"records":[{"time":"x"}]}').name, 'azure');
  assert.equal(detectFormat(undefined, '{"time":"2026-11-20T00:00:00Z","resourceId":"/x","operationName":"A/B/WRITE","category":"Administrative"}').name, 'azure');
});
