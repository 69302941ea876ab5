/**
 * `cidrContains` takes a 32-bit path for IPv4 networks; it must agree with the 128-bit
 * definition (address & mask === network) for every address, IPv4, IPv4-mapped or IPv6.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCidr, parseIp } from './cidr.js';
import { seededFloats } from '../../../demo/prng.js';

const pos = { line: 1, col: 1 };


test('IPv4 networks: the 32-bit test agrees with the 128-bit definition', () => {
  const r = seededFloats(5);
  const octet = (): number => (r() < 0.3 ? [0, 10, 127, 172, 192, 255][Math.floor(r() * 6)] : Math.floor(r() * 256));
  const v4 = (): string => `${octet()}.${octet()}.${octet()}.${octet()}`;
  const nets = ['0.0.0.0/0', '10.0.0.0/8', '172.16.0.0/12', '192.168.1.128/25', '255.255.255.255/32', '::ffff:10.0.0.0/104', 'fe80::/10', '::/0', '::ffff:0:0/96'];
  for (let i = 0; i < 40; i++) nets.push(`${v4()}/${Math.floor(r() * 33)}`);
  const addrs = ['::ffff:10.1.2.3', '::1', 'fe80::1', '2001:db8::1', 'not an ip', '10.0.0.256', ' 10.0.0.1 '];
  for (let i = 0; i < 300; i++) addrs.push(v4());
  for (const n of nets) {
    const c = parseCidr(n, pos);
    for (const a of addrs) {
      const ip = parseIp(a);
      const want = ip !== undefined && (ip & c.mask) === c.network;
      assert.equal(cidrContains(c, a), want, `${a} in ${n}`);
    }
  }
  assert.ok(cidrContains(parseCidr('10.0.0.0/8', pos), '::ffff:10.9.8.7'), 'IPv4-mapped IPv6 in an IPv4 network');
  assert.ok(!cidrContains(parseCidr('10.0.0.0/8', pos), '11.0.0.1'));
});
