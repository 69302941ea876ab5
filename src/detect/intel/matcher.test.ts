import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcsFields, VigilEvent } from '../../core/event.js';
import type { Indicator, IndicatorType } from './indicator.js';
import { normalizeIndicator } from './indicator.js';
import { IntelMatcher } from './matcher.js';

const T = Date.parse('2026-01-05T12:00:00Z');
let n = 0;
const ev = (fields: EcsFields, ts = T): VigilEvent => ({ id: `e${++n}`, ts, fields, native: {}, meta: { source: 't', ingestTime: ts } });
function ind(type: IndicatorType, raw: string, extra: Partial<Indicator> = {}): Indicator {
  const v = normalizeIndicator(type, raw);
  if ('error' in v) throw new Error(v.error);
  return { type, value: v.value, feed: 'f', ref: raw, ...extra };
}

const matcher = new IntelMatcher([
  ind('ip', '203.0.113.64', { description: 'C2' }),
  ind('ip', '2001:db8::77'),
  ind('cidr', '198.51.100.128/25'),
  ind('cidr', '198.51.100.192/26', { feed: 'g', level: 'critical' }),
  ind('cidr', '2001:db8:bad::/48'),
  ind('domain', 'evil.example'),
  ind('url', 'http://evil.example/login'),
  ind('sha256', 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'),
  ind('ip', '192.0.2.50', { expires_ms: T - 1 }),
]);

test('exact IPs in either direction, with the field and indicator in the detection', () => {
  const [d] = matcher.match(ev({ 'source.ip': '10.1.0.5', 'destination.ip': '203.0.113.64', 'host.name': 'ws-1' }));
  assert.equal(d.kind, 'intel');
  assert.equal(d.rule.id, 'intel:f');
  assert.equal(d.rule.level, 'high');
  assert.deepEqual(d.details?.['field'], 'destination.ip');
  assert.deepEqual((d.details?.['indicator'] as { value: string }).value, '203.0.113.64');
  assert.match(d.explanation[0], /destination\.ip '203\.0\.113\.64' matched ip indicator '203\.0\.113\.64' from feed f: C2/);
  assert.deepEqual(d.entities.host, ['ws-1']);
  assert.equal(matcher.match(ev({ 'source.ip': '2001:DB8:0::77' })).length, 1, 'IPv6 in another spelling');
  assert.equal(matcher.match(ev({ 'source.ip': '::ffff:203.0.113.64' })).length, 1, 'IPv4-mapped');
});

test('CIDR v4 and v6 through the trie; nested networks from two feeds both match', () => {
  const hits = matcher.match(ev({ 'source.ip': '198.51.100.200' }));
  assert.deepEqual(hits.map((h) => [h.rule.id, h.rule.level]), [['intel:f', 'high'], ['intel:g', 'critical']]);
  assert.equal(matcher.match(ev({ 'source.ip': '198.51.100.130' })).length, 1);
  assert.equal(matcher.match(ev({ 'source.ip': '198.51.100.127' })).length, 0);
  assert.equal(matcher.match(ev({ 'destination.ip': '2001:db8:bad:1::1' })).length, 1);
  assert.equal(matcher.match(ev({ 'destination.ip': '2001:db8:bae::1' })).length, 0);
});

test('domains match themselves and subdomains, never a mere suffix of a label', () => {
  assert.equal(matcher.match(ev({ 'dns.question.name': 'evil.example' })).length, 1);
  assert.equal(matcher.match(ev({ 'dns.question.name': 'A.B.Evil.Example.' })).length, 1);
  assert.equal(matcher.match(ev({ 'dns.question.name': 'notevil.example' })).length, 0);
  assert.equal(matcher.match(ev({ 'url.domain': 'x.evil.example' })).length, 1);
});

test('URLs normalized (scheme/host case), hashes case-insensitive, arrays of values', () => {
  assert.equal(matcher.match(ev({ 'url.full': 'HTTP://EVIL.example:80/login' })).length, 1);
  assert.equal(matcher.match(ev({ 'url.full': 'http://evil.example/Login' })).length, 0, 'paths are case-sensitive');
  assert.equal(matcher.match(ev({ 'process.hash.sha256': 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F' })).length, 1);
  assert.equal(matcher.match(ev({ 'dns.resolved_ip': ['192.0.2.1', '203.0.113.64'] })).length, 1);
});

test('expired indicators do not match events after their expiry, but do before it', () => {
  const before = matcher.stats().expired;
  assert.equal(matcher.match(ev({ 'source.ip': '192.0.2.50' })).length, 0);
  assert.equal(matcher.stats().expired, before + 1);
  assert.equal(matcher.match(ev({ 'source.ip': '192.0.2.50' }, T - 10)).length, 1);
});

test('no false positives on ordinary events; stats count types', () => {
  for (const f of [{ 'source.ip': '10.0.0.1' }, { 'source.ip': 'not-an-ip' }, { 'dns.question.name': 'example' }, { message: '203.0.113.64' }] as EcsFields[]) assert.deepEqual(matcher.match(ev(f)), []);
  assert.deepEqual(matcher.stats().indicators, { ip: 3, cidr: 3, domain: 1, url: 1, md5: 0, sha1: 0, sha256: 1 });
});

test('the IPv4 fast path and the byte path agree at network edges', () => {
  const m = new IntelMatcher([ind('cidr', '0.0.0.0/1'), ind('cidr', '255.255.255.254/31'), ind('cidr', '10.0.0.0/8')]);
  const hits = (ip: string) => m.match(ev({ 'source.ip': ip })).length;
  assert.equal(hits('127.255.255.255'), 1);
  assert.equal(hits('128.0.0.0'), 0);
  assert.equal(hits('255.255.255.255'), 1);
  assert.equal(hits('10.255.0.1'), 2);
  assert.equal(hits('::ffff:10.1.1.1'), 2, 'mapped IPv4 takes the byte path');
});

test('indicator values are validated: a bare TLD or junk is refused', () => {
  assert.match((normalizeIndicator('domain', 'com') as { error: string }).error, /single label/);
  assert.deepEqual(normalizeIndicator('domain', '*.Evil.Example.'), { value: 'evil.example' });
  assert.match((normalizeIndicator('domain', 'a b.example') as { error: string }).error, /not a domain name/);
  assert.match((normalizeIndicator('sha1', 'abc') as { error: string }).error, /40 hex digits/);
  assert.deepEqual(normalizeIndicator('cidr', '10.1.2.3/8'), { value: '10.0.0.0/8' }, 'host bits cleared');
  assert.deepEqual(normalizeIndicator('cidr', '2001:db8:abcd:12::1/46'), { value: '2001:db8:abcc::/46' });
  assert.deepEqual(normalizeIndicator('ip', '10.0.0.1/32'), { value: '10.0.0.1' });
});
