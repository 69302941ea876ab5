import { test } from 'node:test';
import type { ControlDb } from '../control/control-db.js';
import assert from 'node:assert/strict';
import { dedupKey, appendBounded, foldDetections } from './dedup.js';
import { riskScore } from './store/risk-repo.js';
import { detection, HOUR, MIN, openHarness, T0 } from './testing/fixtures.js';

test('dedup key ignores the order entity values were found in', () => {
  assert.equal(dedupKey('r1', { user: ['a', 'b'], host: ['h'] }, ['host', 'user']), dedupKey('r1', { host: ['h'], user: ['b', 'a'] }, ['user', 'host']));
  assert.notEqual(dedupKey('r1', { user: ['a'] }, ['user']), dedupKey('r2', { user: ['a'] }, ['user']));
  assert.deepEqual(appendBounded(['a', 'b'], ['b', 'c', 'd'], 3), ['b', 'c', 'd']);
});

test('a burst in one call is folded per key as one-by-one de-duplication would, in input order', () => {
  const e = { host: ['h'] };
  const folds = foldDetections(
    [
      detection('b', 'low', { host: ['x'] }, T0 + 5 * MIN),
      detection('a', 'medium', e, T0 + 50 * MIN, { eventIds: ['3'], eventCount: 4 }),
      detection('a', 'high', e, T0, { eventIds: ['1'] }),
      detection('a', 'medium', e, T0 + 20 * MIN, { eventIds: ['2'] }),
      detection('a', 'medium', e, T0 + 200 * MIN, { eventIds: ['4'] }),
    ],
    ['host'], HOUR, 10, T0,
  );
  assert.deepEqual(folds.map((f) => [f.alert.rule.id, f.size, f.alert.count, f.alert.event_count, f.alert.event_ids, f.alert.rule.level]), [
    ['b', 1, 1, 1, folds[0].alert.event_ids, 'low'],
    ['a', 3, 3, 6, ['1', '2', '3'], 'high'],
    ['a', 1, 1, 1, ['4'], 'medium'],
  ]);
  assert.deepEqual([folds[1].alert.first_seen, folds[1].alert.last_seen], [T0, T0 + 50 * MIN]);
});

test('repeated firings of a correlation for one group are one alert, whatever other entities each window held', () => {
  const spray = (users: string[], ip: string, ts: number) =>
    detection('spray', 'high', { ip: [ip], user: users }, ts, { kind: 'correlation', details: { correlation_type: 'value_count', group_by: { 'source.ip': ip } } });
  const folds = foldDetections(
    [spray(['a', 'b', 'c'], '203.0.113.5', T0), spray(['d', 'e', 'f'], '203.0.113.5', T0 + MIN), spray(['a'], '198.51.100.7', T0 + MIN)],
    ['ip', 'user'], HOUR, 10, T0,
  );
  assert.deepEqual(folds.map((f) => [f.size, f.alert.entities.user]), [
    [2, ['a', 'b', 'c', 'd', 'e', 'f']],
    [1, ['a']],
  ]);
});

test('the same rule on the same entities within the window is one growing alert; outside it a new one', async () => {
  const h = await openHarness({ dedup: { window_ms: '1h', max_event_ids: 3 } });
  try {
    const e = { user: ['alice'], host: ['web-1'] };
    const first = await h.service.ingest([detection('brute', 'medium', e, T0)]);
    assert.equal(first.created.length, 1);
    const more = await h.service.ingest([
      detection('brute', 'medium', e, T0 + 30 * MIN, { eventIds: ['x1', 'x2'], eventCount: 5 }),
      detection('brute', 'medium', e, T0 + 80 * MIN, { eventIds: ['x3'], eventCount: 1 }),
    ]);
    assert.deepEqual(more.deduplicated, [first.created[0], first.created[0]], 'sliding window: 80 min is within 1 h of the last detection');
    const a = (await h.service.getAlert(first.created[0]))!;
    assert.equal(a.count, 3);
    assert.equal(a.event_count, 7);
    assert.deepEqual(a.event_ids, ['x1', 'x2', 'x3'], 'bounded to the newest 3 ids');
    assert.equal(a.first_seen, T0);
    assert.equal(a.last_seen, T0 + 80 * MIN);

    const later = await h.service.ingest([detection('brute', 'medium', e, T0 + 3 * HOUR)]);
    assert.equal(later.created.length, 1, 'beyond the window: a new alert');
    const other = await h.service.ingest([detection('brute', 'medium', { user: ['bob'], host: ['web-1'] }, T0 + 3 * HOUR)]);
    assert.equal(other.created.length, 1, 'another entity key: a new alert');

    await h.service.updateAlerts([later.created[0]], { status: 'closed' });
    const afterClose = await h.service.ingest([detection('brute', 'medium', e, T0 + 3 * HOUR + MIN)]);
    assert.equal(afterClose.created.length, 1, 'a closed alert does not absorb detections');

    const c = h.metrics.find('vigil_alert_detections_total')!;
    assert.deepEqual([c.get({ outcome: 'created' }), c.get({ outcome: 'deduplicated' })], [4, 2]);
  } finally {
    await h.close();
  }
});

