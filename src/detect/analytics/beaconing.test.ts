import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beaconing, beaconingParams, intervalStats } from './beaconing.js';
import { dns, flow, rng } from './test-events.js';

const make = (over: object = {}) => beaconing.create(beaconingParams.parse(over));
const T0 = Date.UTC(2026, 0, 5, 10);

test('intervalStats: perfectly regular gaps have CV 0', () => {
  assert.deepEqual(intervalStats([0, 10, 20, 30]), { mean: 10, cv: 0 });
});

test('a 60 s ± 1.5 s beacon to an external address fires once within realert_ms', () => {
  const a = make();
  const r = rng(7);
  const fired = [];
  for (let k = 0; k < 30; k++) fired.push(...a.process(flow(T0 + k * 60_000 + (r() * 3000 - 1500), '10.1.0.5', '203.0.113.80', 443, 800)));
  assert.equal(fired.length, 1);
  const d = fired[0].details as { connections: number; cv: number; mean_interval_ms: number };
  assert.equal(d.connections, 12);
  assert.ok(d.cv < 0.05);
  assert.ok(Math.abs(d.mean_interval_ms - 60_000) < 1500);
  assert.deepEqual(fired[0].entities.ip, ['10.1.0.5', '203.0.113.80']);
});

test('periodic DNS queries for one name fire as a DNS beacon', () => {
  const a = make();
  const out = [];
  for (let k = 0; k < 12; k++) out.push(...a.process(dns(T0 + k * 300_000, '10.1.0.6', 'cdn-update.example.net')));
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].entities.domain, ['cdn-update.example.net']);
});

test('does not fire: random (Poisson) arrivals, internal destinations, sub-10 s bursts', () => {
  const a = make();
  const r = rng(11);
  let t = T0;
  for (let k = 0; k < 200; k++) {
    t += -Math.log(1 - r()) * 60_000;
    assert.deepEqual(a.process(flow(t, '10.1.0.7', '192.0.2.10', 443, 900)), []);
  }
  for (let k = 0; k < 50; k++) assert.deepEqual(a.process(flow(T0 + k * 60_000, '10.1.0.7', '10.2.0.1', 445, 900)), [], 'internal destination');
  for (let k = 0; k < 50; k++) assert.deepEqual(a.process(flow(T0 + k * 1000, '10.1.0.8', '192.0.2.11', 443, 900)), [], 'a 1 s burst is no beacon');
});

test('pairs are capped; eviction counted', () => {
  const a = make({ max_entities: 5 });
  for (let i = 0; i < 20; i++) a.process(flow(T0 + i, '10.1.0.9', `192.0.2.${i}`, 443, 1));
  assert.equal(a.stats().entities, 5);
  assert.equal(a.stats().evicted, 15);
});

test('a long connection cut into 60 s records by the exporter is one connection, not a beacon', () => {
  const a = make();
  for (let k = 0; k < 40; k++) assert.deepEqual(a.process(flow(T0 + k * 60_000, '10.1.0.20', '192.0.2.40', 443, 5000, { 'source.port': 51515 })), []);
});

test('excluded destinations (networks and domain names) are never judged', () => {
  const a = make({ exclude_destinations: ['192.0.2.0/24', 'time.example.org'] });
  for (let k = 0; k < 30; k++) {
    assert.deepEqual(a.process(flow(T0 + k * 60_000, '10.1.0.21', '192.0.2.41', 123, 90, { 'source.port': 40000 + k })), []);
    assert.deepEqual(a.process(dns(T0 + k * 60_000, '10.1.0.21', 'pool.time.example.org')), []);
  }
});
