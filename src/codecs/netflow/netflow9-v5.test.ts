import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNetflowPacket, expireNetflowState, NetflowSessionStore } from './index.js';
import { ByteWriter, dataSet, netflow5Packet, netflow9OptionsTemplateFlowset, netflow9Packet, netflow9TemplateFlowset } from './testdata/packet-builder.js';

const EXPORTER = { address: '192.0.2.9', port: 2055 };
const NOW = Date.parse('2024-03-01T12:00:00Z');
const UNIX = NOW / 1000;
const v9 = (sequence: number, flowsets: Buffer[], sourceId = 0) => netflow9Packet({ sysUpTime: 100_000, unixSecs: UNIX, sequence, sourceId, count: flowsets.length }, flowsets);
const FLOW = { id: 256, fields: [{ id: 8, length: 4 }, { id: 12, length: 4 }, { id: 7, length: 2 }, { id: 11, length: 2 }, { id: 4, length: 1 }, { id: 1, length: 4 }, { id: 2, length: 4 }, { id: 22, length: 4 }, { id: 21, length: 4 }] };
const flowRecord = (sport: number) => new ByteWriter().ip('198.51.100.1').ip('203.0.113.5').u16(sport).u16(53).u8(17).u32(120).u32(2).u32(90_000).u32(99_500).build();

test('NetFlow v9: templates, sysUpTime times, options with sampling', () => {
  const store = new NetflowSessionStore();
  const options = { id: 257, scopeCount: 1, fields: [{ id: 1, length: 4 }, { id: 34, length: 4 }, { id: 35, length: 1 }] };
  const first = decodeNetflowPacket(v9(1, [netflow9TemplateFlowset([FLOW]), netflow9OptionsTemplateFlowset(options), dataSet(257, [new ByteWriter().u32(0).u32(100).u8(2).build()], true)]), EXPORTER, store, NOW);
  assert.equal(first.templatesLearned, 2);
  assert.equal(first.records.length, 1);
  assert.deepEqual(Object.keys(first.records[0].native).slice(2), ['scopeSystem', 'samplingInterval', 'samplingAlgorithm']);
  const r = decodeNetflowPacket(v9(2, [dataSet(256, [flowRecord(5353), flowRecord(5354)])]), EXPORTER, store, NOW);
  assert.equal(r.records.length, 2);
  const f = r.records[0].fields;
  assert.equal(f['event.start'], new Date(NOW - 10_000).toISOString());
  assert.equal(f['event.end'], new Date(NOW - 500).toISOString());
  assert.equal(f['network.transport'], 'udp');
  assert.equal(f['destination.port'], 53);
  assert.equal(f['netflow.sampling_interval'], 100);
  assert.equal(f['netflow.exporter.uptime_millis'], 100_000);
});

test('NetFlow v9: data before its template waits, then decodes in arrival order', () => {
  const store = new NetflowSessionStore();
  const early = decodeNetflowPacket(v9(1, [dataSet(256, [flowRecord(1)]), dataSet(256, [flowRecord(2)])]), EXPORTER, store, NOW);
  assert.equal(early.records.length, 0);
  assert.equal(early.setsPending, 2);
  assert.equal(store.stats().pendingSets, 2);
  const later = decodeNetflowPacket(v9(2, [netflow9TemplateFlowset([FLOW]), dataSet(256, [flowRecord(3)])]), EXPORTER, store, NOW + 1000);
  assert.deepEqual(later.records.map((x) => x.native.sourceTransportPort), [3, 1, 2]);
  assert.equal(store.stats().pendingSets, 0);
});

test('NetFlow v9: pending sets expire into unknown_template rejections, and respect the byte budget', () => {
  const store = new NetflowSessionStore({ pendingMaxAgeMs: 5000, pendingMaxBytes: 100 });
  decodeNetflowPacket(v9(1, [dataSet(256, [flowRecord(1), flowRecord(2)])]), EXPORTER, store, NOW);
  const evicting = decodeNetflowPacket(v9(2, [dataSet(256, [flowRecord(3), flowRecord(4)])]), EXPORTER, store, NOW + 1);
  assert.equal(evicting.rejected.length, 1);
  assert.equal(evicting.rejected[0].code, 'unknown_template');
  assert.equal(expireNetflowState(store, NOW + 2000).rejected.length, 0);
  const expired = expireNetflowState(store, NOW + 6000);
  assert.equal(expired.rejected.length, 1);
  assert.match(expired.rejected[0].reason, /^unknown_template: data set for template 256/);
  assert.equal(store.stats().pendingBytes, 0);
  const noBuffer = new NetflowSessionStore({ pendingMaxAgeMs: 0 });
  assert.equal(decodeNetflowPacket(v9(1, [dataSet(256, [flowRecord(1)])]), EXPORTER, noBuffer, NOW).rejected[0].code, 'unknown_template');
});

