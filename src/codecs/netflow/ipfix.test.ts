import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNetflowPacket, NetflowSessionStore } from './index.js';
import { ByteWriter, dataSet, ipfixMessage, ipfixTemplateSet, ipfixWithdrawalSet } from './testdata/packet-builder.js';

const EXPORTER = { address: '192.0.2.7', port: 4739 };
const NOW = Date.parse('2024-03-01T12:00:00Z');
const EXPORT = NOW / 1000 - 5;
const header = (sequence = 0, domainId = 1) => ({ exportTime: EXPORT, sequence, domainId });

/** Template 300: IPv6 flow with a short and a long variable-length string, reduced-size counters, a NetScaler and an unknown enterprise element, and reverse counters. */
const TEMPLATE_300 = {
  id: 300,
  fields: [
    { id: 27, length: 16 }, // sourceIPv6Address
    { id: 28, length: 16 }, // destinationIPv6Address
    { id: 7, length: 2 },
    { id: 11, length: 2 },
    { id: 4, length: 1 },
    { id: 1, length: 4 }, // octetDeltaCount, reduced from 8 to 4 octets
    { id: 2, length: 2 }, // packetDeltaCount, reduced to 2
    { id: 1, length: 4, pen: 29305 }, // reverseOctetDeltaCount
    { id: 152, length: 8 }, // flowStartMilliseconds
    { id: 153, length: 8 },
    { id: 82, length: 65535 }, // interfaceName, variable length
    { id: 190, length: 65535, pen: 5951 }, // NetScaler X-Forwarded-For
    { id: 42, length: 3, pen: 99999 }, // unknown vendor element
    { id: 210, length: 2 }, // paddingOctets
  ],
};

function record300(name: Buffer): Buffer {
  return new ByteWriter()
    .ip('2001:db8::1').ip('2001:db8::2').u16(443).u16(51000).u8(6)
    .u32(5000).u16(7).u32(12000)
    .u64(NOW - 60_000).u64(NOW - 1_000)
    .varlen(name).varlen(Buffer.from('198.51.100.9')).bytes(Buffer.from([1, 2, 3])).u16(0)
    .build();
}

test('IPFIX: variable-length, enterprise, reverse and reduced-size fields', () => {
  const store = new NetflowSessionStore();
  const longName = Buffer.alloc(300, 'x');
  const msg = ipfixMessage(header(), [ipfixTemplateSet([TEMPLATE_300]), dataSet(300, [record300(Buffer.from('eth0')), record300(longName)], true)]);
  const r = decodeNetflowPacket(msg, EXPORTER, store, NOW);
  assert.deepEqual(r.rejected, []);
  assert.equal(r.templatesLearned, 1);
  assert.equal(r.records.length, 2);
  const [a, b] = r.records;
  assert.equal(a.native.interfaceName, 'eth0');
  assert.equal(b.native.interfaceName, 'x'.repeat(300));
  assert.equal(a.native['ipfix.e5951.190'], '198.51.100.9');
  assert.equal(a.native['ipfix.e99999.42'], '010203');
  assert.equal(a.native.reverseOctetDeltaCount, 12000);
  assert.ok(!('paddingOctets' in a.native));
  assert.equal(a.fields['source.ip'], '2001:db8::1');
  assert.equal(a.fields['network.type'], 'ipv6');
  assert.equal(a.fields['source.bytes'], 5000);
  assert.equal(a.fields['destination.bytes'], 12000);
  assert.equal(a.fields['network.bytes'], 17000);
  assert.equal(a.fields['source.packets'], 7);
  assert.equal(a.fields['event.start'], new Date(NOW - 60_000).toISOString());
  assert.equal(a.fields['event.duration'], 59_000 * 1_000_000);
  assert.equal(a.ts, EXPORT * 1000);
  assert.equal(a.fields['netflow.exporter.address'], '192.0.2.7:4739');
  assert.equal(a.fields['netflow.exporter.source_id'], 1);
});

test('IPFIX: options records set the uptime origin and sampling for later flows', () => {
  const store = new NetflowSessionStore();
  const options = { id: 400, scopeCount: 1, fields: [{ id: 144, length: 4 }, { id: 160, length: 8 }, { id: 305, length: 4 }, { id: 306, length: 4 }] };
  const flow = { id: 401, fields: [{ id: 8, length: 4 }, { id: 12, length: 4 }, { id: 4, length: 1 }, { id: 32, length: 2 }, { id: 22, length: 4 }, { id: 21, length: 4 }] };
  const init = NOW - 3_600_000;
  const msg = ipfixMessage(header(), [
    ipfixTemplateSet([options], true),
    ipfixTemplateSet([flow]),
    dataSet(400, [new ByteWriter().u32(7).u64(init).u32(1).u32(9).build()]),
    dataSet(401, [new ByteWriter().ip('198.51.100.1').ip('198.51.100.2').u8(1).u16(0x0800).u32(1000).u32(2500).build()]),
  ]);
  const r = decodeNetflowPacket(msg, EXPORTER, store, NOW);
  assert.equal(r.records.length, 2);
  assert.equal(r.records[0].fields['event.dataset'], 'netflow.options');
  assert.equal(r.records[0].native.systemInitTimeMilliseconds, new Date(init).toISOString());
  const f = r.records[1].fields;
  assert.equal(f['event.start'], new Date(init + 1000).toISOString());
  assert.equal(f['event.end'], new Date(init + 2500).toISOString());
  assert.equal(f['netflow.sampling_interval'], 10);
  assert.equal(f['network.transport'], 'icmp');
  // ICMP echo request: the Community ID pairs it with the echo reply.
  assert.equal(typeof f['network.community_id'], 'string');
  assert.equal(store.stats().optionsTemplates, 1);
});

