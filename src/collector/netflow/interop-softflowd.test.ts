/**
 * Interop: a capture made here is replayed by Debian's softflowd (NetFlow v9 and IPFIX) to
 * Vigil's UDP source and, in a second identical run, to Debian's nfcapd; the flows Vigil
 * decoded must equal what `nfdump` reads back from nfcapd, and both must equal the flows
 * the capture actually contains. Everything travels over 127.0.0.1 only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../../testing/corpora.js';
import { NetflowUdpSource, netflowUdpConfig } from './index.js';
import { buildContext, listeningPort, RecordingOutput, waitFor } from './testdata/harness.js';
import { findTool, readNfdump, runSoftflowd, startNfcapdOnFreePort, type FlowTuple } from './testdata/flow-tools.js';
import { ipBytes, pcapFile, type CapturedPacket } from './testdata/pcap-writer.js';

const T0 = 1_700_000_000;

function capture(): CapturedPacket[] {
  const p: CapturedPacket[] = [];
  let t = T0;
  const add = (src: string, dst: string, protocol: 6 | 17, sport: number, dport: number, payloadBytes: number, tcpFlags?: number) =>
    p.push({ time: (t += 0.01), src, dst, protocol, sport, dport, payloadBytes, tcpFlags });
  // A TLS-like TCP conversation, handshake to teardown.
  add('192.0.2.10', '198.51.100.20', 6, 40000, 443, 0, 0x02);
  add('198.51.100.20', '192.0.2.10', 6, 443, 40000, 0, 0x12);
  add('192.0.2.10', '198.51.100.20', 6, 40000, 443, 0, 0x10);
  add('192.0.2.10', '198.51.100.20', 6, 40000, 443, 300, 0x18);
  add('198.51.100.20', '192.0.2.10', 6, 443, 40000, 1200, 0x18);
  add('198.51.100.20', '192.0.2.10', 6, 443, 40000, 1200, 0x18);
  add('192.0.2.10', '198.51.100.20', 6, 40000, 443, 0, 0x11);
  add('198.51.100.20', '192.0.2.10', 6, 443, 40000, 0, 0x11);
  add('192.0.2.10', '198.51.100.20', 6, 40000, 443, 0, 0x10);
  // DNS over UDP, query and answer.
  add('192.0.2.10', '203.0.113.5', 17, 5353, 53, 40);
  add('203.0.113.5', '192.0.2.10', 17, 53, 5353, 120);
  // One-way NTP.
  for (let i = 0; i < 3; i++) add('192.0.2.11', '198.51.100.30', 17, 123, 123, 48);
  // IPv6: UDP both ways and a short TCP exchange.
  add('2001:db8::10', '2001:db8::20', 17, 50000, 53, 33);
  add('2001:db8::10', '2001:db8::20', 17, 50000, 53, 33);
  add('2001:db8::20', '2001:db8::10', 17, 53, 50000, 90);
  add('2001:db8::10', '2001:db8::30', 6, 41000, 22, 0, 0x02);
  add('2001:db8::30', '2001:db8::10', 6, 22, 41000, 0, 0x12);
  add('2001:db8::10', '2001:db8::30', 6, 41000, 22, 64, 0x18);
  return p;
}

const key = (f: FlowTuple) => `${f.protocol} ${f.src}:${f.sport} > ${f.dst}:${f.dport}`;
const sorted = (flows: FlowTuple[]) => [...flows].sort((a, b) => key(a).localeCompare(key(b)));

/** The unidirectional flows a capture contains: what any correct exporter + collector must report. */
function truth(packets: CapturedPacket[]): FlowTuple[] {
  const flows = new Map<string, FlowTuple>();
  for (const p of packets) {
    const f: FlowTuple = { src: p.src, dst: p.dst, sport: p.sport, dport: p.dport, protocol: p.protocol === 6 ? 'TCP' : 'UDP', packets: 0, bytes: 0 };
    const existing = flows.get(key(f)) ?? f;
    existing.packets++;
    existing.bytes += ipBytes(p);
    flows.set(key(f), existing);
  }
  return sorted([...flows.values()]);
}

for (const version of [9, 10] as const) {
  test(`softflowd ${version === 9 ? 'NetFlow v9' : 'IPFIX'} → Vigil and nfcapd decode the same flows`, async (t) => {
    const softflowd = findTool('softflowd');
    const nfcapd = findTool('nfcapd');
    const nfdump = findTool('nfdump');
    if (!requireTool(t, Boolean(softflowd && nfcapd && nfdump), 'softflowd/nfcapd/nfdump', 'apt-get install softflowd nfdump')) return;
    const work = mkdtempSync(join(tmpdir(), 'vigil-netflow-interop-'));
    const ctx = buildContext(`netflow_interop_v${version}`);
    const output = new RecordingOutput();
    const source = await NetflowUdpSource.build(netflowUdpConfig.parse({ listen: ['127.0.0.1:0'] }), ctx, output);
    await source.start();
    try {
      const packets = capture();
      const pcap = join(work, 'capture.pcap');
      writeFileSync(pcap, pcapFile(packets));
      const expected = truth(packets);
      // nfcapd is stopped as soon as softflowd has sent everything; on a starved machine it can
      // be stopped before it read the last datagrams, so the reference run is retried (at most
      // three times, each in a fresh directory) before the comparison counts.
      let reference: FlowTuple[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const flowDir = join(work, `nfcapd-${attempt}`);
        mkdirSync(flowDir);
        const collector = await startNfcapdOnFreePort(nfcapd!, flowDir);
        try {
          await runSoftflowd(softflowd!, pcap, collector.port, version, work);
        } finally {
          await collector.stop();
        }
        reference = sorted(await readNfdump(nfdump!, flowDir));
        if (reference.length === expected.length) break;
        t.diagnostic(`nfcapd run ${attempt} stored ${reference.length} of ${expected.length} flows; retrying the reference run`);
      }
      await runSoftflowd(softflowd!, pcap, listeningPort(source.health!()), version, work);
      assert.deepEqual(reference, expected, 'nfdump agrees with the capture');
      await waitFor(() => output.records.filter((r) => r.fields['event.dataset'] === 'netflow.flow').length >= expected.length, `${expected.length} flows`, output.events);
      const decoded = sorted(
        output.records
          .filter((r) => r.fields['event.dataset'] === 'netflow.flow')
          .map((r) => ({
            src: String(r.fields['source.ip']),
            dst: String(r.fields['destination.ip']),
            sport: Number(r.fields['source.port']),
            dport: Number(r.fields['destination.port']),
            protocol: String(r.fields['network.transport']).toUpperCase(),
            packets: Number(r.fields['source.packets']),
            bytes: Number(r.fields['source.bytes']),
          })),
      );
      assert.deepEqual(decoded, reference, 'Vigil agrees with nfdump');
      for (const r of output.records.filter((x) => x.fields['event.dataset'] === 'netflow.flow')) {
        assert.equal(r.fields['netflow.exporter.version'], version);
        assert.match(String(r.fields['network.community_id']), /^1:/);
        assert.equal(typeof r.fields['event.start'], 'string');
      }
      assert.equal(ctx.metrics.find('vigil_component_dropped_total')?.sum({ component: ctx.id }) ?? 0, 0, 'nothing dropped');
    } finally {
      await source.stop(Date.now() + 2000);
      rmSync(work, { recursive: true, force: true });
    }
  });
}
