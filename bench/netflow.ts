/**
 * NetFlow v9 / IPFIX receive benchmark: the same paced replay of generated export packets
 * goes over loopback UDP to Vigil's `netflow` source (decode + ECS mapping + emit into a
 * counting sink) and to Debian's `nfcapd`, one after the other in the same run. Reported per
 * receiver: flows sent and decoded (loss), CPU seconds the receiver used, and flows per
 * CPU-second ("per core"); then the ratio Vigil / nfcapd.
 *
 *   npm run build && node dist/bench/netflow.js [flows-per-protocol] [datagrams-per-second]
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MetricsRegistry, type SourceBatch } from '../src/core/index.js';
import { NetflowUdpSource, netflowUdpConfig } from '../src/collector/netflow/index.js';
import { silentLogger } from '../src/collector/netflow/testdata/harness.js';
import { findTool, startNfcapdOnFreePort } from '../src/collector/netflow/testdata/flow-tools.js';
import { ByteWriter, dataSet, ipfixMessage, ipfixTemplateSet, netflow9Packet, netflow9TemplateFlowset, type TemplateSpec } from '../src/codecs/netflow/testdata/packet-builder.js';

const RECORDS_PER_PACKET = 30;
const TEMPLATE_EVERY = 100;
/** A softflowd-like IPv4 flow template: addresses, ports, protocol, flags, counters, interfaces, uptimes, ToS. */
const FIELDS = [[8, 4], [12, 4], [7, 2], [11, 2], [4, 1], [6, 1], [1, 4], [2, 4], [10, 4], [14, 4], [22, 4], [21, 4], [5, 1]];
const TEMPLATE: TemplateSpec = { id: 256, fields: FIELDS.map(([id, length]) => ({ id, length })) };

function flowRecord(i: number): Buffer {
  return new ByteWriter()
    .ip(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).ip(`192.0.2.${i % 200}`)
    .u16(1024 + (i % 60_000)).u16([443, 80, 53, 22][i % 4]).u8(i % 4 === 2 ? 17 : 6).u8(0x1b)
    .u32(40 + (i % 1400)).u32(1 + (i % 20)).u32(1).u32(2).u32(10_000 + (i % 5000)).u32(20_000).u8(0)
    .build();
}

/** Export packets for `flows` flows per protocol: v9 then IPFIX, templates refreshed every 100 packets. */
function replay(flows: number): Buffer[] {
  const out: Buffer[] = [];
  const packets = Math.ceil(flows / RECORDS_PER_PACKET);
  const unixSecs = Math.floor(Date.now() / 1000);
  for (const version of [9, 10]) {
    let ipfixSequence = 0;
    for (let p = 0; p < packets; p++) {
      const records: Buffer[] = [];
      for (let r = 0; r < RECORDS_PER_PACKET; r++) records.push(flowRecord(p * RECORDS_PER_PACKET + r));
      const sets = p % TEMPLATE_EVERY === 0 ? [version === 9 ? netflow9TemplateFlowset([TEMPLATE]) : ipfixTemplateSet([TEMPLATE])] : [];
      sets.push(dataSet(256, records));
      if (version === 9) out.push(netflow9Packet({ sysUpTime: 30_000, unixSecs, sequence: p, sourceId: 1, count: sets.length }, sets));
      else out.push(ipfixMessage({ exportTime: unixSecs, sequence: ipfixSequence, domainId: 1 }, sets));
      ipfixSequence += RECORDS_PER_PACKET;
    }
  }
  return out;
}

/** Child process: sends the replay file to 127.0.0.1:port at a steady datagram rate. */
async function sender(port: number, file: string, perSecond: number): Promise<void> {
  const data = readFileSync(file);
  const packets: Buffer[] = [];
  for (let p = 0; p < data.length; ) {
    const length = data.readUInt16BE(p);
    packets.push(data.subarray(p + 2, p + 2 + length));
    p += 2 + length;
  }
  const socket = dgram.createSocket('udp4');
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < packets.length) {
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const due = Math.min(packets.length, Math.floor(elapsed * perSecond) + 1);
    while (sent < due) {
      const packet = packets[sent++];
      await new Promise<void>((resolve) => socket.send(packet, port, '127.0.0.1', () => resolve()));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  socket.close();
}

function runSender(port: number, file: string, perSecond: number): Promise<void> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--send', String(port), file, String(perSecond)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`)))));
}

