/** The cloud formats through the real server: POST /api/v1/ingest?format=NAME, then search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startTestServer } from '../../testing/server.js';
import { testdataPath } from './test-support.js';

test('POST /api/v1/ingest?format=cloudtrail|okta: records stored and searchable by ECS and native fields, bad records reported with index', async () => {
  const s = await startTestServer();
  try {
    const trail = JSON.parse(readFileSync(testdataPath('attack', 'cloudtrail-trail-tampering.json'), 'utf8')) as { Records: unknown[] };
    trail.Records.push({ eventSource: 'ec2.amazonaws.com', eventTime: '2026-11-20T10:07:00Z' });
    const res = await s.request('/api/v1/ingest?format=cloudtrail&source=aws', { method: 'POST', body: gzipSync(JSON.stringify(trail)), headers: { 'content-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    const json = (await res.json()) as { accepted: number; rejected: number; errors: Array<{ line?: number; index?: number; reason: string }> };
    assert.deepEqual([json.accepted, json.rejected], [4, 1]);
    assert.deepEqual(json.errors, [{ line: 1, index: 4, reason: 'not a CloudTrail record: no eventName' }]);

    const okta = await s.request('/api/v1/ingest?format=okta&source=okta', { method: 'POST', body: readFileSync(testdataPath('attack', 'okta-mfa-tampering.json')) });
    assert.equal(((await okta.json()) as { accepted: number }).accepted, 2);
    // Without format=, the body is recognised by its content.
    const auto = await s.request('/api/v1/ingest?source=k8s', { method: 'POST', body: readFileSync(testdataPath('benign', 'k8s-routine.ndjson')) });
    assert.equal(((await auto.json()) as { accepted: number }).accepted, 1);

    const search = async (q: string) => ((await (await s.request(`/api/v1/search?q=${encodeURIComponent(q)}&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`)).json()) as { rows: Array<Record<string, unknown>> }).rows;
    const stops = await search('event.action:StopLogging');
    assert.equal(stops.length, 1);
    assert.equal(stops[0]['user.name'], 'mallory');
    assert.equal(stops[0]['cloud.provider'], 'aws');
    assert.equal((await search('event.outcome:failure AND cloud.provider:aws')).length, 1);
    assert.equal((await search('user.target.name:"bob@example.com"')).length, 1);
    assert.equal((await search('orchestrator.resource.type:configmaps')).length, 1);
    assert.equal((await search('eventName:DeleteTrail')).length, 1);
  } finally {
    await s.stop();
  }
});
