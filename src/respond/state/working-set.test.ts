import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControlDb as ControlDbLike } from '../../control/control-db.js';
import type { AlertService } from '../alert-service.js';
import { detection, HOUR, MIN, openHarness, T0 } from '../testing/fixtures.js';
import { riskRow } from './changes.js';
import { WorkingSet } from './working-set.js';

const stateOf = (s: AlertService): WorkingSet => (s as unknown as { state: WorkingSet }).state;

/** What decisions depend on, in a comparable form (entity order and empty aggregates do not matter). */
function snapshot(ws: WorkingSet): unknown {
  return {
    alerts: [...ws.alerts.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    incidents: [...ws.incidents.values()]
      .map((s) => ({ incident: s.incident, entities: Object.fromEntries(Object.entries(s.entities).map(([k, v]) => [k, [...(v ?? [])].sort()]).sort()), rules: [...s.rules].sort() }))
      .sort((a, b) => (a.incident.id < b.incident.id ? -1 : 1)),
    risk: [...ws.risk].filter(([, agg]) => agg.counts.some((n) => n > 0)).sort(),
    riskStored: [...ws.riskStored].sort(),
  };
}

test('memory after a run of ingests (dedup, joins, a merge, a reopen) equals what a restart loads from the database', async () => {
  const h = await openHarness({ grouping: { keys: ['user', 'host'], window_ms: '4h', reopen_within_ms: '24h' } });
  try {
    await h.service.ingest([detection('r-login', 'low', { user: ['alice'], ip: ['203.0.113.9'] }, T0)]);
    const b = await h.service.ingest([detection('r-proc', 'high', { host: ['db-1'] }, T0 + 10 * MIN)]);
    await h.service.ingest([
      detection('r-lateral', 'critical', { user: ['alice'], host: ['db-1'] }, T0 + 30 * MIN),
      detection('r-login', 'medium', { user: ['alice'], ip: ['203.0.113.9'] }, T0 + 40 * MIN),
      detection('r-login', 'low', { user: ['alice'], ip: ['203.0.113.9', '198.51.100.7'] }, T0 + 50 * MIN),
    ]);
    const survivor = (await h.service.listIncidents({ limit: 10, offset: 0 })).incidents.find((i) => i.status !== 'closed')!;
    await h.service.updateIncident(survivor.id, { status: 'closed', resolution: 'true_positive' });
    const reopened = await h.service.ingest([detection('r-proc', 'medium', { host: ['db-1'] }, T0 + 5 * HOUR)]);
    assert.equal(reopened.incidents[0], survivor.id, 'reopened within reopen_within_ms');
    assert.notEqual(b.incidents[0], survivor.id);

    const fresh = new WorkingSet(48 * HOUR);
    await fresh.load(h.db, T0 + 10 * HOUR);
    assert.deepEqual(snapshot(stateOf(h.service)), snapshot(fresh));

    // The stored risk rows (written behind, brought up to date by a read) are what the aggregate says.
    await h.service.topRisk({ limit: 1 });
    const stored = await h.db.all<Record<string, unknown>>('SELECT kind, value, score, criticality, alerts, max_level, last_seen FROM respond_entity_risk ORDER BY kind, value');
    for (const r of stored) {
      const row = riskRow(String(r.kind), String(r.value), fresh.riskOf(String(r.kind), String(r.value)), h.service['cfg'].risk.level_weights, 1, 0);
      assert.deepEqual(row.slice(0, 7), [r.kind, r.value, r.score, r.criticality, r.alerts, r.max_level, r.last_seen], `${r.kind}:${r.value}`);
    }
  } finally {
    await h.close();
  }
});

test('old alerts and incidents are evicted from memory; a late detection still de-duplicates and groups against them', async () => {
  const h = await openHarness({ dedup: { window_ms: '1h' }, grouping: { keys: ['host'], window_ms: '1h', reopen_within_ms: '1h' } });
  try {
    const e = { host: ['web-1'] };
    const first = await h.service.ingest([detection('brute', 'high', e, T0)]);
    await h.service.ingest([detection('other', 'low', { host: ['web-9'] }, T0 + 10 * HOUR)]);
    const ws = stateOf(h.service);
    assert.equal(ws.alerts.has(first.created[0]), false, 'evicted: more than twice the longest window behind the newest event');
    assert.equal(ws.incidents.has(first.incidents[0]), false);
    assert.equal(ws.alerts.size, 1);
    await h.service.ingest([detection('skewed', 'low', { host: ['web-7'] }, T0 + 1000 * HOUR)]);
    assert.equal(ws.watermark, T0 + 10 * HOUR, 'an event time far beyond the wall clock does not move the window');

    const late = await h.service.ingest([detection('brute', 'high', e, T0 + 20 * MIN), detection('scan', 'low', e, T0 + 30 * MIN)]);
    assert.deepEqual(late.deduplicated, [first.created[0]], 'grown from the database, not duplicated');
    assert.deepEqual(late.incidents, [first.incidents[0]], 'joined the evicted incident');
    const alert = (await h.service.getAlert(first.created[0]))!;
    assert.equal(alert.count, 2);
    assert.equal(alert.last_seen, T0 + 20 * MIN);
    // The call loaded the old ones back, then evicted them again: memory equals a fresh load.
    const fresh = new WorkingSet(4 * HOUR);
    await fresh.load(h.db, T0 + 10 * HOUR);
    assert.deepEqual(snapshot(ws), snapshot(fresh));
    assert.equal(ws.alerts.has(first.created[0]), false);
  } finally {
    await h.close();
  }
});

test('an ingest call costs a constant number of statements, not one set per detection', async () => {
  const { DuckDbControlDb } = await import('../../control/duckdb-control-db.js');
  const { AlertService } = await import('../alert-service.js');
  const { db, close } = await DuckDbControlDb.inMemory();
  let statements = 0;
  const counting = (inner: ControlDbLike): ControlDbLike => ({
    run: (sql, params) => (statements++, inner.run(sql, params)),
    all: (sql, params) => (statements++, inner.all(sql, params)),
    transaction: (fn) => inner.transaction((tx) => fn(counting(tx))),
  });
  const service = await AlertService.open(counting(db), { clock: () => T0 });
  try {
    const call = async (n: number, base: number) => {
      statements = 0;
      await service.ingest(Array.from({ length: n }, (_, i) => detection(`r${i % 7}`, 'high', { host: [`h${base + i}`], user: [`u${i % 3}`] }, T0 + base * MIN + i)));
      return statements;
    };
    await call(5, 0);
    const few = await call(3, 100);
    const many = await call(60, 200);
    // One multi-row statement per table touched (large batches in a few power-of-two chunks); the
    // per-detection path ran about 15 for each of the 60.
    assert.ok(few <= 8, `${few} statements for 3 detections`);
    assert.ok(many <= 20, `${many} statements for 60 detections`);
  } finally {
    await service.close();
    close();
  }
});

test('entity risk written behind is repaired at the next start when the process died before writing it', async () => {
  const h = await openHarness({});
  try {
    await h.service.ingest([detection('r1', 'high', { host: ['web-1'], user: ['alice'] }, T0)]);
    await h.service.ingest([detection('r2', 'critical', { host: ['web-1'] }, T0 + MIN)]);
    // No read and no close: as if the process died. A new service on the same database repairs the rows.
    const { AlertService } = await import('../alert-service.js');
    const again = await AlertService.open(h.db, { clock: () => T0 });
    const rows = await h.db.all<{ kind: string; value: string; score: number }>('SELECT kind, value, score FROM respond_entity_risk ORDER BY kind, value');
    assert.deepEqual(rows.map((r) => [r.kind, r.value, r.score]), [['host', 'web-1', 150], ['user', 'alice', 50]]);
    await again.close();
  } finally {
    await h.close();
  }
});