/** Waits until `count()` has not changed for `quietMs` (the receiver has drained its socket). */
async function settle(count: () => number, quietMs = 500): Promise<void> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

interface Result {
  name: string;
  decoded: number;
  cpuSeconds: number;
  wallSeconds: number;
}

async function benchVigil(file: string, perSecond: number): Promise<Result> {
  let flows = 0;
  const output = {
    emit: async (batch: SourceBatch) => {
      flows += batch.records.length;
    },
  };
  const config = netflowUdpConfig.parse({ listen: ['127.0.0.1:0'], receive_buffer_bytes: 4 * 1024 * 1024 });
  const ctx = { id: 'netflow_bench', metrics: new MetricsRegistry(), logger: silentLogger, dataDir: tmpdir() };
  const source = await NetflowUdpSource.build(config, ctx, output);
  await source.start();
  const listening = source.health!().listening as string[];
  const port = Number(listening[0].split(':')[1]);
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  await runSender(port, file, perSecond);
  await settle(() => flows);
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (Date.now() - t0) / 1000;
  await source.stop(Date.now() + 2000);
  return { name: 'vigil', decoded: flows, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds };
}

function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100/s)
}

async function benchNfcapd(nfcapd: string, file: string, perSecond: number, work: string): Promise<Result> {
  const dir = join(work, 'nfcapd');
  mkdirSync(dir);
  const collector = await startNfcapdOnFreePort(nfcapd, dir, ['-B', String(4 * 1024 * 1024)]);
  const port = collector.port;
  const cpu0 = processCpuSeconds(collector.pid);
  const t0 = Date.now();
  await runSender(port, file, perSecond);
  await settle(() => processCpuSeconds(collector.pid) * 100);
  const cpuSeconds = processCpuSeconds(collector.pid) - cpu0;
  const wallSeconds = (Date.now() - t0) / 1000;
  const log = await collector.stop();
  const flows = [...log.matchAll(/Flows: (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { name: 'nfcapd', decoded: flows, cpuSeconds, wallSeconds };
}

async function main(): Promise<void> {
  const flowsPerProtocol = Number(process.argv[2] ?? 150_000);
  const perSecond = Number(process.argv[3] ?? 2000);
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-netflow-'));
  try {
    const packets = replay(flowsPerProtocol);
    const file = join(work, 'replay.bin');
    writeFileSync(file, Buffer.concat(packets.flatMap((p) => [new ByteWriter().u16(p.length).build(), p])));
    const sent = Math.ceil(flowsPerProtocol / RECORDS_PER_PACKET) * RECORDS_PER_PACKET * 2;
    console.log(`replay: ${packets.length} datagrams (NetFlow v9 + IPFIX), ${sent} flows, paced at ${perSecond} datagrams/s over 127.0.0.1`);
    const results = [await benchVigil(file, perSecond)];
    const nfcapd = findTool('nfcapd');
    if (nfcapd) results.push(await benchNfcapd(nfcapd, file, perSecond, work));
    else console.log('nfcapd not installed (apt-get install nfdump): baseline skipped');
    for (const r of results) {
      const perCore = r.decoded / r.cpuSeconds;
      console.log(
        `${r.name.padEnd(7)} decoded ${r.decoded}/${sent} (loss ${sent - r.decoded}, ${(((sent - r.decoded) / sent) * 100).toFixed(2)}%)  ` +
          `cpu ${r.cpuSeconds.toFixed(2)} s  wall ${r.wallSeconds.toFixed(1)} s  ${Math.round(perCore)} flows/s per core`,
      );
    }
    if (results.length === 2) {
      const ratio = results[0].decoded / results[0].cpuSeconds / (results[1].decoded / results[1].cpuSeconds);
      console.log(`ratio vigil/nfcapd (flows per CPU-second): ${ratio.toFixed(2)}x (target >= 0.5x)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--send') await sender(Number(process.argv[3]), process.argv[4], Number(process.argv[5]));
else await main();
