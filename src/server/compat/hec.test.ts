/** Splunk HEC endpoints driven with the requests Splunk's documentation shows (curl examples as raw HTTP). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startTestServer, TEST_TOKEN, type TestServer } from '../../testing/server.js';

const SPLUNK = { authorization: `Splunk ${TEST_TOKEN}` };

async function hec(s: TestServer, path: string, body: string | Buffer, headers: Record<string, string> = SPLUNK): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${s.url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function search(s: TestServer, q: string): Promise<Array<Record<string, unknown>>> {
  const res = await s.request(`/api/v1/search?q=${encodeURIComponent(q)}&from=2000-01-01T00:00:00Z&to=now`);
  return ((await res.json()) as { rows: Array<Record<string, unknown>> }).rows;
}

test('HEC event endpoint: single, concatenated and metadata events as in the Splunk examples are searchable', async () => {
  const s = await startTestServer();
  try {
    assert.deepEqual(await hec(s, '/services/collector/event', '{"event": "hello world"}'), { status: 200, json: { text: 'Success', code: 0 } });
    const ponies = '{"event": "Pony 1 has left the barn"}{"event": "Pony 2 has left the barn"}\n {"event": "Pony 3 has left the barn", "nested": {"key1": "value1"}}';
    assert.equal((await hec(s, '/services/collector', ponies)).json.code, 0);
    const meta = '{"time": 1426279439.123, "host": "localhost", "source": "random-data-generator", "sourcetype": "my_sample_data", "index": "main", "event": {"message": "Hello world!", "user": {"name": "alice"}}, "fields": {"device": "macbook", "users": ["joe", "bob"]}}';
    assert.equal((await hec(s, '/services/collector/event/1.0', gzipSync(meta), { ...SPLUNK, 'content-encoding': 'gzip' })).json.code, 0);

    assert.equal((await search(s, 'message:Pony*')).length, 3);
    const [row] = await search(s, 'host.name:localhost');
    assert.equal(row['@timestamp'], '2015-03-13T20:43:59.123Z');
    assert.equal(row.message, 'Hello world!');
    assert.equal(row['user.name'], 'alice');
    assert.equal(row['splunk.source'], 'random-data-generator');
    assert.equal(row['splunk.sourcetype'], 'my_sample_data');
    assert.equal(row['splunk.index'], 'main');
    assert.equal(row['labels.device'], 'macbook');
    assert.deepEqual(row['labels.users'], ['joe', 'bob']);
    assert.equal(row.source, 'hec');
  } finally {
    await s.stop();
  }
});

test('HEC errors: auth codes 2/3/4/16, no data 5, per-event codes with invalid-event-number while good events are stored', async () => {
  const s = await startTestServer('hec:\n  indexes: [main]\n');
  try {
    const body = '{"event":"x"}';
    assert.deepEqual(await hec(s, '/services/collector/event', body, {}), { status: 401, json: { text: 'Token is required', code: 2 } });
    assert.deepEqual(await hec(s, '/services/collector/event', body, { authorization: `Bearer ${TEST_TOKEN}` }), { status: 401, json: { text: 'Invalid authorization', code: 3 } });
    assert.deepEqual(await hec(s, '/services/collector/event', body, { authorization: 'Splunk not-the-token-000000000' }), { status: 403, json: { text: 'Invalid token', code: 4 } });
    assert.deepEqual(await hec(s, `/services/collector/event?token=${TEST_TOKEN}`, body, {}), { status: 400, json: { text: 'Query string authorization is not enabled', code: 16 } });
    assert.deepEqual(await hec(s, '/services/collector/event', ' \n'), { status: 400, json: { text: 'No data', code: 5 } });
    const basic = `Basic ${Buffer.from(`x:${TEST_TOKEN}`).toString('base64')}`;
    assert.equal((await hec(s, '/services/collector/event', '{"event":"basic auth"}', { authorization: basic })).json.code, 0);

    const cases: Array<[string, number, string]> = [
      ['{"event":"ok 1"}{"nope":1}{"event":"ok 2"}', 12, 'Event field is required'],
      ['{"event":"ok 3"}{"event":""}', 13, 'Event field cannot be blank'],
      ['{"event":"ok 4"}{"event":"a","index":"secret"}', 7, 'Incorrect index'],
      ['{"event":"ok 5"}{"event":"a","fields":{"n":{"deep":1}}}', 15, 'Error in handling indexed fields'],
      ['{"event":"ok 6"}{"event":"a" "broken"}{"event":"ok 7"}', 6, 'Invalid data format'],
      ['{"event":"ok 8"}{"event":"a","time":"yesterday"}', 6, 'Invalid data format'],
    ];
    for (const [payload, code, text] of cases) {
      const r = await hec(s, '/services/collector/event', payload);
      assert.deepEqual(r, { status: 400, json: { text, code, 'invalid-event-number': 1 } }, payload);
    }
    assert.equal((await search(s, 'message:ok*')).length, 8, 'the good events around bad ones are stored');
    const health = (await (await s.request('/api/v1/health')).json()) as { sources: Record<string, { received: number; stored: number }>; store: { dead_letters: number } };
    assert.equal(health.sources.hec.received, 15);
    assert.equal(health.sources.hec.stored, 9);
    assert.equal(health.store.dead_letters, 6);
  } finally {
    await s.stop();
  }
});

test('HEC raw endpoint breaks lines; indexer acknowledgement on a channel; health', async () => {
  const s = await startTestServer('hec:\n  ack: true\n');
  try {
    const channel = '00872DC6-AC83-4EDE-8AFE-8413C3825C4C';
    const raw = '127.0.0.1 - admin [28/Sep/2016:09:05:26.875 -0700] "GET /servicesNS/admin/launcher/data/ui/views?count=-1 HTTP/1.0" 200 126721 - - - 6ms\r\n\r\nsecond line\n';
    const missing = await hec(s, '/services/collector/raw?sourcetype=splunkd_access&index=main', raw);
    assert.deepEqual(missing, { status: 400, json: { text: 'Data channel is missing', code: 10 } });
    assert.deepEqual(await hec(s, '/services/collector/raw?channel=nope', raw), { status: 400, json: { text: 'Invalid data channel', code: 11 } });
    const first = await hec(s, `/services/collector/raw?channel=${channel}&sourcetype=splunkd_access&index=main&host=web-9`, raw);
    assert.deepEqual(first, { status: 200, json: { text: 'Success', code: 0, ackId: 0 } });
    const second = await hec(s, '/services/collector/event', '{"event":"acked"}', { ...SPLUNK, 'x-splunk-request-channel': channel });
    assert.deepEqual(second.json, { text: 'Success', code: 0, ackId: 1 });

    const rows = await search(s, 'splunk.sourcetype:splunkd_access | sort @timestamp');
    assert.deepEqual(rows.map((r) => r.message).sort(), ['127.0.0.1 - admin [28/Sep/2016:09:05:26.875 -0700] "GET /servicesNS/admin/launcher/data/ui/views?count=-1 HTTP/1.0" 200 126721 - - - 6ms', 'second line']);
    assert.equal(rows[0]['host.name'], 'web-9');

    const ack = await hec(s, `/services/collector/ack?channel=${channel}`, '{"acks":[0,1,2]}');
    assert.deepEqual(ack, { status: 200, json: { acks: { '0': true, '1': true, '2': false } } });
    const again = await hec(s, `/services/collector/ack?channel=${channel}`, '{"acks":[0]}');
    assert.deepEqual(again.json, { acks: { '0': false } }, 'an ack is reported once');

    const health = await fetch(`${s.url}/services/collector/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { text: 'HEC is healthy', code: 17 });
  } finally {
    await s.stop();
  }
  const noAck = await startTestServer();
  try {
    assert.deepEqual(await hec(noAck, '/services/collector/ack?channel=00872DC6-AC83-4EDE-8AFE-8413C3825C4C', '{"acks":[0]}'), { status: 400, json: { text: 'ACK is disabled', code: 14 } });
  } finally {
    await noAck.stop();
  }
});
