import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newCountryLogin, newCountryParams } from './new-country.js';
import { login } from './test-events.js';

const make = (over: object = {}) => newCountryLogin.create(newCountryParams.parse({ learning_period_ms: 3_600_000, ...over }));
const T0 = Date.UTC(2026, 0, 5, 10);
const cc = (c: string) => ({ 'source.geo.country_iso_code': c });

test('after learning, a known user logging in from a new country fires once', () => {
  const a = make();
  a.process(login(T0, 'success', 'alice', '198.51.100.1', cc('US')));
  a.process(login(T0 + 60_000, 'success', 'alice', '198.51.100.70', cc('DE')));
  const out = a.process(login(T0 + 2 * 3_600_000, 'success', 'alice', '203.0.113.5', cc('BR')));
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].details?.['known_countries'], ['US', 'DE']);
  assert.match(out[0].explanation[0], /first successful login of 'alice' from BR/);
  assert.deepEqual(a.process(login(T0 + 3 * 3_600_000, 'success', 'alice', '203.0.113.6', cc('BR'))), [], 'BR is known now');
});

test('does not fire: during learning, for a known country, for a user with no history, for failures', () => {
  const a = make();
  a.process(login(T0, 'success', 'bob', '198.51.100.1', cc('US')));
  assert.deepEqual(a.process(login(T0 + 60_000, 'success', 'bob', '203.0.113.5', cc('BR'))), [], 'still learning');
  assert.deepEqual(a.process(login(T0 + 2 * 3_600_000, 'success', 'bob', '198.51.100.2', cc('US'))), []);
  assert.deepEqual(a.process(login(T0 + 2 * 3_600_000, 'success', 'newhire', '203.0.113.9', cc('VN'))), [], 'no baseline yet');
  assert.deepEqual(a.process(login(T0 + 2 * 3_600_000, 'failure', 'bob', '203.0.113.9', cc('VN'))), []);
});

test('countries per user are capped and the drops are counted', () => {
  const a = make({ learning_period_ms: 0, max_countries_per_user: 2 });
  ['US', 'DE', 'FR', 'GB'].forEach((c, i) => a.process(login(T0 + i, 'success', 'carol', '198.51.100.1', cc(c))));
  assert.equal(a.stats().evicted, 2);
  assert.equal(a.stats().fired, 3);
});
