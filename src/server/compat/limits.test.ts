/** Size limits on the ecosystem endpoints answer in each protocol's own error shape. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startTestServer, TEST_TOKEN } from '../../testing/server.js';

test('oversized and gzip-bomb bodies are 413 in HEC, Elasticsearch and OTLP shapes; nothing is stored', async () => {
  const s = await startTestServer('http:\n  max_body_bytes: 4KiB\n');
  try {
    const big = `{"event":"${'x'.repeat(8000)}"}`;
    const bomb = gzipSync(`{"event":"${'x'.repeat(100_000)}"}`);
    const hec = { authorization: `Splunk ${TEST_TOKEN}` };
    const r1 = await fetch(`${s.url}/services/collector/event`, { method: 'POST', headers: hec, body: big });
    assert.equal(r1.status, 413);
    assert.equal(((await r1.json()) as { code: number }).code, 6);
    const r2 = await fetch(`${s.url}/services/collector/event`, { method: 'POST', headers: { ...hec, 'content-encoding': 'gzip' }, body: bomb });
    assert.equal(r2.status, 413);

    const es = { authorization: `Bearer ${TEST_TOKEN}` };
    const r3 = await fetch(`${s.url}/_bulk`, { method: 'POST', headers: es, body: `{"index":{"_index":"a"}}\n{"m":"${'x'.repeat(8000)}"}\n` });
    assert.equal(r3.status, 413);
    assert.equal(((await r3.json()) as { status: number }).status, 413);
    const r4 = await fetch(`${s.url}/_bulk`, { method: 'POST', headers: { ...es, 'content-encoding': 'gzip' }, body: gzipSync(`{"index":{"_index":"a"}}\n{"m":"${'x'.repeat(100_000)}"}\n`) });
    assert.equal(r4.status, 413);

    const r5 = await fetch(`${s.url}/v1/logs`, { method: 'POST', headers: { ...es, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(`{"resourceLogs":[],"pad":"${'x'.repeat(100_000)}"}`) });
    assert.equal(r5.status, 413);
    assert.match(((await r5.json()) as { message: string }).message, /max_body_bytes 4096/);

    const health = (await (await s.request('/api/v1/health')).json()) as { store: { events: number } };
    assert.equal(health.store.events, 0);
  } finally {
    await s.stop();
  }
});
