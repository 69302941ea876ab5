/** Integration tests: the real server on an ephemeral loopback port. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startTestServer, TEST_TOKEN } from '../testing/server.js';

const line = (o: object) => JSON.stringify(o);

test('every /api/ route and /metrics need the bearer token', async () => {
  const s = await startTestServer();
  try {
    for (const path of ['/api/v1/health', '/api/v1/search?q=*', '/metrics']) {
      const none = await fetch(`${s.url}${path}`);
      assert.equal(none.status, 401, path);
      assert.deepEqual(Object.keys(((await none.json()) as { error: object }).error), ['code', 'message']);
      const wrong = await fetch(`${s.url}${path}`, { headers: { authorization: 'Bearer wrong-token-0000000000000' } });
      assert.equal(wrong.status, 401, path);
    }
    const ok = await s.request('/api/v1/health');
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { status: string }).status, 'ok');
    assert.ok(!s.logs.join('').includes(TEST_TOKEN), 'the token never appears in logs');
  } finally {
    await s.stop();
  }
});

test('ingest: a bad line is rejected with its line number, the rest stored, dead-lettered, counted', async () => {
  const s = await startTestServer();
  try {
    const body = [
      line({ '@timestamp': '2026-11-20T12:00:00Z', user: { name: 'alice' }, event: { outcome: 'failure' } }),
      '{"broken":',
      line({ '@timestamp': '2026-11-20T12:00:01Z', 'user.name': 'bob' }),
      '"just a string"',
    ].join('\n');
    const res = await s.request('/api/v1/ingest?source=fw1', { method: 'POST', body });
    assert.equal(res.status, 200);
    const json = (await res.json()) as { accepted: number; rejected: number; errors: Array<{ line: number; reason: string }> };
    assert.equal(json.accepted, 2);
    assert.equal(json.rejected, 2);
    assert.deepEqual(json.errors.map((e) => e.line), [2, 4]);
    assert.match(json.errors[0].reason, /invalid JSON/);

    const health = (await (await s.request('/api/v1/health')).json()) as {
      sources: Record<string, { received: number; stored: number; rejected: Record<string, number> }>;
      store: { events: number; dead_letters: number };
    };
    assert.equal(health.sources.fw1.received, 4);
    assert.equal(health.sources.fw1.stored, 2);
    assert.equal(Object.values(health.sources.fw1.rejected).reduce((a, b) => a + b, 0), 2);
    assert.equal(health.store.events, 2);
    assert.equal(health.store.dead_letters, 2);

    const metrics = await (await s.request('/metrics')).text();
    assert.match(metrics, /vigil_events_stored_total\{source="fw1"\} 2/);
    assert.match(metrics, /vigil_events_received_total\{source="fw1"\} 4/);
  } finally {
    await s.stop();
  }
});

test('ingest: JSON array, single object and gzip bodies', async () => {
  const s = await startTestServer();
  try {
    const post = async (body: string | Buffer, headers: Record<string, string> = {}) =>
      (await (await s.request('/api/v1/ingest', { method: 'POST', body, headers })).json()) as { accepted: number };
    assert.equal((await post('[{"a":1},{"a":2}]')).accepted, 2);
    assert.equal((await post('{\n  "a": 3\n}')).accepted, 1);
    assert.equal((await post(gzipSync('{"a":4}\n{"a":5}\n'), { 'content-encoding': 'gzip' })).accepted, 2);
  } finally {
    await s.stop();
  }
});

test('limits: oversized bodies and gzip bombs get 413, deep JSON is rejected per record, bad gzip 400', async () => {
  const s = await startTestServer('http:\n  max_body_bytes: 4KiB\n  max_json_depth: 8\n');
  try {
    const big = await s.request('/api/v1/ingest', { method: 'POST', body: `{"m":"${'x'.repeat(8000)}"}` });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'body_too_large');
    const bomb = gzipSync(`{"m":"${'x'.repeat(100_000)}"}`);
    assert.ok(bomb.length < 4096);
    const b = await s.request('/api/v1/ingest', { method: 'POST', body: bomb, headers: { 'content-encoding': 'gzip' } });
    assert.equal(b.status, 413);
    const deep = await s.request('/api/v1/ingest', { method: 'POST', body: `${'{"a":'.repeat(20)}1${'}'.repeat(20)}\n{"ok":1}` });
    const dj = (await deep.json()) as { accepted: number; errors: Array<{ reason: string }> };
    assert.equal(dj.accepted, 1);
    assert.match(dj.errors[0].reason, /max_depth 8/);
    const badGzip = await s.request('/api/v1/ingest', { method: 'POST', body: 'not gzip', headers: { 'content-encoding': 'gzip' } });
    assert.equal(badGzip.status, 400);
  } finally {
    await s.stop();
  }
});

test('a restarted server keeps every stored event', async () => {
  const first = await startTestServer('', { keepData: true });
  const body = Array.from({ length: 50 }, (_, i) => line({ '@timestamp': `2026-11-2${i % 3}T10:00:00Z`, n: i })).join('\n');
  await first.request('/api/v1/ingest', { method: 'POST', body });
  await first.stop();
  const second = await startTestServer('', { dataDir: first.dataDir });
  try {
    const health = (await (await second.request('/api/v1/health')).json()) as { store: { events: number; partitions: number } };
    assert.equal(health.store.events, 50);
    assert.equal(health.store.partitions, 3);
  } finally {
    await second.stop();
  }
});
