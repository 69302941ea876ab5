import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIPv4, ipv6Hex, parseCidr, parseIPv4, parseIPv6 } from './cidr.js';

test('IPv4 addresses and networks', () => {
  assert.equal(parseIPv4('10.1.2.3'), 0x0a010203n);
  assert.equal(parseIPv4('256.1.1.1'), undefined);
  assert.equal(parseIPv4('1.2.3'), undefined);
  const n = parseCidr('172.16.9.9/12')!;
  assert.deepEqual([n.version, n.prefix, formatIPv4(n.first), formatIPv4(n.last)], [4, 12, '172.16.0.0', '172.31.255.255']);
  assert.deepEqual(parseCidr('0.0.0.0/0'), { version: 4, prefix: 0, first: 0n, last: 0xffffffffn });
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('1.2.3/4'), undefined);
});

test('IPv6 addresses and networks, compressed and with an IPv4 tail', () => {
  assert.equal(ipv6Hex(parseIPv6('2001:db8::1')!), '20010db8000000000000000000000001');
  assert.equal(ipv6Hex(parseIPv6('::')!), '0'.repeat(32));
  assert.equal(ipv6Hex(parseIPv6('::ffff:10.0.0.1')!), '00000000000000000000ffff0a000001');
  assert.equal(ipv6Hex(parseIPv6('FE80:0:0:0:0:0:0:1')!), 'fe800000000000000000000000000001');
  for (const bad of ['1::2::3', '12345::1', 'g::1', '1:2:3:4:5:6:7:8:9', '1.2.3.4', ':::']) assert.equal(parseIPv6(bad), undefined, bad);
  const n = parseCidr('2001:db8::/32')!;
  assert.deepEqual([n.version, n.prefix, ipv6Hex(n.first), ipv6Hex(n.last)], [6, 32, '20010db8000000000000000000000000', '20010db8ffffffffffffffffffffffff']);
  assert.equal(parseCidr('fe80::/129'), undefined);
});
