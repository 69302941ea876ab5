import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EcsFields, VigilEvent } from '../core/event.js';
import { GeoIpEnricher } from './geoip.js';
import { bundledCityDatabases, openMmdb, type MmdbSource } from './mmdb-source.js';
import { buildEnrichers } from './registry.js';
import { writeMmdb } from './testdata/mmdb-writer.js';

const ev = (fields: EcsFields): VigilEvent => ({ id: 'x', ts: 0, fields, native: {}, meta: { source: 't', ingestTime: 0 } });
const OPTS = { prefixes: ['source', 'destination'], overwrite: false, cache_size: 16 };

test('the bundled DB-IP City Lite database locates public IPv4 and IPv6 addresses', () => {
  const { v4, v6 } = bundledCityDatabases();
  const g = new GeoIpEnricher({ cityV4: openMmdb(v4), cityV6: openMmdb(v6) }, OPTS);
  const e = ev({ 'source.ip': '10.1.0.5', 'destination.ip': '8.8.8.8' });
  const e6 = ev({ 'source.ip': '2001:4860:4860::8888' });
  g.enrich([e, e6]);
  assert.equal(e.fields['destination.geo.country_iso_code'], 'US');
  assert.equal(typeof e.fields['destination.geo.location.lat'], 'number');
  assert.equal(typeof e.fields['destination.geo.location.lon'], 'number');
  assert.equal(e.fields['source.geo.country_iso_code'], undefined, 'private addresses are skipped');
  assert.equal(typeof e6.fields['source.geo.country_iso_code'], 'string');
  assert.deepEqual(g.stats(), { name: 'geoip', events: 2, enriched: 2, skipped: 1 });
});

test('GeoLite2-shaped city records and ASN records map to ECS fields; existing fields are kept', () => {
  let lookups = 0;
  const city: MmdbSource = { get: () => (lookups++, { country: { iso_code: 'DE' }, city: { names: { en: 'Berlin' } }, subdivisions: [{ names: { en: 'Land Berlin' } }], location: { latitude: 52.52, longitude: 13.4 } }) };
  const asn: MmdbSource = { get: () => ({ autonomous_system_number: 64500, autonomous_system_organization: 'Example Transit' }) };
  const g = new GeoIpEnricher({ cityV4: city, asnV4: asn }, OPTS);
  const a = ev({ 'source.ip': '81.2.69.160', 'source.geo.country_iso_code': 'GB' });
  const b = ev({ 'source.ip': '81.2.69.160' });
  g.enrich([a, b]);
  assert.equal(a.fields['source.geo.country_iso_code'], 'GB', 'not overwritten');
  assert.deepEqual(
    Object.fromEntries(Object.entries(b.fields).filter(([k]) => k !== 'source.ip')),
    { 'source.geo.country_iso_code': 'DE', 'source.geo.city_name': 'Berlin', 'source.geo.region_name': 'Land Berlin', 'source.geo.location.lat': 52.52, 'source.geo.location.lon': 13.4, 'source.as.number': 64500, 'source.as.organization.name': 'Example Transit' },
  );
  assert.equal(lookups, 1, 'the second event was answered from the cache');
});

test('a throwing or empty database never breaks the batch', () => {
  const g = new GeoIpEnricher({ cityV4: { get: () => { throw new Error('boom'); } }, cityV6: { get: () => null } }, OPTS);
  const e = ev({ 'source.ip': '8.8.4.4', 'destination.ip': '2606:4700::1111' });
  g.enrich([e]);
  assert.deepEqual(Object.keys(e.fields), ['source.ip', 'destination.ip']);
});

test('openMmdb names the file in its errors', () => {
  assert.throws(() => openMmdb('/nonexistent/x.mmdb'), /cannot read MMDB file \/nonexistent\/x\.mmdb/);
  assert.throws(() => openMmdb(new URL(import.meta.url).pathname), /is not a MaxMind DB file/);
});

test('an ASN MMDB file given as asn_db (written here from the format specification) adds source.as.*', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-asn-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'asn.mmdb');
  writeFileSync(path, writeMmdb('GeoLite2-ASN', [
    ['8.8.8.0/24', { autonomous_system_number: 15169, autonomous_system_organization: 'GOOGLE' }],
    ['81.2.69.0/24', { autonomous_system_number: 20712, autonomous_system_organization: 'Andrews & Arnold Ltd' }],
  ]));
  const { enrichers } = buildEnrichers({ geoip: { use_bundled_city_db: false, asn_db: path } });
  const a = ev({ 'source.ip': '8.8.8.8', 'destination.ip': '81.2.69.160' });
  const b = ev({ 'source.ip': '9.9.9.9' });
  enrichers[0].enrich([a, b]);
  assert.equal(a.fields['source.as.number'], 15169);
  assert.equal(a.fields['source.as.organization.name'], 'GOOGLE');
  assert.equal(a.fields['destination.as.number'], 20712);
  assert.equal(a.fields['source.geo.country_iso_code'], undefined, 'no city database configured');
  assert.deepEqual(Object.keys(b.fields), ['source.ip']);
});
