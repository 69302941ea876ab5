import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipv6ToString, parseIp } from './addresses.js';
import { decodeValue } from './value-decoder.js';
import { isoFromMs, ntpToTime, sysUpTimeToMs } from './timestamps.js';

const b = (...bytes: number[]) => Buffer.from(bytes);

test('IPv6 text follows RFC 5952 and parses back', () => {
  const cases = ['2001:db8::1', '::', '::1', '2001:db8:0:1:1:1:1:1', '2001:0:0:1::1', 'fe80::200:86ff:fe05:80da', '::ffff:192.0.2.1', '2001:db8::'];
  for (const text of cases) {
    const bytes = parseIp(text);
    assert.ok(bytes, text);
    assert.equal(ipv6ToString(bytes, 0), text);
  }
  assert.equal(ipv6ToString(parseIp('2001:db8:0:0:1:0:0:1')!, 0), '2001:db8::1:0:0:1');
  assert.equal(parseIp('1::2::3'), undefined);
  assert.equal(parseIp('1:2:3'), undefined);
  assert.equal(parseIp('192.0.2'), undefined);
});

test('integers honour reduced-size encoding and never lose precision', () => {
  assert.equal(decodeValue(b(0x12, 0x34), 0, 2, 'unsigned64'), 0x1234);
  assert.equal(decodeValue(b(1, 0, 0, 0, 0, 0, 0, 0), 0, 8, 'unsigned64'), '72057594037927936');
  assert.equal(decodeValue(b(0, 0x1f, 255, 255, 255, 255, 255, 255), 0, 8, 'unsigned64'), Number.MAX_SAFE_INTEGER);
  assert.equal(decodeValue(b(0, 0, 1, 0, 0, 0, 0), 0, 7, 'unsigned64'), 4294967296);
  assert.equal(decodeValue(b(0xff, 0xfe), 0, 2, 'signed32'), -2);
  assert.equal(decodeValue(b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe), 0, 8, 'signed64'), -2);
  assert.equal(decodeValue(b(0x3f, 0x80, 0, 0), 0, 4, 'float64'), 1);
  assert.equal(decodeValue(b(0x7f, 0xc0, 0, 0), 0, 4, 'float32'), 'NaN');
  assert.equal(decodeValue(b(1, 2, 3, 4, 5, 6, 7, 8, 9), 0, 9, 'unsigned64'), '010203040506070809');
});

test('addresses, booleans and strings decode by type, with hex for impossible lengths', () => {
  assert.equal(decodeValue(b(192, 0, 2, 1), 0, 4, 'ipv4Address'), '192.0.2.1');
  assert.equal(decodeValue(b(192, 0, 2), 0, 3, 'ipv4Address'), 'c00002');
  assert.equal(decodeValue(b(0, 0x50, 0x56, 0xc0, 0, 1), 0, 6, 'macAddress'), '00:50:56:c0:00:01');
  assert.equal(decodeValue(b(1), 0, 1, 'boolean'), true);
  assert.equal(decodeValue(b(2), 0, 1, 'boolean'), false);
  assert.equal(decodeValue(b(3), 0, 1, 'boolean'), '03');
  assert.equal(decodeValue(Buffer.from('bob\0\0\0'), 0, 6, 'string'), 'bob');
  assert.equal(decodeValue(b(0xde, 0xad), 0, 2, 'octetArray'), 'dead');
  assert.equal(decodeValue(b(), 0, 0, 'octetArray'), '');
});

test('timestamps: seconds, milliseconds, NTP micro/nanoseconds, wrapping sysUpTime', () => {
  assert.equal(decodeValue(b(0x57, 0x90, 0xce, 0x57), 0, 4, 'dateTimeSeconds'), '2016-07-21T13:29:59.000Z');
  const ms = Buffer.alloc(8);
  ms.writeBigUInt64BE(1431516013506n);
  assert.equal(decodeValue(ms, 0, 8, 'dateTimeMilliseconds'), '2015-05-13T11:20:13.506Z');
  // NTP: 2016-11-11T12:09:19Z plus half a second.
  const ntpSeconds = 1478866159 + 2208988800;
  const t = ntpToTime(ntpSeconds, 0x80000000, 'nano');
  assert.equal(isoFromMs(t.ms, t.subMsNanos), '2016-11-11T12:09:19.500Z');
  const fine = ntpToTime(ntpSeconds, 548762, 'nano');
  assert.equal(isoFromMs(fine.ms, fine.subMsNanos), '2016-11-11T12:09:19.000127768Z');
  const micro = ntpToTime(ntpSeconds, 548762, 'micro');
  assert.equal(isoFromMs(micro.ms, micro.subMsNanos), '2016-11-11T12:09:19.000127Z');
  assert.equal(sysUpTimeToMs(1_000_000, 3381, 4294967295), 1_000_000 - 3382);
  assert.equal(sysUpTimeToMs(1_000_000, 5000, 4000), 999_000);
});