test('alerts sharing a grouping key join one incident across rules; a linking alert merges two incidents', async () => {
  const h = await openHarness({ grouping: { keys: ['user', 'host'], window_ms: '4h' } });
  try {
    const a = await h.service.ingest([detection('r-login', 'low', { user: ['alice'], ip: ['203.0.113.9'] }, T0)]);
    const b = await h.service.ingest([detection('r-proc', 'high', { host: ['db-1'] }, T0 + 10 * MIN)]);
    assert.notEqual(a.incidents[0], b.incidents[0], 'nothing shared yet');
    const c = await h.service.ingest([detection('r-exec', 'medium', { user: ['alice'], host: ['web-2'] }, T0 + 20 * MIN)]);
    assert.equal(c.incidents[0], a.incidents[0], 'shares user alice across rules');
    const d = await h.service.ingest([detection('r-lateral', 'critical', { user: ['alice'], host: ['db-1'] }, T0 + 30 * MIN)]);
    assert.equal(d.incidents[0], a.incidents[0], 'merged into the oldest incident');

    const merged = (await h.service.getIncident(b.incidents[0]))!.incident;
    assert.equal(merged.status, 'closed');
    assert.equal(merged.resolution, 'merged');
    assert.equal(merged.merged_into, a.incidents[0]);
    const detail = (await h.service.getIncident(a.incidents[0]))!;
    assert.equal(detail.incident.alert_count, 4);
    assert.equal(detail.incident.level, 'critical', 'severity is the highest alert level');
    assert.deepEqual(detail.entities.host, ['db-1', 'web-2']);
    assert.match(detail.incident.title, /^Rule r-lateral \+ Rule r-proc \(\+2 more\) — user alice; host db-1, web-2; ip 203\.0\.113\.9$/);
    const list = await h.service.listIncidents({ limit: 10, offset: 0 });
    assert.deepEqual(list.incidents.map((i) => i.id), [a.incidents[0]], 'merged incidents are hidden from the list');

    const far = await h.service.ingest([detection('r-login', 'low', { user: ['alice'] }, T0 + 10 * HOUR)]);
    assert.notEqual(far.incidents[0], a.incidents[0], 'outside the grouping window: a new incident');
    assert.equal(h.metrics.find('vigil_incident_actions_total')!.get({ action: 'merged' }), 1);
  } finally {
    await h.close();
  }
});

test('a closed incident is reopened by a matching alert within reopen_within_ms, otherwise a new one starts', async () => {
  const h = await openHarness({ grouping: { keys: ['host'], window_ms: '1h', reopen_within_ms: '24h' } });
  try {
    const first = await h.service.ingest([detection('r1', 'high', { host: ['web-1'] }, T0)]);
    const id = first.incidents[0];
    await assert.rejects(h.service.updateIncident(id, { status: 'closed' }), /resolution/);
    await h.service.updateIncident(id, { status: 'closed', resolution: 'true_positive' });
    assert.equal((await h.service.getAlert(first.created[0]))!.status, 'closed', 'closing an incident closes its alerts');

    const again = await h.service.ingest([detection('r1', 'high', { host: ['web-1'] }, T0 + 5 * HOUR)]);
    assert.equal(again.created.length, 1, 'its alert was closed, so a fresh alert');
    assert.equal(again.incidents[0], id, 'reopened: 5 h after its last activity, within 24 h');
    const inc = (await h.service.getIncident(id))!.incident;
    assert.deepEqual([inc.status, inc.resolution, inc.closed_at, inc.alert_count], ['open', null, null, 2]);

    await h.service.updateIncident(id, { status: 'closed', resolution: 'benign' });
    const late = await h.service.ingest([detection('r1', 'high', { host: ['web-1'] }, T0 + 40 * HOUR)]);
    assert.notEqual(late.incidents[0], id, 'beyond reopen_within_ms: a new incident');
    assert.equal((await h.service.getIncident(id))!.incident.status, 'closed');
  } finally {
    await h.close();
  }
});

