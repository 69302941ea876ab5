import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CidrList, formatIp, isPrivateIp, isPublicIp, parseCidr, parseIp } from './ip-address.js';

test('parse and format IPv4 and IPv6 canonically (RFC 5952)', () => {
  assert.equal(formatIp(parseIp('192.0.2.1')!), '192.0.2.1');
  assert.equal(formatIp(parseIp('2001:DB8:0:0:0:0:0:1')!), '2001:db8::1');
  assert.equal(formatIp(parseIp('2001:db8:0:0:1:0:0:1')!), '2001:db8::1:0:0:1');
  assert.equal(formatIp(parseIp('::ffff:192.0.2.1')!), '::ffff:192.0.2.1');
  assert.equal(formatIp(parseIp('2001:db8:0:1:1:1:1:1')!), '2001:db8:0:1:1:1:1:1', 'a single zero group stays');
  assert.equal(formatIp(parseIp('fe80::1%eth0')!), 'fe80::1');
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.x', '', '1::2::3', '12345::', ':::', 'gggg::1']) assert.equal(parseIp(bad), undefined, bad);
});

test('CIDRs, public and private', () => {
  assert.deepEqual(parseCidr('10.0.0.0/8')?.prefix, 8);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('2001:db8::/129'), undefined);
  assert.ok(isPublicIp('8.8.8.8'));
  assert.ok(isPublicIp('2606:4700::1111'));
  for (const p of ['10.1.2.3', '192.168.1.1', '172.20.0.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '203.0.113.5', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', 'junk']) assert.equal(isPublicIp(p), false, p);
  assert.ok(isPrivateIp('172.31.255.255'));
  assert.ok(!isPrivateIp('172.32.0.1'));
  const internal = new CidrList(['10.0.0.0/8', 'fd00::/8']);
  assert.ok(internal.has('10.200.1.1') && internal.has('fd12::1') && !internal.has('11.0.0.1'));
  assert.throws(() => new CidrList(['10.0.0.0/99']), /not an IP network/);
});
