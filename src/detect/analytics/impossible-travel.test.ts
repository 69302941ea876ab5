import assert from 'node:assert/strict';
import { test } from 'node:test';
import { impossibleTravel, impossibleTravelParams } from './impossible-travel.js';
import { login } from './test-events.js';

const make = (over: object = {}) => impossibleTravel.create(impossibleTravelParams.parse(over));
const T0 = Date.UTC(2026, 0, 5, 10);
const BERLIN = { 'source.geo.location.lat': 52.52, 'source.geo.location.lon': 13.405, 'source.geo.country_iso_code': 'DE' };
const SAO_PAULO = { 'source.geo.location.lat': -23.55, 'source.geo.location.lon': -46.633, 'source.geo.country_iso_code': 'BR' };
const HAMBURG = { 'source.geo.location.lat': 53.55, 'source.geo.location.lon': 9.993, 'source.geo.country_iso_code': 'DE' };

test('Berlin then São Paulo two hours later fires with distance and speed', () => {
  const a = make();
  assert.deepEqual(a.process(login(T0, 'success', 'alice', '198.51.100.70', BERLIN)), []);
  const out = a.process(login(T0 + 2 * 3_600_000, 'success', 'alice', '203.0.113.5', SAO_PAULO));
  assert.equal(out.length, 1);
  const d = out[0].details as { distance_km: number; speed_kmh: number };
  assert.ok(d.distance_km > 9_900 && d.distance_km < 10_300, String(d.distance_km));
  assert.ok(d.speed_kmh > 4_900 && d.speed_kmh < 5_200);
  assert.deepEqual(out[0].entities.user, ['alice']);
  assert.equal(out[0].eventIds.length, 2);
});

test('does not fire: a flight-feasible gap, a short distance, another user, failed logins', () => {
  const a = make();
  a.process(login(T0, 'success', 'bob', '198.51.100.70', BERLIN));
  assert.deepEqual(a.process(login(T0 + 14 * 3_600_000, 'success', 'bob', '203.0.113.5', SAO_PAULO)), [], '10,000 km in 14 h is a flight');
  a.process(login(T0, 'success', 'carol', '198.51.100.70', BERLIN));
  assert.deepEqual(a.process(login(T0 + 60_000, 'success', 'carol', '198.51.100.80', HAMBURG)), [], '255 km is under min_distance_km');
  assert.deepEqual(a.process(login(T0 + 60_000, 'success', 'dave', '203.0.113.5', SAO_PAULO)), [], 'no history for dave');
  a.process(login(T0, 'success', 'erin', '198.51.100.70', BERLIN));
  assert.deepEqual(a.process(login(T0 + 60_000, 'failure', 'erin', '203.0.113.5', SAO_PAULO)), [], 'a failure is not a login');
});

test('an out-of-order earlier login is compared with the absolute gap', () => {
  const a = make({ allowed_lateness_ms: 3_600_000 });
  a.process(login(T0 + 3_600_000, 'success', 'fay', '203.0.113.5', SAO_PAULO));
  const out = a.process(login(T0 + 3_000_000, 'success', 'fay', '198.51.100.70', BERLIN));
  assert.equal(out.length, 1);
  assert.equal(out[0].ts, T0 + 3_600_000);
  assert.match(out[0].explanation[0], /from DE \(198\.51\.100\.70\) and 10 min later from BR/);
});
