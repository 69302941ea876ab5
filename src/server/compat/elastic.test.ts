/** Elasticsearch-compatible endpoints driven by the official client (@elastic/elasticsearch) and raw requests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@elastic/elasticsearch';
import { startTestServer, TEST_TOKEN, type TestServer } from '../../testing/server.js';

async function search(s: TestServer, q: string): Promise<Array<Record<string, unknown>>> {
  const res = await s.request(`/api/v1/search?q=${encodeURIComponent(q)}&from=2000-01-01T00:00:00Z&to=now`);
  return ((await res.json()) as { rows: Array<Record<string, unknown>> }).rows;
}

test('Elasticsearch client: info, helpers.bulk with a per-document failure, ApiKey auth; documents are searchable', async () => {
  const s = await startTestServer('http:\n  max_json_depth: 8\n');
  try {
    const client = new Client({ node: s.url, auth: { username: 'filebeat', password: TEST_TOKEN } });
    const info = await client.info();
    assert.equal(info.version.number.split('.')[0], '8');

    const docs: Array<Record<string, unknown>> = Array.from({ length: 30 }, (_, i) => ({
      '@timestamp': `2026-11-20T10:00:${String(i).padStart(2, '0')}Z`,
      event: { action: 'ssh_login', outcome: i % 3 === 0 ? 'failure' : 'success' },
      user: { name: `user${i}` },
    }));
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 12; i++) deep = { d: deep };
    docs.push({ '@timestamp': '2026-11-20T10:01:00Z', deep });
    const dropped: Array<{ status: number; error: { type: string; reason: string } | null }> = [];
    const stats = await client.helpers.bulk({
      datasource: docs,
      onDocument: () => ({ create: { _index: 'logs-ssh' } }),
      onDrop: (d) => dropped.push({ status: d.status, error: d.error as { type: string; reason: string } | null }),
    });
    assert.equal(stats.successful, 30);
    assert.equal(stats.failed, 1);
    assert.equal(dropped[0].status, 400);
    assert.equal(dropped[0].error?.type, 'document_parsing_exception');
    assert.match(dropped[0].error?.reason ?? '', /max_depth 8/);

    const rows = await search(s, 'event.action:ssh_login event.outcome:failure');
    assert.equal(rows.length, 10);
    assert.equal(rows[0]['elastic.index'], 'logs-ssh');
    assert.equal(typeof rows[0]['elastic.id'], 'string');

    const byKey = new Client({ node: s.url, auth: { apiKey: { id: 'vigil', api_key: TEST_TOKEN } } });
    const r = await byKey.bulk({ operations: [{ index: { _index: 'app', _id: 'a1' } }, { message: 'indexed by api key' }, { update: { _index: 'app', _id: 'a1' } }, { doc: { x: 1 } }, { delete: { _index: 'app', _id: 'a1' } }] });
    assert.equal(r.errors, true);
    const [indexed, updated, deleted] = r.items;
    assert.deepEqual(indexed.index, { _index: 'app', _id: 'a1', _version: 1, result: 'created', _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: 0, _primary_term: 1, status: 201 });
    assert.equal(updated.update?.status, 400);
    assert.equal(updated.update?.error?.type, 'illegal_argument_exception');
    assert.equal(deleted.delete?.status, 400);
    const bareKey = new Client({ node: s.url, auth: { apiKey: TEST_TOKEN } });
    assert.equal((await bareKey.cluster.health()).status, 'green');
    assert.equal((await search(s, 'message:"indexed by api key"'))[0]['elastic.id'], 'a1');
  } finally {
    await s.stop();
  }
});

test('Elasticsearch probes and errors: auth failures, malformed action lines, index names, template round trip', async () => {
  const s = await startTestServer();
  try {
    const basic = { authorization: `Basic ${Buffer.from(`elastic:${TEST_TOKEN}`).toString('base64')}` };
    const call = (path: string, init: RequestInit = {}) => fetch(`${s.url}${path}`, { ...init, headers: { ...basic, ...(init.headers as Record<string, string>) } });

    const anon = await fetch(`${s.url}/_bulk`, { method: 'POST', body: '{"index":{}}\n{}\n' });
    assert.equal(anon.status, 401);
    const anonBody = (await anon.json()) as { error: { type: string; reason: string }; status: number };
    assert.equal(anonBody.error.type, 'security_exception');
    assert.equal(anonBody.status, 401);
    assert.match(anon.headers.get('www-authenticate') ?? '', /Basic realm="security"/);
    const wrong = await fetch(`${s.url}/`, { headers: { authorization: `Basic ${Buffer.from('elastic:nope-nope-nope-nope').toString('base64')}` } });
    assert.equal(wrong.status, 401);

    const head = await call('/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('x-elastic-product'), 'Elasticsearch');
    assert.equal(((await (await call('/_license')).json()) as { license: { status: string } }).license.status, 'active');

    const malformed = await call('/_bulk', { method: 'POST', body: '{"index":{}}\n{"a":1}\n{"explode":{}}\n{"b":2}\n' });
    assert.equal(malformed.status, 400);
    const mj = (await malformed.json()) as { error: { type: string; reason: string } };
    assert.equal(mj.error.type, 'illegal_argument_exception');
    assert.match(mj.error.reason, /line \[3\]/);

    const mixed = await call('/web/_bulk', { method: 'POST', body: '{"index":{}}\n{"message":"default index"}\n{"index":{"_index":"Bad"}}\n{"a":1}\n{"create":{}}\n{not json}\n' });
    assert.equal(mixed.status, 200);
    const items = ((await mixed.json()) as { errors: boolean; items: Array<Record<string, { _index: string; status: number; error?: { type: string; reason: string } }>> }).items;
    assert.deepEqual(items.map((it) => Object.values(it)[0].status), [201, 400, 400]);
    assert.equal(items[0].index._index, 'web');
    assert.equal(items[1].index.error?.type, 'invalid_index_name_exception');
    assert.equal(items[2].create.error?.type, 'document_parsing_exception');
    assert.match(items[2].create.error?.reason ?? '', /^\[6\] failed to parse/);

    assert.equal((await call('/_index_template/filebeat-8.17.0', { method: 'HEAD' })).status, 404);
    const put = await call('/_index_template/filebeat-8.17.0', { method: 'PUT', body: '{"index_patterns":["filebeat-8.17.0"],"data_stream":{}}' });
    assert.deepEqual(await put.json(), { acknowledged: true });
    assert.equal((await call('/_index_template/filebeat-8.17.0', { method: 'HEAD' })).status, 200);
    const got = (await (await call('/_index_template/filebeat-*')).json()) as { index_templates: Array<{ name: string }> };
    assert.deepEqual(got.index_templates.map((t) => t.name), ['filebeat-8.17.0']);
    assert.equal((await call('/_ilm/policy/filebeat')).status, 404);

    // Logstash's ILM set-up: alias missing → create the first index with the alias as write index.
    assert.equal((await call('/_alias/logstash', { method: 'HEAD' })).status, 404);
    const created = await call(`/${encodeURIComponent('<logstash-{now/d}-000001>')}`, { method: 'PUT', body: '{"aliases":{"logstash":{"is_write_index":true}}}' });
    assert.equal(created.status, 200);
    assert.match(((await created.json()) as { index: string }).index, /^logstash-\d{4}\.\d{2}\.\d{2}-000001$/);
    assert.equal((await call('/_alias/logstash', { method: 'HEAD' })).status, 200);
    assert.equal((await call('/Upper', { method: 'PUT' })).status, 400);
    const notOurs = await fetch(`${s.url}/api/v1/nothing`, { headers: basic });
    assert.equal(notOurs.headers.get('x-elastic-product'), null, 'only Elasticsearch routes claim to be Elasticsearch');
  } finally {
    await s.stop();
  }
});