test('NetFlow v9: session and template limits are enforced and counted', () => {
  const store = new NetflowSessionStore({ maxSessions: 1, maxTemplatesPerSession: 1 });
  const two = netflow9TemplateFlowset([FLOW, { ...FLOW, id: 300 }]);
  const r = decodeNetflowPacket(v9(1, [two]), EXPORTER, store, NOW);
  assert.equal(r.templatesLearned, 1);
  assert.equal(r.rejected[0].code, 'template_limit');
  const other = decodeNetflowPacket(v9(1, [two], 7), EXPORTER, store, NOW);
  assert.equal(other.rejected[0].code, 'session_limit');
});

test('NetFlow v9: truncated flowsets and templates are malformed, earlier sets survive', () => {
  const store = new NetflowSessionStore();
  const packet = v9(1, [netflow9TemplateFlowset([FLOW]), dataSet(256, [flowRecord(1)])]);
  const cut = packet.subarray(0, packet.length - 7);
  const r = decodeNetflowPacket(cut, EXPORTER, store, NOW);
  assert.equal(r.templatesLearned, 1);
  assert.equal(r.rejected[0].code, 'malformed');
  const badTemplate = netflow9TemplateFlowset([FLOW]);
  badTemplate.writeUInt16BE(200, 6); // field count far beyond the flowset
  assert.match(decodeNetflowPacket(v9(1, [badTemplate]), EXPORTER, new NetflowSessionStore(), NOW).rejected[0].reason, /do not fit/);
});

test('NetFlow v5: records, wrapping uptime, ICMP Community ID, sampling, trailing bytes', () => {
  const store = new NetflowSessionStore();
  const packet = netflow5Packet({ sysUpTime: 3381, unixSecs: UNIX, unixNsecs: 280_328_000, sequence: 10, sampling: (1 << 14) | 64 }, [
    { src: '192.0.2.1', dst: '198.51.100.2', sport: 54435, dport: 22, protocol: 6, packets: 5, octets: 230, first: 4294967295, last: 2577, tcpFlags: 16 },
    { src: '192.0.2.1', dst: '198.51.100.2', sport: 0, dport: 0x0800, protocol: 1, packets: 1, octets: 84, first: 3000, last: 3000 },
  ]);
  const r = decodeNetflowPacket(Buffer.concat([packet, Buffer.alloc(5)]), EXPORTER, store, NOW);
  assert.equal(r.records.length, 2);
  const [tcp, icmp] = r.records;
  assert.equal(tcp.ts, NOW + 280.328);
  assert.equal(tcp.fields['event.start'], '2024-03-01T11:59:56.898328Z');
  assert.equal(tcp.fields['event.end'], '2024-03-01T11:59:59.476328Z');
  assert.equal(tcp.native.samplingInterval, 64);
  assert.equal(tcp.fields['netflow.sampling_interval'], 64);
  assert.deepEqual(tcp.warnings, ['5 octets after the 2 records ignored']);
  // Echo request (type 8 in the destination port) pairs with a reply the other way round.
  const reply = netflow5Packet({ sysUpTime: 3381, unixSecs: UNIX, unixNsecs: 0, sequence: 12 }, [
    { src: '198.51.100.2', dst: '192.0.2.1', sport: 0, dport: 0, protocol: 1, packets: 1, octets: 84, first: 3000, last: 3000 },
  ]);
  const back = decodeNetflowPacket(reply, EXPORTER, store, NOW).records[0];
  assert.equal(icmp.fields['network.community_id'], back.fields['network.community_id']);
  assert.equal(store.stats().sequenceGap, 0);
});

test('NetFlow v5: impossible record counts are malformed', () => {
  const store = new NetflowSessionStore();
  const packet = netflow5Packet({ sysUpTime: 1, unixSecs: UNIX, unixNsecs: 0, sequence: 0 }, [{ src: '192.0.2.1', dst: '192.0.2.2', sport: 1, dport: 2, protocol: 6, packets: 1, octets: 40, first: 0, last: 0 }]);
  packet.writeUInt16BE(31, 2);
  assert.match(decodeNetflowPacket(packet, EXPORTER, store, NOW).rejected[0].reason, /announces 31 records/);
  packet.writeUInt16BE(0, 2);
  assert.equal(decodeNetflowPacket(packet, EXPORTER, store, NOW).rejected[0].code, 'malformed');
});
