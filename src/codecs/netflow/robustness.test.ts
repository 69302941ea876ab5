/**
 * Hostile input: seeded random mutations of valid datagrams (flipped bytes, truncation,
 * garbage lengths) and pure garbage. The decoder must never throw, must keep its state
 * within the configured bounds, and must say why when it drops something.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNetflowPacket, expireNetflowState, NetflowSessionStore } from './index.js';
import { ByteWriter, dataSet, ipfixMessage, ipfixTemplateSet, netflow5Packet, netflow9Packet, netflow9TemplateFlowset } from './testdata/packet-builder.js';
import { seededFloats } from '../../demo/prng.js';


function seeds(): Buffer[] {
  const tpl = { id: 256, fields: [{ id: 8, length: 4 }, { id: 12, length: 4 }, { id: 7, length: 2 }, { id: 11, length: 2 }, { id: 4, length: 1 }, { id: 1, length: 8 }] };
  const rec = new ByteWriter().ip('192.0.2.1').ip('192.0.2.2').u16(1).u16(2).u8(6).u64(99).build();
  const varTpl = { id: 300, fields: [{ id: 8, length: 4 }, { id: 82, length: 65535 }, { id: 5, length: 2, pen: 5951 }] };
  const varRec = new ByteWriter().ip('192.0.2.1').varlen(Buffer.from('eth0')).u16(7).build();
  return [
    netflow5Packet({ sysUpTime: 5, unixSecs: 1_700_000_000, unixNsecs: 0, sequence: 1 }, [{ src: '192.0.2.1', dst: '192.0.2.2', sport: 1, dport: 2, protocol: 6, packets: 1, octets: 40, first: 1, last: 2 }]),
    netflow9Packet({ sysUpTime: 5, unixSecs: 1_700_000_000, sequence: 1, sourceId: 0, count: 2 }, [netflow9TemplateFlowset([tpl]), dataSet(256, [rec, rec])]),
    ipfixMessage({ exportTime: 1_700_000_000, sequence: 0, domainId: 0 }, [ipfixTemplateSet([varTpl]), dataSet(300, [varRec, varRec])]),
  ];
}

test('mutated and garbage datagrams never throw and every drop has a reason', () => {
  const random = seededFloats(20240301);
  const store = new NetflowSessionStore({ pendingMaxBytes: 64 * 1024, maxSessions: 64, maxTemplatesPerSession: 64 });
  const base = seeds();
  let rejected = 0;
  let records = 0;
  for (let i = 0; i < 20_000; i++) {
    let packet: Buffer;
    const mode = random();
    if (mode < 0.1) {
      packet = Buffer.alloc(Math.floor(random() * 200));
      for (let j = 0; j < packet.length; j++) packet[j] = Math.floor(random() * 256);
      if (packet.length >= 2 && random() < 0.5) packet.writeUInt16BE([5, 9, 10][Math.floor(random() * 3)], 0);
    } else {
      packet = Buffer.from(base[Math.floor(random() * base.length)]);
      const flips = 1 + Math.floor(random() * 4);
      for (let j = 0; j < flips; j++) packet[2 + Math.floor(random() * (packet.length - 2))] = Math.floor(random() * 256);
      if (random() < 0.3) packet = packet.subarray(0, Math.floor(random() * packet.length));
    }
    const exporter = { address: `192.0.2.${Math.floor(random() * 4)}`, port: 2055 };
    const result = decodeNetflowPacket(packet, exporter, store, 1_700_000_000_000 + i);
    for (const r of result.rejected) assert.match(r.reason, /^(malformed|unknown_template|session_limit|template_limit): ./);
    for (const r of result.records) assert.equal(typeof r.fields['event.dataset'], 'string');
    rejected += result.rejected.length;
    records += result.records.length;
    assert.ok(store.stats().pendingBytes <= 64 * 1024);
  }
  expireNetflowState(store, 1_700_000_000_000 + 10 * 60_000);
  assert.equal(store.stats().pendingBytes, 0);
  assert.ok(rejected > 1000, `mutations were rejected (${rejected})`);
  assert.ok(records > 1000, `intact parts still decoded (${records})`);
});

test('tiny and empty datagrams are malformed, unknown versions named', () => {
  const store = new NetflowSessionStore();
  const exporter = { address: '192.0.2.1', port: 2055 };
  assert.match(decodeNetflowPacket(Buffer.alloc(0), exporter, store, 0).rejected[0].reason, /no version field/);
  assert.match(decodeNetflowPacket(Buffer.from([0, 7, 0, 0]), exporter, store, 0).rejected[0].reason, /unsupported version 7/);
  for (const version of [5, 9, 10]) {
    const r = decodeNetflowPacket(Buffer.from([0, version, 0, 1]), exporter, store, 0);
    assert.equal(r.rejected[0].code, 'malformed', `version ${version}`);
  }
});
