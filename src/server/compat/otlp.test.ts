/** OTLP/HTTP logs end to end: the OpenTelemetry SDK's own exporters (protobuf and JSON) against the real server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { startTestServer, TEST_TOKEN, type TestServer } from '../../testing/server.js';
import { ProtoReader } from '../../codecs/otlp/wire.js';

async function search(s: TestServer, q: string): Promise<Array<Record<string, unknown>>> {
  const res = await s.request(`/api/v1/search?q=${encodeURIComponent(q)}&from=2000-01-01T00:00:00Z&to=now`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { rows: Array<Record<string, unknown>> }).rows;
}

async function emitWith(exporter: LogRecordExporter, service: string): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'host.name': 'web-1', 'service.instance.id': 'pod-7', 'os.type': 'linux' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('auth.audit', '1.2.3');
  logger.emit({
    timestamp: Date.parse('2026-11-20T12:00:00.250Z'),
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: 'login failed',
    attributes: { 'user.name': 'alice', 'source.ip': '203.0.113.9', attempts: 3 },
  });
  logger.emit({ timestamp: Date.parse('2026-11-20T12:00:01Z'), severityNumber: SeverityNumber.INFO, body: { 'event.action': 'logout', 'user.name': 'bob' } });
  await provider.forceFlush();
  await provider.shutdown();
}

test('OTLP: the SDK protobuf and JSON exporters deliver logs that are searchable with ECS fields', async () => {
  const s = await startTestServer();
  try {
    const headers = { Authorization: `Bearer ${TEST_TOKEN}` };
    await emitWith(new ProtoLogExporter({ url: `${s.url}/v1/logs`, headers }), 'checkout-proto');
    await emitWith(new JsonLogExporter({ url: `${s.url}/v1/logs`, headers }), 'checkout-json');
    for (const service of ['checkout-proto', 'checkout-json']) {
      const rows = await search(s, `service.name:${service} | sort @timestamp`);
      assert.equal(rows.length, 2, service);
      const [warn, info] = rows;
      assert.equal(warn.message, 'login failed');
      assert.equal(warn['user.name'], 'alice');
      assert.equal(warn['source.ip'], '203.0.113.9');
      assert.equal(warn['log.level'], 'warn');
      assert.equal(warn['event.severity'], 13);
      assert.equal(warn['host.name'], 'web-1');
      assert.equal(warn['service.node.name'], 'pod-7');
      assert.equal(warn['host.os.type'], 'linux');
      assert.equal(warn['log.logger'], 'auth.audit');
      assert.equal(warn['@timestamp'], '2026-11-20T12:00:00.250Z');
      assert.equal((warn.native as { scope: { version: string } }).scope.version, '1.2.3');
      assert.equal(info['event.action'], 'logout');
      assert.equal(info['user.name'], 'bob');
      assert.equal(info['log.level'], 'info');
    }
  } finally {
    await s.stop();
  }
});

test('OTLP: partial success names rejected records, gzip JSON accepted, bad protobuf is a 400 Status, no token is 401', async () => {
  const s = await startTestServer('http:\n  max_json_depth: 4\n');
  try {
    const deep = { kvlistValue: { values: [{ key: 'a', value: { kvlistValue: { values: [{ key: 'b', value: { arrayValue: { values: [{ arrayValue: { values: [{ arrayValue: { values: [{ stringValue: 'x' }] } }] } }] } } }] } } }] } };
    const request = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'partial' } }] },
          scopeLogs: [
            {
              scope: { name: 's' },
              logRecords: [
                { timeUnixNano: '1763640000000000000', severityNumber: 17, body: { stringValue: 'kept' }, traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' },
                { timeUnixNano: '1763640000000000000', body: deep },
                { timeUnixNano: 'soon', body: { stringValue: 'bad time' } },
              ],
            },
          ],
        },
      ],
    };
    const res = await fetch(`${s.url}/v1/logs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(request)),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    assert.equal(body.partialSuccess.rejectedLogRecords, '2');
    assert.match(body.partialSuccess.errorMessage, /log record 2: value nested deeper than max_depth 4/);
    assert.match(body.partialSuccess.errorMessage, /log record 3: timeUnixNano: expected an integer/);
    const rows = await search(s, 'service.name:partial');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]['trace.id'], '5b8efff798038103d269b633813fc60c');
    assert.equal(rows[0]['log.level'], 'error');
    const health = (await (await s.request('/api/v1/health')).json()) as { store: { dead_letters: number } };
    assert.equal(health.store.dead_letters, 2);

    // A length prefix that runs past the end: a google.rpc.Status in protobuf, with the byte offset.
    const bad = await fetch(`${s.url}/v1/logs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-protobuf' },
      body: Buffer.from([0x0a, 0x20, 0x0a]),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/x-protobuf');
    const status = new ProtoReader(new Uint8Array(await bad.arrayBuffer()));
    const fields: Record<number, unknown> = {};
    while (!status.done) {
      const t = status.tag();
      fields[t.field] = t.field === 1 ? status.uint32() : status.string();
    }
    assert.equal(fields[1], 3);
    assert.match(String(fields[2]), /length 32 runs past the end of the message at byte 1/);

    const none = await fetch(`${s.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 401);
    const wrongType = await fetch(`${s.url}/v1/logs`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/plain' }, body: 'x' });
    assert.equal(wrongType.status, 415);
  } finally {
    await s.stop();
  }
});
