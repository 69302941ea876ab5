import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANALYTIC_NAMES, analyticsConfig, createAnalyticsEngine, describeAnalytics } from './registry.js';
import { login } from './test-events.js';

test('defaults build all eight analytics with documented defaults', () => {
  const engine = createAnalyticsEngine();
  assert.deepEqual(engine.analytics.map((a) => a.id), ANALYTIC_NAMES.map((n) => `analytic:${n}`));
  const c = analyticsConfig.parse({});
  assert.equal(c.brute_force_success.failures, 5);
  assert.equal(c.beaconing.max_cv, 0.1);
  assert.equal(c.exfil_volume.bucket_ms, 600_000);
});

test('per-analytic switches, level override, unknown keys rejected with their path', () => {
  const engine = createAnalyticsEngine({ port_scan: { enabled: false }, brute_force_success: { level: 'critical', failures: 2 } });
  assert.equal(engine.analytics.length, 7);
  const bf = engine.analytics.find((a) => a.id === 'analytic:brute_force_success')!;
  assert.equal(bf.level, 'critical');
  assert.deepEqual(createAnalyticsEngine({ enabled: false }).analytics, []);
  assert.throws(() => analyticsConfig.parse({ beaconing: { max_cvv: 1 } }), /max_cvv/);
  assert.throws(() => analyticsConfig.parse({ nope: {} }), /nope/);
});

test('process (a batch) gives the same detections as processEvent one by one', () => {
  const events = [...Array.from({ length: 3 }, (_, i) => login(1000 + i, 'failure', `u${i}`, '192.0.2.1')), login(2000, 'success', 'u1', '192.0.2.1')];
  const a = createAnalyticsEngine({ brute_force_success: { failures: 3 } });
  const b = createAnalyticsEngine({ brute_force_success: { failures: 3 } });
  const one = events.flatMap((e) => a.processEvent(e));
  assert.equal(one.length, 1);
  assert.deepEqual(b.process(events), one);
  assert.equal(a.stats().find((s) => s.id === 'analytic:brute_force_success')?.fired, 1);
});

test('describeAnalytics lists every analytic with its defaults', () => {
  const d = describeAnalytics();
  assert.equal(d.length, 8);
  const bf = d.find((x) => x.name === 'brute_force_success')!;
  assert.equal(bf.defaults['failures'], 5);
  assert.equal(bf.defaults['max_future_ms'], 900_000);
  assert.ok(bf.tags.includes('attack.t1110'));
});

test('an event dated far after its ingest time is ignored and counted, and does not make others late', () => {
  const engine = createAnalyticsEngine({ brute_force_success: { failures: 2 } });
  const future = login(Date.UTC(2099, 0, 1), 'failure', 'u', '192.0.2.2');
  future.meta.ingestTime = Date.UTC(2026, 0, 5);
  engine.processEvent(future);
  const events = [login(1000, 'failure', 'a', '192.0.2.2'), login(2000, 'failure', 'b', '192.0.2.2'), login(3000, 'success', 'a', '192.0.2.2')];
  assert.equal(engine.process(events).length, 1);
  const s = engine.stats().find((x) => x.id === 'analytic:brute_force_success')!;
  assert.equal(s.future, 1);
  assert.equal(s.late, 0);
});
