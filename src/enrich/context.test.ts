import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EcsFields, VigilEvent } from '../core/event.js';
import { projectRoot } from '../testing/project-root.js';
import { parseAssetCsv, parseIdentityCsv } from './context-tables.js';
import { buildEnrichers, enrichConfig } from './registry.js';
import { enrichBatch } from './enricher.js';

const dir = join(projectRoot(), 'src', 'enrich', 'testdata');
const ev = (fields: EcsFields): VigilEvent => ({ id: 'x', ts: 0, fields, native: {}, meta: { source: 't', ingestTime: 0 } });

test('asset CSV: documented header, short-name aliases, bad rows reported by line', () => {
  const t = parseAssetCsv('host,criticality,owner\nDC01.corp.example.com,5,infra\nws-1,0,x\n,3,y\n');
  assert.deepEqual(t.entries.get('dc01'), { criticality: 5, owner: 'infra' });
  assert.deepEqual(t.errors, [{ line: 3, message: "criticality must be 1 to 5, got '0'" }, { line: 4, message: 'empty host' }]);
  assert.match(parseAssetCsv('name,owner\n').errors[0].message, /header lacks column\(s\) host, criticality/);
});

test('identity CSV: booleans, domain forms of user names', () => {
  const t = parseIdentityCsv('user,privileged,department\nCORP\\Alice,yes,Finance\nbob@corp.example.com,0,\n');
  assert.deepEqual(t.entries.get('alice'), { privileged: true, department: 'Finance' });
  assert.deepEqual(t.entries.get('bob'), { privileged: false });
});

test('buildEnrichers from config: asset and identity context on a batch, warnings with file:line', () => {
  const { enrichers, warnings } = buildEnrichers({ geoip: { enabled: false }, assets: { path: join(dir, 'assets.csv') }, identities: { path: join(dir, 'identities.csv') } });
  assert.deepEqual(enrichers.map((e) => e.name), ['assets', 'identities']);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /assets\.csv:6: criticality must be 1 to 5, got '7'/);
  assert.match(warnings[1], /identities\.csv:5: privileged must be true or false, got 'maybe'/);
  const a = ev({ 'host.name': 'DC01', 'user.name': 'CORP\\Administrator' });
  const b = ev({ 'host.name': 'ws-fr-002.corp.example.com', 'user.name': 'xfischer' });
  const c = ev({ 'host.name': 'unknown-host', 'user.name': 'nobody' });
  enrichBatch(enrichers, [a, b, c]);
  assert.equal(a.fields['host.criticality'], 5);
  assert.equal(a.fields['host.owner'], 'it-infra');
  assert.deepEqual(a.fields['host.tags'], ['domain-controller', 'tier0']);
  assert.equal(a.fields['user.privileged'], true);
  assert.equal(a.fields['user.department'], 'IT');
  assert.equal(b.fields['host.criticality'], 2);
  assert.equal(b.fields['user.privileged'], false);
  assert.equal(b.fields['user.title'], 'Site reliability engineer');
  assert.equal(c.fields['host.criticality'], undefined);
  assert.deepEqual(enrichers.map((e) => e.stats()), [
    { name: 'assets', events: 3, enriched: 2, skipped: 1 },
    { name: 'identities', events: 3, enriched: 2, skipped: 1 },
  ]);
});

test('config: defaults, unknown keys rejected, a missing file is a clear error', () => {
  const c = enrichConfig.parse({});
  assert.equal(c.geoip.use_bundled_city_db, true);
  assert.deepEqual(c.geoip.prefixes, ['source', 'destination', 'client', 'server']);
  assert.throws(() => enrichConfig.parse({ geoip: { bogus: 1 } }), /bogus/);
  assert.throws(() => buildEnrichers({ geoip: { enabled: false }, assets: { path: '/nonexistent.csv' } }), /cannot read \/nonexistent\.csv/);
  assert.deepEqual(buildEnrichers({ enabled: false }).enrichers, []);
});
