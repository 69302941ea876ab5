/**
 * Enrichment feeding the analytics, as the pipeline wires them: the bundled GeoIP database
 * turns source addresses into places, and impossible travel and new-country logins fire on
 * what it wrote.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEnrichers, enrichBatch } from '../../enrich/index.js';
import { createAnalyticsEngine } from './registry.js';
import { login } from './test-events.js';

test('US then GB ten minutes later: impossible travel and a new country, located by the bundled database', () => {
  const { enrichers } = buildEnrichers({});
  const engine = createAnalyticsEngine({ new_country_login: { learning_period_ms: 0 } });
  const t0 = Date.UTC(2026, 0, 5, 9);
  const batch = [login(t0, 'success', 'alice', '8.8.8.8'), login(t0 + 600_000, 'success', 'alice', '81.2.69.160')];
  enrichBatch(enrichers, batch);
  assert.equal(batch[0].fields['source.geo.country_iso_code'], 'US');
  assert.equal(batch[1].fields['source.geo.country_iso_code'], 'GB');
  const fired = engine.process(batch).map((d) => d.rule.id).sort();
  assert.deepEqual(fired, ['analytic:impossible_travel', 'analytic:new_country_login']);
});
