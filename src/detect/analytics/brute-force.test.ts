import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bruteForceParams, bruteForceSuccess } from './brute-force.js';
import { login } from './test-events.js';

const make = (over: object = {}) => bruteForceSuccess.create(bruteForceParams.parse(over));
const T0 = Date.UTC(2026, 0, 5, 10);

test('a spray from one source then a success from it fires once', () => {
  const a = make();
  const users = ['root', 'admin', 'bob', 'carol', 'dave', 'erin'];
  users.forEach((u, i) => assert.deepEqual(a.process(login(T0 + i * 20_000, 'failure', u, '203.0.113.7')), []));
  const ok = login(T0 + 200_000, 'success', 'carol', '203.0.113.7');
  const out = a.process(ok);
  assert.equal(out.length, 1);
  const d = out[0];
  assert.equal(d.kind, 'analytic');
  assert.equal(d.rule.id, 'analytic:brute_force_success');
  assert.equal(d.eventCount, 7);
  assert.equal(d.eventIds.at(-1), ok.id);
  assert.deepEqual(d.entities.ip, ['203.0.113.7']);
  assert.match(d.explanation[0], /6 failed authentications with source\.ip '203\.0\.113\.7' \(6 distinct user names\)/);
  // The failures were consumed: a second success does not fire again.
  assert.deepEqual(a.process(login(T0 + 210_000, 'success', 'carol', '203.0.113.7')), []);
});

test('failures against one user from many sources then a success for that user fires (by user.name)', () => {
  const a = make({ failures: 4 });
  for (let i = 0; i < 4; i++) a.process(login(T0 + i * 1000, 'failure', 'alice', `198.51.100.${i + 1}`));
  const out = a.process(login(T0 + 10_000, 'success', 'alice', '198.51.100.99'));
  assert.equal(out.length, 1);
  assert.equal(out[0].details?.['failures_by_user.name'], 4);
});

test('does not fire: too few failures, failures outside the window, or a success from elsewhere', () => {
  const a = make({ group_by: ['source.ip'] });
  for (let i = 0; i < 4; i++) a.process(login(T0 + i * 1000, 'failure', `u${i}`, '203.0.113.8'));
  assert.deepEqual(a.process(login(T0 + 5000, 'success', 'u1', '203.0.113.8')), [], 'four failures, threshold five');
  const b = make({ group_by: ['source.ip'] });
  for (let i = 0; i < 5; i++) b.process(login(T0 + i * 1000, 'failure', `u${i}`, '203.0.113.9'));
  assert.deepEqual(b.process(login(T0 + 11 * 60_000, 'success', 'u1', '203.0.113.9')), [], 'failures older than the window');
  assert.deepEqual(b.process(login(T0 + 6000, 'success', 'u1', '203.0.113.10')), [], 'success from another source');
});

test('out-of-order failures within the lateness still count; later-than-lateness ones are counted late', () => {
  const a = make({ group_by: ['source.ip'], allowed_lateness_ms: 30_000 });
  a.process(login(T0 + 100_000, 'failure', 'x', '203.0.113.11'));
  for (let i = 0; i < 4; i++) a.process(login(T0 + 80_000 + i * 1000, 'failure', `y${i}`, '203.0.113.11'));
  a.process(login(T0 + 1000, 'failure', 'z', '203.0.113.11'));
  assert.equal(a.stats().late, 1);
  assert.equal(a.process(login(T0 + 120_000, 'success', 'x', '203.0.113.11')).length, 1);
});

test('state is bounded by max_entities and evictions are counted', () => {
  const a = make({ group_by: ['source.ip'], max_entities: 10 });
  for (let i = 0; i < 50; i++) a.process(login(T0 + i, 'failure', 'u', `10.0.0.${i}`));
  const s = a.stats();
  assert.equal(s.entities, 10);
  assert.equal(s.evicted, 40);
});
