/** The rules API on the real server: list, show, disable, upload without restart, test, retro-hunt. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/server.js';
import type { Detection } from '../../detect/detection.js';

const RULE = `title: Whoami run
id: 0b1c2d3e-0000-4000-8000-000000000001
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
level: medium
`;

function sysmon(image: string, ts: number): string {
  return JSON.stringify({
    '@timestamp': new Date(ts).toISOString(),
    Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, Computer: 'ws1' }, EventData: { Image: image, CommandLine: image, User: 'CORP\\bob' } },
  });
}

async function json(srv: TestServer, path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await srv.request(path, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

test('rules API: upload, list, test, disable, hunt, delete', async () => {
  const srv = await startTestServer();
  const found: Detection[] = [];
  srv.server.detection?.live.onDetections((d) => {
    found.push(...d);
  });
  const ingest = async (image: string, ts: number): Promise<void> => {
    const r = await srv.request('/api/v1/ingest?source=edr', { method: 'POST', body: sysmon(image, ts) });
    assert.equal(r.status, 200);
    await srv.server.detection?.live.idle();
  };
  try {
    const listed = await json(srv, '/api/v1/rules');
    assert.equal(listed.status, 200);
    assert.ok(listed.body.rules.length >= 7, 'built-in rules are listed');
    assert.deepEqual(listed.body.rejected, []);

    const bad = await json(srv, '/api/v1/rules', { method: 'POST', body: JSON.stringify({ yaml: 'title: x\nlogsource: {product: windows}\ndetection:\n  sel: {a|nosuchmodifier: 1}\n  condition: sel\nid: 1' }) });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /upload:\d+:\d+/, 'errors are located');

    const created = await json(srv, '/api/v1/rules', { method: 'POST', body: JSON.stringify({ yaml: RULE }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.rule.id, '0b1c2d3e-0000-4000-8000-000000000001');

    await ingest('C:\\Windows\\System32\\whoami.exe', Date.UTC(2026, 5, 1, 10));
    assert.equal(found.filter((d) => d.rule.title === 'Whoami run').length, 1, 'the uploaded rule is live without a restart');
    const d = found.find((x) => x.rule.title === 'Whoami run');
    assert.deepEqual(d?.entities.host, ['ws1']);
    assert.ok(d?.explanation.some((e) => e.includes('whoami.exe')), 'the explanation names the matched value');

    const shown = await json(srv, '/api/v1/rules/0b1c2d3e-0000-4000-8000-000000000001');
    assert.equal(shown.body.rule.hits, 1);
    assert.equal(shown.body.rule.logsource_seen, true);
    assert.match(shown.body.yaml, /Whoami run/);

    const tested = await json(srv, '/api/v1/rules/test', { method: 'POST', body: JSON.stringify({ id: '0b1c2d3e-0000-4000-8000-000000000001', event: JSON.parse(sysmon('C:\\x\\whoami.exe', 0)) }) });
    assert.equal(tested.body.matched, true);
    const notMatched = await json(srv, '/api/v1/rules/test', { method: 'POST', body: JSON.stringify({ yaml: RULE, event: JSON.parse(sysmon('C:\\x\\calc.exe', 0)) }) });
    assert.equal(notMatched.body.matched, false);

    const off = await json(srv, '/api/v1/rules/0b1c2d3e-0000-4000-8000-000000000001', { method: 'PATCH', body: JSON.stringify({ enabled: false }) });
    assert.equal(off.body.rule.enabled, false);
    await ingest('C:\\Windows\\System32\\whoami.exe', Date.UTC(2026, 5, 1, 11));
    assert.equal(found.filter((x) => x.rule.title === 'Whoami run').length, 1, 'a disabled rule does not fire');

    const hunt = await json(srv, '/api/v1/hunts', { method: 'POST', body: JSON.stringify({ yaml: RULE, from: Date.UTC(2026, 5, 1), to: Date.UTC(2026, 5, 2) }) });
    assert.equal(hunt.status, 200, JSON.stringify(hunt.body));
    assert.equal(hunt.body.matches, 2, 'the retro-hunt finds both stored events, the live path found the one it was enabled for');

    assert.equal((await srv.request('/api/v1/rules/0b1c2d3e-0000-4000-8000-000000000001', { method: 'DELETE' })).status, 204);
    assert.equal((await json(srv, '/api/v1/rules/0b1c2d3e-0000-4000-8000-000000000001')).status, 404);
    assert.equal((await json(srv, '/api/v1/rules/nope', { method: 'PATCH', body: JSON.stringify({ enabled: false }) })).status, 404);
  } finally {
    await srv.stop();
  }
});

test('rules API: uploaded rules and switches survive a restart', async () => {
  const first = await startTestServer('', { keepData: true });
  await json(first, '/api/v1/rules', { method: 'POST', body: JSON.stringify({ yaml: RULE }) });
  await json(first, '/api/v1/rules/0b1c2d3e-0000-4000-8000-000000000001', { method: 'PATCH', body: JSON.stringify({ enabled: false }) });
  await first.stop();
  const second = await startTestServer('', { dataDir: first.dataDir });
  try {
    const shown = await json(second, '/api/v1/rules/0b1c2d3e-0000-4000-8000-000000000001');
    assert.equal(shown.status, 200);
    assert.equal(shown.body.rule.enabled, false);
  } finally {
    await second.stop();
  }
});
