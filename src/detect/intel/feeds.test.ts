import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../testing/project-root.js';
import { parseIndicatorCsv } from './csv-feed.js';
import { DEFAULT_FEED_LIMITS } from './feed-result.js';
import { loadIntelFeeds, sniffFormat } from './feeds.js';
import { parseMispExport } from './misp.js';
import { parseStixBundle } from './stix.js';
import { parseStixPattern } from './stix-pattern.js';

const dir = join(projectRoot(), 'src', 'detect', 'intel', 'testdata');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const values = (r: { indicators: { type: string; value: string }[] }) => r.indicators.map((i) => `${i.type}:${i.value}`);

test('STIX patterns: OR of equality comparisons; escapes; unsupported forms are errors', () => {
  assert.deepEqual(parseStixPattern("[domain-name:value = 'it\\'s.example' OR url:value = 'http://a/b']"), [
    { type: 'domain', value: "it's.example" },
    { type: 'url', value: 'http://a/b' },
  ]);
  assert.match((parseStixPattern("[ipv4-addr:value != '1.2.3.4']") as { error: string }).error, /only = is supported/);
  assert.match((parseStixPattern("[ipv4-addr:value = '1.2.3.4'] AND [ipv4-addr:value = '1.2.3.5']") as { error: string }).error, /unsupported pattern operator/);
  assert.match((parseStixPattern("[email-addr:value = 'a@b']") as { error: string }).error, /unsupported object path/);
});

