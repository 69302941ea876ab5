/**
 * NetFlow v9 / IPFIX receive benchmark against Debian's `nfcapd`, on one replay of generated
 * export datagrams (softflowd-like IPv4 flows, 30 per datagram; testdata/replay.ts):
 *
 *   (a) decode only: Vigil's codec over the prebuilt datagrams in this process, no sockets;
 *   (b) over loopback UDP into Vigil's `netflow` source with a counting sink;
 *   (c) over loopback UDP into the source, the real Pipeline and a DuckDbStore in a temp
 *       directory (stored = the pipeline's `vigil_events_stored_total`, checkpoint included);
 *   (d) over loopback UDP into a bare dgram socket that only counts: Node's own receive cost,
 *       the floor under (b);
 *
 * and nfcapd on the same paced replay (it decodes and writes its binary files). Per receiver:
 * flows in, loss, CPU seconds (process-wide: GC, DuckDB and kernel time included), flows per
 * CPU-second. Then each rate of a ladder is tried until a receiver loses flows: the highest
 * paced rate at which both sides lost nothing.
 *
 *   npm run build && node dist/bench/netflow.js [flows-per-protocol] [datagrams-per-second] [rates | none] [rates for (c)]
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MetricsRegistry, type SourceOutput } from '../src/core/index.js';
import { decodeNetflowPacket, NetflowSessionStore } from '../src/codecs/netflow/index.js';
import { NetflowUdpSource, netflowUdpConfig } from '../src/collector/netflow/index.js';
import { silentLogger } from '../src/collector/netflow/testdata/harness.js';
import { findTool, startNfcapdOnFreePort } from '../src/collector/netflow/testdata/flow-tools.js';
import { kernelUdpDrops } from '../src/collector/kernel-drops.js';
import { readReplayFile, RECORDS_PER_PACKET, replayPackets, sendPaced, writeReplayFile } from '../src/collector/netflow/testdata/replay.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { DuckDbStore } from '../src/storage/index.js';

/** Both receivers get the same socket receive buffer. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

interface Run {
  name: string;
  flows: number;
  sent: number;
  cpuSeconds: number;
  userSeconds: number;
  kernelDrops: number | undefined;
  offeredPerSecond: number;
  note?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Child process: sends the replay file at the given rate and prints what it achieved. */
function runSender(port: number, file: string, perSecond: number): Promise<{ sent: number; seconds: number }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--send', String(port), file, String(perSecond)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { sent: number; seconds: number }) : reject(new Error(`sender exited ${code}`)))),
  );
}

/** Waits until `count()` has not changed for `quietMs` (the receiver has drained its socket). */
async function settle(count: () => number | Promise<number>, quietMs = 500): Promise<void> {
  let last = -1;
  for (let now = await count(); now !== last; now = await count()) {
    last = now;
    await sleep(quietMs);
  }
}

