import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dnsTunnel, dnsTunnelParams, registeredDomainOf, shannonEntropy } from './dns-tunnel.js';
import { dns, rng } from './test-events.js';

const make = (over: object = {}) => dnsTunnel.create(dnsTunnelParams.parse(over));
const T0 = Date.UTC(2026, 0, 5, 10);

function base32(r: () => number, n: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyz234567';
  let s = '';
  for (let i = 0; i < n; i++) s += abc[Math.floor(r() * 32)];
  return s;
}

test('helpers: entropy and registered domain', () => {
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abcd'), 2);
  assert.equal(registeredDomainOf('a.b.example.com'), 'example.com');
  assert.equal(registeredDomainOf('www.bbc.co.uk'), 'bbc.co.uk');
});

test('an iodine-like stream of long base32 labels under one domain fires once', () => {
  const a = make();
  const r = rng(5);
  const out = [];
  for (let k = 0; k < 40; k++) out.push(...a.process(dns(T0 + k * 2000, '10.1.0.5', `${base32(r, 52)}.${base32(r, 20)}.t.tun-nel.example.net`)));
  assert.equal(out.length, 1);
  const d = out[0].details as { domain: string; suspicious_subdomains: number };
  assert.equal(d.domain, 'example.net');
  assert.equal(d.suspicious_subdomains, 10);
});

test('very many distinct short subdomains fire by count', () => {
  const a = make({ max_unique_subdomains: 50 });
  const out = [];
  for (let k = 0; k < 60; k++) out.push(...a.process(dns(T0 + k, '10.1.0.5', `h${k}.data.example.org`)));
  assert.equal(out.length, 1);
  assert.match(out[0].explanation[0], /50 distinct subdomains of example\.org/);
});

test('does not fire: ordinary names, repeated long names, allow-listed domains', () => {
  const a = make({ allow_domains: ['avqs.example.com'] });
  const r = rng(9);
  const names = ['www.example.com', 'mail.example.com', 'login.microsoftonline.com', 'a1.cdn.example.com'];
  for (let k = 0; k < 1000; k++) assert.deepEqual(a.process(dns(T0 + k, '10.1.0.5', names[k % names.length])), []);
  const one = `${base32(r, 50)}.example.com`;
  for (let k = 0; k < 100; k++) assert.deepEqual(a.process(dns(T0 + k, '10.1.0.5', one)), [], 'one long name repeated');
  for (let k = 0; k < 100; k++) assert.deepEqual(a.process(dns(T0 + k, '10.1.0.5', `${base32(r, 50)}.x.avqs.example.com`)), [], 'allow-listed');
});