test('IPFIX: withdrawal, redefinition and expiry of templates', () => {
  const store = new NetflowSessionStore({ templateExpiryMs: 60_000 });
  const t1 = { id: 500, fields: [{ id: 8, length: 4 }] };
  const t2 = { id: 500, fields: [{ id: 8, length: 4 }, { id: 7, length: 2 }] };
  const data1 = dataSet(500, [new ByteWriter().ip('192.0.2.1').build()]);
  const data2 = dataSet(500, [new ByteWriter().ip('192.0.2.1').u16(80).build()]);
  decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([t1])]), EXPORTER, store, NOW);
  assert.equal(decodeNetflowPacket(ipfixMessage(header(), [data1]), EXPORTER, store, NOW).records.length, 1);
  // Redefinition replaces the layout.
  decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([t2])]), EXPORTER, store, NOW);
  assert.equal(decodeNetflowPacket(ipfixMessage(header(), [data2]), EXPORTER, store, NOW).records[0].native.sourceTransportPort, 80);
  // Withdrawal forgets it: data now waits for a template.
  decodeNetflowPacket(ipfixMessage(header(), [ipfixWithdrawalSet(500)]), EXPORTER, store, NOW);
  assert.equal(decodeNetflowPacket(ipfixMessage(header(), [data2]), EXPORTER, store, NOW).setsPending, 1);
  // A template past its age is gone.
  decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([t1])]), EXPORTER, store, NOW);
  const late = decodeNetflowPacket(ipfixMessage(header(), [data1]), EXPORTER, store, NOW + 60_001);
  assert.equal(late.records.length, 0);
  assert.equal(late.setsPending, 1);
  assert.ok(store.stats().templatesExpired >= 1);
});

test('IPFIX: templates are scoped per exporter and observation domain', () => {
  const store = new NetflowSessionStore();
  decodeNetflowPacket(ipfixMessage(header(0, 1), [ipfixTemplateSet([{ id: 600, fields: [{ id: 8, length: 4 }] }])]), EXPORTER, store, NOW);
  const data = dataSet(600, [new ByteWriter().ip('192.0.2.1').build()]);
  assert.equal(decodeNetflowPacket(ipfixMessage(header(0, 1), [data]), EXPORTER, store, NOW).records.length, 1);
  assert.equal(decodeNetflowPacket(ipfixMessage(header(0, 2), [data]), EXPORTER, store, NOW).setsPending, 1);
  assert.equal(decodeNetflowPacket(ipfixMessage(header(0, 1), [data]), { address: '192.0.2.8', port: 4739 }, store, NOW).setsPending, 1);
});

test('IPFIX: bad templates and overrunning records are rejected with reasons, good records kept', () => {
  const store = new NetflowSessionStore();
  const reserved = decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([{ id: 200, fields: [{ id: 8, length: 4 }] }])]), EXPORTER, store, NOW);
  assert.match(reserved.rejected[0].reason, /^malformed: template id 200 is reserved/);
  const huge = { id: 702, fields: Array.from({ length: 513 }, () => ({ id: 8, length: 4 })) };
  assert.match(decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([huge])]), EXPORTER, store, NOW).rejected[0].reason, /513 fields \(limit 512\)/);
  const empty = decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([{ id: 700, fields: [{ id: 8, length: 0 }] }])]), EXPORTER, store, NOW);
  assert.match(empty.rejected[0].reason, /empty records/);
  decodeNetflowPacket(ipfixMessage(header(), [ipfixTemplateSet([{ id: 701, fields: [{ id: 8, length: 4 }, { id: 82, length: 65535 }] }])]), EXPORTER, store, NOW);
  const good = new ByteWriter().ip('192.0.2.1').varlen(Buffer.from('ok')).build();
  const overrun = new ByteWriter().ip('192.0.2.2').u8(200).bytes(Buffer.from('short')).build();
  const r = decodeNetflowPacket(ipfixMessage(header(), [dataSet(701, [good, overrun])]), EXPORTER, store, NOW);
  assert.equal(r.records.length, 1);
  assert.equal(r.rejected.length, 1);
  assert.equal(r.rejected[0].code, 'malformed');
  assert.match(r.rejected[0].reason, /overruns the set/);
  const lying = ipfixMessage(header(), [dataSet(701, [good])]);
  lying.writeUInt16BE(lying.length + 10, 2);
  assert.match(decodeNetflowPacket(lying, EXPORTER, store, NOW).rejected[0].reason, /message length/);
});

test('IPFIX: sequence numbers reveal lost records', () => {
  const store = new NetflowSessionStore();
  const tpl = ipfixTemplateSet([{ id: 800, fields: [{ id: 8, length: 4 }] }]);
  const rec = new ByteWriter().ip('192.0.2.1').build();
  decodeNetflowPacket(ipfixMessage(header(100), [tpl, dataSet(800, [rec, rec])]), EXPORTER, store, NOW);
  decodeNetflowPacket(ipfixMessage(header(102), [dataSet(800, [rec])]), EXPORTER, store, NOW);
  assert.equal(store.stats().sequenceGap, 0);
  decodeNetflowPacket(ipfixMessage(header(108), [dataSet(800, [rec])]), EXPORTER, store, NOW);
  assert.equal(store.stats().sequenceGap, 5);
});