test('risk per entity: severity weight × criticality summed over open alerts, lowered when alerts close', async () => {
  assert.equal(riskScore(['high', 'low'], { informational: 1, low: 5, medium: 20, high: 50, critical: 100 }, 2), 110);
  const h = await openHarness({}, { criticality: (kind, value) => (kind === 'host' && value === 'dc-1' ? 3 : undefined) });
  try {
    const a = await h.service.ingest([detection('r1', 'high', { host: ['dc-1'], user: ['svc'] }, T0)]);
    await h.service.ingest([detection('r2', 'medium', { host: ['dc-1'] }, T0 + MIN), detection('r3', 'low', { user: ['svc'] }, T0 + 2 * MIN)]);
    await h.service.ingest([detection('r2', 'medium', { host: ['dc-1'] }, T0 + 3 * MIN)]);
    const top = await h.service.topRisk({ limit: 10 });
    assert.deepEqual(top.map((r) => [r.kind, r.value, r.score, r.alerts, r.max_level]), [
      ['host', 'dc-1', 210, 2, 'high'],
      ['user', 'svc', 55, 2, 'high'],
    ], 'a duplicate detection does not add an alert; dc-1 has criticality 3');
    await h.service.updateAlerts(a.created, { status: 'closed' });
    const after = await h.service.topRisk({ kind: 'host', limit: 10 });
    assert.deepEqual(after.map((r) => r.score), [60]);
  } finally {
    await h.close();
  }
});

test('state survives reopening the service on the same database; bad detections are counted, not dropped silently', async () => {
  const h = await openHarness();
  try {
    const r = await h.service.ingest([detection('r1', 'high', { host: ['h1'] }, T0), { ...detection('r2', 'high', {}, T0), ts: Number.NaN }]);
    assert.deepEqual(r.invalid, [{ index: 1, reason: 'ts is not a number' }]);
    const { AlertService } = await import('./alert-service.js');
    const again = await AlertService.open(h.db);
    const dup = await again.ingest([detection('r1', 'high', { host: ['h1'] }, T0 + MIN)]);
    assert.deepEqual(dup.deduplicated, r.created);
    const list = await again.listAlerts({ entity: 'host:h1', limit: 10, offset: 0 });
    assert.equal(list.total, 1);
    assert.equal(list.alerts[0].count, 2);
    assert.equal((await again.listAlerts({ entity: 'h2', limit: 10, offset: 0 })).total, 0);
    await again.close();
  } finally {
    await h.close();
  }
});

test('a detection whose alert cannot be written is reported and counted; the rest of the call goes on', async () => {
  const { DuckDbControlDb } = await import('../control/duckdb-control-db.js');
  const { AlertService } = await import('./alert-service.js');
  const { MetricsRegistry } = await import('../core/metrics.js');
  const { db, close } = await DuckDbControlDb.inMemory();
  // Refuses to insert alerts of rule "broken", as a full disk or a lost connection would.
  const refusing = (inner: ControlDb): ControlDb => ({
    run: (sql, params) => (sql.startsWith('INSERT INTO respond_alerts') && params?.[2] === 'broken' ? Promise.reject(new Error('disk full')) : inner.run(sql, params)),
    all: (sql, params) => inner.all(sql, params),
    transaction: (fn) => inner.transaction((tx) => fn(refusing(tx))),
  });
  const metrics = new MetricsRegistry();
  const service = await AlertService.open(refusing(db), { metrics });
  try {
    const r = await service.ingest([detection('broken', 'high', { host: ['a'] }, T0), detection('broken', 'high', { host: ['a'] }, T0 + MIN), detection('fine', 'high', { host: ['a'] }, T0)]);
    assert.deepEqual(r.failed, [{ rule_id: 'broken', detections: 2, error: 'Error: disk full' }]);
    assert.equal(r.created.length, 1);
    assert.equal(metrics.find('vigil_alert_detections_total')!.get({ outcome: 'failed' }), 2);
    assert.equal((await service.listIncidents({ limit: 10, offset: 0 })).total, 1, 'the failed one left no incident behind (rolled back)');
  } finally {
    await service.close();
    close();
  }
});

test('delivery log and suppressed-detection records are pruned after history_retention_days; pending deliveries stay', async () => {
  const h = await openHarness({ history_retention_days: 30 });
  try {
    const day = 86_400_000;
    const now = T0 + 100 * day;
    const delivery = (id: string, status: string, updated: number) =>
      h.db.run('INSERT INTO respond_deliveries VALUES ($1, $2, $3, $4, NULL, NULL, $5, 1, NULL, $6, $6, $7)', [id, 'hook', 'webhook', 'alert.created', status, updated, '{}']);
    await delivery('old-done', 'delivered', now - 40 * day);
    await delivery('old-pending', 'pending', now - 40 * day);
    await delivery('recent', 'failed', now - 10 * day);
    await h.db.run("INSERT INTO respond_suppressed VALUES ('s-old', 'sup', 'r', 'low', 0, '{}', '[]', $1), ('s-new', 'sup', 'r', 'low', 0, '{}', '[]', $2)", [now - 31 * day, now - day]);
    await h.service.pruneHistory(now);
    assert.deepEqual((await h.db.all<{ id: string }>('SELECT id FROM respond_deliveries ORDER BY id')).map((r) => r.id), ['old-pending', 'recent']);
    assert.deepEqual((await h.db.all<{ id: string }>('SELECT id FROM respond_suppressed')).map((r) => r.id), ['s-new']);
  } finally {
    await h.close();
  }
});