function decodeOnly(packets: Buffer[]): { flows: number; cpuSeconds: number }[] {
  const passes = [];
  for (let pass = 0; pass < 4; pass++) {
    const store = new NetflowSessionStore();
    const exporter = { address: '127.0.0.1', port: 40_000 };
    const cpu0 = process.cpuUsage();
    let flows = 0;
    for (const packet of packets) flows += decodeNetflowPacket(packet, exporter, store, Date.now()).records.length;
    const cpu = process.cpuUsage(cpu0);
    passes.push({ flows, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  }
  return passes.slice(1); // the first pass warms up the JIT
}

async function vigilRun(file: string, perSecond: number, sent: number, withStore: boolean, work: string): Promise<Run> {
  const metrics = new MetricsRegistry();
  let counted = 0;
  let store: DuckDbStore | undefined;
  let output: SourceOutput;
  if (withStore) {
    store = DuckDbStore.inDataDir(mkdtempSync(join(work, 'duckdb-')));
    await store.open();
    output = new Pipeline(store, metrics, silentLogger);
  } else output = { emit: async (batch) => void (counted += batch.records.length) };
  const stored = () => metrics.find('vigil_events_stored_total')?.sum({}) ?? 0;
  const config = netflowUdpConfig.parse({ listen: ['127.0.0.1:0'], receive_buffer_bytes: RECEIVE_BUFFER_BYTES });
  const ctx = { id: 'netflow_bench', metrics, logger: silentLogger, dataDir: work };
  const source = await NetflowUdpSource.build(config, ctx, output);
  await source.start();
  const port = Number((source.health!().listening as string[])[0].split(':')[1]);
  const cpu0 = process.cpuUsage();
  const sender = await runSender(port, file, perSecond);
  const received = () => metrics.find('vigil_component_received_total')?.sum({}) ?? 0;
  await settle(withStore ? () => received() + stored() : received);
  if (output instanceof Pipeline) {
    await output.flush();
    await store!.checkpoint();
  }
  const cpu = process.cpuUsage(cpu0);
  const health = source.health!();
  await source.stop(Date.now() + 5000);
  if (output instanceof Pipeline) await output.close();
  await store?.close();
  const dropped = metrics.find('vigil_component_dropped_total')?.sum({}) ?? 0;
  return {
    name: withStore ? 'vigil (c) pipeline+duckdb' : 'vigil (b) counting sink',
    flows: withStore ? stored() : counted,
    sent,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    userSeconds: cpu.user / 1e6,
    kernelDrops: health.kernel_drops as number | undefined,
    offeredPerSecond: sender.sent / sender.seconds,
    note: `granted SO_RCVBUF ${(health.receive_buffer_bytes as number[] | undefined)?.[0] ?? '?'} B, dropped in Vigil ${dropped}`,
  };
}

/**
 * (d) The floor: the same paced replay into a bare dgram socket whose handler only counts.
 * What Node itself costs per datagram (system call, buffer, callback), so the best ratio any
 * decoder could reach through Node's UDP is visible in the same run.
 */
async function floorRun(file: string, perSecond: number, sent: number): Promise<Run> {
  const socket = dgram.createSocket('udp4');
  let datagrams = 0;
  socket.on('message', () => void datagrams++);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
  const cpu0 = process.cpuUsage();
  const sender = await runSender(socket.address().port, file, perSecond);
  await settle(() => datagrams);
  const cpu = process.cpuUsage(cpu0);
  socket.close();
  return {
    name: 'node dgram floor (d)',
    flows: datagrams * RECORDS_PER_PACKET,
    sent,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    userSeconds: cpu.user / 1e6,
    kernelDrops: undefined,
    offeredPerSecond: sender.sent / sender.seconds,
    note: 'empty message handler: no decoding',
  };
}

function processCpu(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // USER_HZ ticks (100/s)
}

async function nfcapdRun(nfcapd: string, file: string, perSecond: number, sent: number, work: string): Promise<Run> {
  const dir = mkdtempSync(join(work, 'nfcapd-'));
  mkdirSync(dir, { recursive: true });
  const collector = await startNfcapdOnFreePort(nfcapd, dir, ['-B', String(RECEIVE_BUFFER_BYTES)]);
  const cpu0 = processCpu(collector.pid);
  const sender = await runSender(collector.port, file, perSecond);
  await settle(() => processCpu(collector.pid).user * 100 + processCpu(collector.pid).system * 100);
  const cpu1 = processCpu(collector.pid);
  const kernelDrops = kernelUdpDrops(4, collector.port);
  const log = await collector.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    name: 'nfcapd',
    flows: [...log.matchAll(/Flows: (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0),
    sent,
    cpuSeconds: cpu1.user + cpu1.system - cpu0.user - cpu0.system,
    userSeconds: cpu1.user - cpu0.user,
    kernelDrops,
    offeredPerSecond: sender.sent / sender.seconds,
  };
}

const perCore = (r: { flows: number; cpuSeconds: number }) => r.flows / r.cpuSeconds;

function print(r: Run, base?: Run): void {
  const loss = r.sent - r.flows;
  const ratio = base ? `  ${(perCore(r) / perCore(base)).toFixed(2)}x nfcapd` : '';
  console.log(
    `  ${r.name.padEnd(26)} ${r.flows}/${r.sent} loss ${loss} (${((loss / r.sent) * 100).toFixed(2)}%, kernel drops ${r.kernelDrops ?? '?'})  ` +
      `cpu ${r.cpuSeconds.toFixed(2)} s (user ${r.userSeconds.toFixed(2)})  ${Math.round(perCore(r))} flows/CPU-s${ratio}  offered ${Math.round(r.offeredPerSecond)} datagrams/s` +
      (r.note ? `  [${r.note}]` : ''),
  );
}

async function main(): Promise<void> {
  const flowsPerProtocol = Number(process.argv[2] ?? 150_000);
  const perSecond = Number(process.argv[3] ?? 2000);
  // Rates tried for (b) and nfcapd, and for (c), whose store is far slower; `none` skips the search.
  const ladderArg = process.argv[4] ?? '2000,3000,4000,6000,8000,12000,16000';
  const ladder = ladderArg === 'none' ? [] : ladderArg.split(',').map(Number);
  const storeLadder = (process.argv[5] ?? '250,500,1000,2000').split(',').map(Number);
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-netflow-'));
  try {
    const packets = replayPackets(flowsPerProtocol);
    const file = join(work, 'replay.bin');
    writeReplayFile(file, packets);
    const sent = Math.ceil(flowsPerProtocol / RECORDS_PER_PACKET) * RECORDS_PER_PACKET * 2;
    console.log(`replay: ${packets.length} datagrams (NetFlow v9 + IPFIX), ${sent} flows; ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}`);
    const nfcapd = findTool('nfcapd');
    if (!nfcapd) console.log('nfcapd not installed (apt-get install nfdump): no baseline');

    const passes = decodeOnly(packets);
    const median = [...passes].sort((x, y) => perCore(x) - perCore(y))[1];
    console.log(`(a) decode only, no sockets: vigil ${Math.round(perCore(median))} flows/CPU-s (median of ${passes.length} passes: ${passes.map((p) => Math.round(perCore(p))).join(', ')})`);

    console.log(`(b), (c) at ${perSecond} datagrams/s (${perSecond * RECORDS_PER_PACKET} flows/s) over 127.0.0.1:`);
    const base = nfcapd ? await nfcapdRun(nfcapd, file, perSecond, sent, work) : undefined;
    const sink = await vigilRun(file, perSecond, sent, false, work);
    const piped = await vigilRun(file, perSecond, sent, true, work);
    const floor = await floorRun(file, perSecond, sent);
    if (base) print(base);
    print(sink, base);
    print(piped, base);
    print(floor, base);
    if (base) {
      console.log(`(a) vs nfcapd: ${(perCore(median) / perCore(base)).toFixed(2)}x its whole receive path, ${(perCore(median) / (base.flows / base.userSeconds)).toFixed(2)}x its user CPU alone (nfcapd has no socket-free mode)`);
    }

    if (ladder.length === 0) return;
    console.log(`highest paced rate with 0 loss (ladders ${ladder.join(', ')} and, for (c), ${storeLadder.join(', ')} datagrams/s):`);
    const best: Record<string, number> = {};
    const runners: Array<[string, number[], (rate: number) => Promise<Run>]> = [
      ['vigil (b)', ladder, (rate) => vigilRun(file, rate, sent, false, work)],
      ['vigil (c)', storeLadder, (rate) => vigilRun(file, rate, sent, true, work)],
    ];
    if (nfcapd) runners.push(['nfcapd', ladder, (rate) => nfcapdRun(nfcapd, file, rate, sent, work)]);
    for (const [name, rates, run] of runners) {
      best[name] = 0;
      for (const rate of rates) {
        const r = await run(rate);
        print(r, undefined);
        if (r.flows !== r.sent) break;
        best[name] = Math.round(r.offeredPerSecond);
      }
    }
    for (const [name, rate] of Object.entries(best)) console.log(`  ${name}: ${rate} datagrams/s (${rate * RECORDS_PER_PACKET} flows/s)`);
    if (nfcapd) {
      console.log(`  both, (b): ${Math.min(best['vigil (b)'], best.nfcapd)} datagrams/s; both, (c): ${Math.min(best['vigil (c)'], best.nfcapd)} datagrams/s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--send') {
  const result = await sendPaced(readReplayFile(process.argv[4]), Number(process.argv[3]), Number(process.argv[5]));
  process.stdout.write(JSON.stringify(result));
} else await main();
