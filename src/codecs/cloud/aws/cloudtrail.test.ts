import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SourceBatch } from '../../../core/component.js';
import { expandPaths, ingestFiles } from '../../../ingest/ingest-files.js';
import { decodeText } from '../../../ingest/decode-text.js';
import { detectFormat } from '../../registry.js';
import { decodeWith, TEST_DECODER, testdataPath } from '../test-support.js';
import { cloudtrailFormat } from './cloudtrail-format.js';

const S3_OBJECT = readFileSync(testdataPath('attack', 'cloudtrail-trail-tampering.json'), 'utf8');
const ROUTINE = readFileSync(testdataPath('benign', 'cloudtrail-routine.ndjson'), 'utf8');

test('CloudTrail S3 object: every record, ECS fields, native kept verbatim, aws/cloudtrail logsource', () => {
  const { records, rejected } = decodeWith('cloudtrail', S3_OBJECT);
  assert.deepEqual(rejected, []);
  assert.deepEqual(records.map((r) => r.fields['event.action']), ['StopLogging', 'DeleteTrail', 'DeleteDetector', 'ConsoleLogin']);
  const [stop, , , login] = records;
  assert.equal(stop.ts, Date.UTC(2026, 10, 20, 10, 5, 11));
  assert.deepEqual(stop.logsource, { product: 'aws', service: 'cloudtrail' });
  assert.equal((stop.native.userIdentity as Record<string, unknown>).arn, 'arn:aws:iam::111122223333:user/mallory');
  assert.deepEqual(stop.fields, {
    'event.kind': 'event', 'event.category': ['api'], 'event.type': ['deletion'], 'event.action': 'StopLogging', 'event.provider': 'cloudtrail.amazonaws.com',
    'event.outcome': 'success', 'event.id': '5f2b8c1e-0a9d-4c3b-8e7f-6a5b4c3d2e10', 'event.code': 'AwsApiCall', 'cloud.provider': 'aws', 'cloud.region': 'us-east-1',
    'cloud.account.id': '111122223333', 'cloud.service.name': 'cloudtrail', 'user.name': 'mallory', 'user.id': 'AIDAEXAMPLEMALLORY01',
    'user_agent.original': 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22', 'tls.version': '1.3', 'source.address': '198.51.100.23', 'source.ip': '198.51.100.23',
    'event.module': 'aws', 'event.dataset': 'aws.cloudtrail', 'related.user': ['mallory'], 'related.ip': ['198.51.100.23'],
  });
  // A failed console password is a failure although CloudTrail reports no errorCode.
  assert.equal(login.fields['event.outcome'], 'failure');
  assert.deepEqual(login.fields['event.category'], ['api', 'iam', 'authentication']);
});