test('STIX bundle: valid indicators normalized, bad ones reported by JSON path, others skipped and counted', () => {
  const r = parseStixBundle(read('bundle.stix.json'), 'cti', DEFAULT_FEED_LIMITS);
  assert.deepEqual(values(r), [
    'ip:203.0.113.64',
    'cidr:198.51.100.128/25',
    'cidr:2001:db8:bad::/48',
    'domain:relay-drop-80.example.net',
    'url:http://relay-drop-80.example.net/a/update.bin',
    'sha256:aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f',
    'md5:44d88612fea8a8f36de82e1278abb02f',
    'ip:192.0.2.99',
  ]);
  assert.equal(r.indicators[0].expires_ms, Date.parse('2026-12-31T00:00:00Z'));
  assert.equal(r.indicators[0].ref, 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
  assert.equal(r.indicators[0].description, 'C2 server of the test campaign');
  assert.deepEqual(r.errors.map((e) => e.at), ['$.objects[8].pattern', '$.objects[9].pattern']);
  assert.match(r.errors[1].message, /300\.1\.2\.3/);
  assert.deepEqual(r.skipped, { 'type identity': 1, revoked: 1, 'pattern_type sigma': 1, 'type relationship': 1 });
});

test('STIX: junk input gives one clear error, never a throw', () => {
  assert.match(parseStixBundle('{"objects": [', 'x', DEFAULT_FEED_LIMITS).errors[0].message, /not JSON/);
  assert.match(parseStixBundle('{"a": 1}', 'x', DEFAULT_FEED_LIMITS).errors[0].message, /not a STIX bundle/);
  assert.match(parseStixBundle('[]'.padEnd(100, ' '), 'x', { max_bytes: 10, max_indicators: 10 }).errors[0].message, /over max_bytes/);
});

test('MISP export: to_ids filter, composite types, objects, deleted; errors by JSON path', () => {
  const r = parseMispExport(read('event.misp.json'), 'misp', DEFAULT_FEED_LIMITS, { only_to_ids: true });
  assert.deepEqual(values(r), [
    'ip:203.0.113.65',
    'ip:2001:db8::77',
    'domain:sync-metrics-80.example.net',
    'url:https://login-portal.example.com/owa/auth.php?x=1',
    'sha1:3395856ce81f2b7382dee72602f798b642f14140',
    'ip:192.0.2.200',
    'sha256:275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
  ]);
  assert.equal(r.indicators[0].description, 'exfil endpoint');
  assert.equal(r.indicators[2].description, 'Phishing wave with credential harvesting');
  assert.deepEqual(r.errors, [{ at: '$.Event.Attribute[7].value', message: "not a MD5 hash (32 hex digits): 'not-a-hash'" }]);
  assert.deepEqual(r.skipped, { 'to_ids false': 1, 'type email-src': 1, deleted: 1 });
  const all = parseMispExport(read('event.misp.json'), 'misp', DEFAULT_FEED_LIMITS, { only_to_ids: false });
  assert.ok(values(all).includes('domain:benign-context.example.org'));
});

test('MISP: the REST search shape and max_indicators', () => {
  const doc = JSON.stringify({ response: [{ Event: { info: 'a', Attribute: [{ type: 'domain', value: 'a.example', to_ids: true }, { type: 'domain', value: 'b.example', to_ids: true }] } }] });
  const r = parseMispExport(doc, 'm', { max_bytes: 1e6, max_indicators: 1 }, { only_to_ids: true });
  assert.deepEqual(values(r), ['domain:a.example']);
  assert.deepEqual(r.skipped, { 'over max_indicators (1)': 1 });
});

test('CSV: documented header, expiry forms, per-line errors; one bad line never drops the feed', () => {
  const r = parseIndicatorCsv(read('indicators.csv'), 'list', DEFAULT_FEED_LIMITS);
  assert.deepEqual(values(r), [
    'ip:192.0.2.10',
    'cidr:10.66.0.0/16',
    'cidr:2001:db8::/32',
    'domain:evil.example',
    'url:http://evil.example/login',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'md5:d41d8cd98f00b204e9800998ecf8427e',
  ]);
  assert.equal(r.indicators[0].level, 'low');
  assert.equal(r.indicators[0].description, 'known scanner, noisy');
  assert.equal(r.indicators[3].expires_ms, 1798761600 * 1000);
  assert.deepEqual(r.errors.map((e) => e.at), ['line 10', 'line 11', 'line 12', 'line 13', 'line 14']);
  assert.match(r.errors[0].message, /unknown type 'hash'/);
  assert.match(r.errors[2].message, /unterminated/);
  assert.match(r.errors[3].message, /unreadable expiry/);
  assert.match(parseIndicatorCsv('value\n1.2.3.4\n', 'x', DEFAULT_FEED_LIMITS).errors[0].message, /header lacks column\(s\) type/);
});

test('format sniffing', () => {
  assert.equal(sniffFormat('a.json', '{"type": "bundle", "objects": []}'), 'stix');
  assert.equal(sniffFormat('a.json', '{"Event": {}}'), 'misp');
  assert.equal(sniffFormat('a.txt', 'type,value\n'), 'csv');
  assert.equal(sniffFormat('a.json', '{}'), 'unknown');
});

test('loadIntelFeeds: all three fixtures, expired dropped at load, a missing file reported, feed level applied', async () => {
  const now = Date.parse('2026-01-05T00:00:00Z');
  const { matcher, feeds } = await loadIntelFeeds({
    feeds: [
      { name: 'cti', path: join(dir, 'bundle.stix.json') },
      { name: 'misp', path: join(dir, 'event.misp.json'), level: 'critical' },
      { name: 'list', path: join(dir, 'indicators.csv') },
      { name: 'gone', path: join(dir, 'missing.json') },
    ],
  }, now);
  assert.deepEqual(feeds.map((f) => [f.name, f.format, f.indicators, f.expired]), [
    ['cti', 'stix', 7, 1],
    ['misp', 'misp', 7, 0],
    ['list', 'csv', 6, 1],
    ['gone', 'unknown', 0, 0],
  ]);
  assert.match(feeds[3].errors[0].message, /cannot read feed/);
  assert.match(feeds[0].errors[0].at, /bundle\.stix\.json: \$\.objects\[8\]\.pattern$/);
  assert.equal(matcher.size, 20);
});