test('CloudTrail NDJSON: roles resolve to the session issuer, service callers are domains, not IPs', () => {
  const { records, rejected } = decodeWith('cloudtrail', ROUTINE);
  assert.deepEqual(rejected, []);
  assert.equal(records.length, 3);
  assert.deepEqual(records[0].fields['event.type'], ['access']);
  const assume = records[2];
  assert.equal(assume.fields['source.ip'], undefined);
  assert.equal(assume.fields['source.domain'], 'lambda.amazonaws.com');
  assert.equal(assume.fields['user.name'], 'lambda.amazonaws.com');
  const roleSession = decodeWith('cloudtrail', JSON.stringify({ eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', eventTime: '2026-11-20T00:00:00Z', awsRegion: 'us-east-1', userIdentity: { type: 'AssumedRole', principalId: 'AROA1:bob', arn: 'arn:aws:sts::1:assumed-role/admin/bob', sessionContext: { sessionIssuer: { userName: 'admin' } } } }));
  assert.equal(roleSession.records[0].fields['user.name'], 'admin');
  const root = decodeWith('cloudtrail', JSON.stringify({ eventName: 'CreateAccessKey', eventSource: 'iam.amazonaws.com', eventTime: '2026-11-20T00:00:00Z', awsRegion: 'us-east-1', userIdentity: { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' } }));
  assert.equal(root.records[0].fields['user.name'], 'root');
  assert.deepEqual(root.records[0].fields['event.category'], ['api', 'iam']);
  assert.deepEqual(root.records[0].fields['event.type'], ['creation']);
});

test('CloudTrail: a pretty-printed single record, an EventBridge delivery, a JSON array', () => {
  const one = decodeWith('cloudtrail', JSON.stringify(JSON.parse(S3_OBJECT).Records[1], null, 2));
  assert.deepEqual(one.records.map((r) => r.fields['event.action']), ['DeleteTrail']);
  const detail = JSON.parse(S3_OBJECT).Records[0];
  const bridge = decodeWith('cloudtrail', JSON.stringify({ version: '0', id: 'x', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.cloudtrail', detail }));
  assert.deepEqual(bridge.records[0].native, detail);
  const array = decodeWith('cloudtrail', JSON.stringify(JSON.parse(S3_OBJECT).Records));
  assert.equal(array.records.length, 4);
});

test('CloudTrail: a malformed record is rejected alone with its line and record index, the others kept', () => {
  const obj = JSON.parse(S3_OBJECT) as { Records: unknown[] };
  obj.Records.splice(2, 0, { eventTime: '2026-11-20T10:06:00Z', eventSource: 'iam.amazonaws.com' }, 'garbage');
  const { records, rejected } = decodeWith('cloudtrail', JSON.stringify(obj));
  assert.equal(records.length, 4);
  assert.deepEqual(rejected.map((r) => [r.position, r.reason]), [
    [{ line: 1, index: 2 }, 'not a CloudTrail record: no eventName'],
    [{ line: 1, index: 3 }, 'expected a JSON object, got string'],
  ]);
  assert.match(String(rejected[0].raw), /iam\.amazonaws\.com/);
  const lines = decodeWith('cloudtrail', `${ROUTINE.trim()}\n{"eventName":\n`);
  assert.equal(lines.records.length, 3);
  assert.deepEqual(lines.rejected.map((r) => r.position), [{ line: 4 }]);
});

test('CloudTrail detection: the {"Records":[ sniff, the S3 object name, NDJSON records; not plain JSON', () => {
  assert.ok(cloudtrailFormat.sniff(S3_OBJECT));
  assert.ok(cloudtrailFormat.sniff(ROUTINE));
  assert.ok(!cloudtrailFormat.sniff('{"eventName":"x","user":"y"}'));
  assert.equal(detectFormat('AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/111122223333_CloudTrail_us-east-1_20261120T1005Z_Ab12Cd34.json.gz', '\x1f\x8b').name, 'cloudtrail');
  assert.equal(detectFormat('events.json', S3_OBJECT).name, 'cloudtrail');
  assert.equal(detectFormat('111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20261120T1005Z.json.gz', '{"awsAccountId":"1"}').name, 'json');
  assert.equal(detectFormat('other.json', '[{"a":1}]').name, 'json');
  // A request body without a file name (POST /api/v1/ingest) is sniffed too.
  assert.equal(decodeText(S3_OBJECT, 'auto', TEST_DECODER).format, 'cloudtrail');
});

test('vigil ingest reads a CloudTrail S3 folder layout (gzip objects) and reports the bad record by file, line and index', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cloudtrail-'));
  try {
    const day = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '11', '20');
    mkdirSync(day, { recursive: true });
    const obj = JSON.parse(S3_OBJECT) as { Records: unknown[] };
    writeFileSync(join(day, '111122223333_CloudTrail_us-east-1_20261120T1005Z_Ab12Cd34.json.gz'), gzipSync(JSON.stringify(obj)));
    obj.Records.push({ eventSource: 'ec2.amazonaws.com' });
    writeFileSync(join(day, '111122223333_CloudTrail_us-east-1_20261120T1010Z_Ef56Gh78.json.gz'), gzipSync(JSON.stringify(obj)));
    const batches: SourceBatch[] = [];
    const sink = { send: async (b: SourceBatch) => (batches.push(b), b.records.length), close: async () => {} };
    const summary = await ingestFiles(expandPaths([join(dir, 'AWSLogs')]), sink, { format: 'auto', decoder: TEST_DECODER, block_bytes: 1 << 16 });
    assert.equal(summary.files, 2);
    assert.equal(summary.stored, 8);
    assert.equal(summary.rejected, 1);
    assert.deepEqual(summary.examples.map((e) => [e.file.endsWith('Ef56Gh78.json.gz'), e.position, e.reason]), [[true, 'line 1 record 4', 'not a CloudTrail record: no eventName']]);
    assert.deepEqual([...new Set(batches.filter((b) => b.records.length).map((b) => b.format))], ['cloudtrail']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
