/**
 * Syslog receive benchmark: Vigil's UDP and TCP sources against rsyslogd receiving the same
 * messages into a file, on this machine, in this run.
 *
 *   npm run build && node dist/bench/syslog.js [--messages N] [--udp-rate MSGS_PER_S] [--udp-ladder R1,R2,…]
 *     [--only udp,tcp] [--runs parse,store,rsyslog,floor,storefloor] [--no-ladder]
 *
 * Over UDP a "reader floor" run first measures the receive machinery alone (reader thread, no decoding).
 * Vigil runs twice per transport: parse only (frame + parse + normalize into a counting sink)
 * and parse + store (the real Pipeline writing to a DuckDbStore in a temp directory; "stored"
 * is the pipeline's vigil_events_stored_total). A separate sender process offers the same
 * message mix to every receiver: TCP as fast as the receiver takes it, UDP paced. Per core is
 * messages per CPU-second of the receiving process (Vigil: process.cpuUsage(), which includes
 * DuckDB's threads; rsyslogd: utime+stime from /proc). Loss is reported with where it happened:
 * in the kernel (socket buffer full, /proc/net/udp), in the source (its drop counters), or
 * unaccounted. The "store floor" appends the mix, parsed beforehand, with the DuckDB store alone
 * (CPU µs per event, and against rsyslog per core). "Lag" is how long after the sender's last message the receiver finished. The UDP
 * ladder then finds the highest paced rate each receiver keeps up with: no loss, and done within
 * a second of the last message (Vigil's queues can absorb a short run it could not sustain).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry, type SourceOutput } from '../src/core/index.js';
import { DEFAULT_PIPELINE_OPTIONS, Pipeline } from '../src/pipeline/pipeline.js';
import { DuckDbStore } from '../src/storage/duckdb/duckdb-store.js';
import { SyslogTcpSource, SyslogUdpSource, type SyslogUdpReceiver } from '../src/collector/syslog/index.js';
import { kernelUdpDrops } from '../src/collector/kernel-drops.js';
import { machine, procCpuSeconds, rmemMax, runSender, settle, type SendReport, type Transport, udpReceiveBuffer } from '../src/collector/syslog/load-harness.js';
import { freePort, Rsyslogd, rsyslogdPath } from '../src/collector/syslog/rsyslog-harness.js';
import { silentLogger } from '../src/collector/syslog/test-helpers.js';
import { benchFloor, codecOnly, storeFloor } from './syslog-floors.js';

type Mode = 'parse' | 'store' | 'file' | 'floor';

export interface Result {
  impl: 'vigil' | 'rsyslog';
  mode: Mode;
  transport: Transport;
  offered: number;
  rate: number;
  send: SendReport;
  /** Counted (parse), stored (store) or written to the file (rsyslog), in the end. */
  done: number;
  /** The same when the CPU time was read: what the CPU seconds paid for. */
  doneAtCpu: number;
  kernelDrops: number;
  sourceDrops: Record<string, number>;
  receiveBuffer?: number;
  wallS: number;
  cpuS: number;
  /** Seconds from the sender's last message to the receiver's last record: how far it lagged behind. */
  lagS: number;
}

interface Sink {
  output: SourceOutput;
  count(): number;
  /** Events accepted and not yet stored. */
  pending(): number;
  close(): Promise<void>;
}

function countingSink(): Sink {
  let n = 0;
  return { output: { emit: async (b) => void (n += b.records.length + b.rejected.length) }, count: () => n, pending: () => 0, close: async () => {} };
}

async function storeSink(): Promise<Sink> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const store = new DuckDbStore({ path: join(dir, 'vigil.duckdb'), partition: 'day' });
  await store.open();
  const metrics = new MetricsRegistry();
  const pipeline = new Pipeline(store, metrics, silentLogger, DEFAULT_PIPELINE_OPTIONS);
  const stored = () => metrics.find('vigil_events_stored_total')?.sum() ?? 0;
  return {
    output: pipeline,
    count: stored,
    pending: () => pipeline.pending,
    close: async () => {
      await pipeline.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function benchVigil(transport: Transport, mode: 'parse' | 'store', n: number, rate: number): Promise<Result> {
  const sink = mode === 'store' ? await storeSink() : countingSink();
  const ctx = { id: `bench_${transport}`, metrics: new MetricsRegistry(), logger: silentLogger, dataDir: '.' };
  const def = transport === 'udp' ? SyslogUdpSource : SyslogTcpSource;
  const rx = (await def.build(def.config.parse({ listen: ['127.0.0.1:0'] }) as never, ctx, sink.output)) as SyslogUdpReceiver;
  await rx.start();
  const port = Number(rx.addresses()[0].split(':').pop());
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  let send: SendReport | undefined;
  const sender = runSender(transport, port, n, rate).then((r) => void (send = r));
  const idle = () => {
    const h = rx.health() as { in_flight_records?: number; queued_datagrams?: number };
    return !h.in_flight_records && !h.queued_datagrams && sink.pending() === 0;
  };
  const lastAt = await settle(sink.count, n, () => send !== undefined, idle);
  const cpu = process.cpuUsage(cpu0);
  const doneAtCpu = sink.count();
  await sender;
  const kernelDrops = transport === 'udp' ? kernelUdpDrops(4, port) ?? 0 : 0;
  const receiveBuffer = transport === 'udp' ? udpReceiveBuffer(port) : undefined;
  const sourceDrops = rx.metrics.drops();
  await rx.stop(Date.now() + 5000);
  await sink.close();
  return { impl: 'vigil', mode, transport, offered: n, rate, send: send!, done: sink.count(), doneAtCpu, kernelDrops, sourceDrops, receiveBuffer, wallS: (lastAt - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6, lagS: Math.max(0, lastAt - send!.endedAt) / 1000 };
}

function countLines(path: string): number {
  try {
    const buf = readFileSync(path);
    let n = 0;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}

/** rsyslogd with imudp/imtcp → omfile; UDP gets the receive buffer Vigil can get (rsyslog as root could force a larger one). */
async function benchRsyslog(binary: string, transport: Transport, n: number, rate: number, rcvbuf: number): Promise<Result> {
  const port = await freePort();
  const probe = await freePort();
  const rs = new Rsyslogd(binary);
  const input = transport === 'udp'
    ? `module(load="imudp")\ninput(type="imudp" address="127.0.0.1" port="${port}" rcvbufSize="${rcvbuf}")`
    : `input(type="imtcp" address="127.0.0.1" port="${port}")`;
  await rs.start(`global(workDirectory="WORKDIR")\nmodule(load="imtcp")\ninput(type="imtcp" address="127.0.0.1" port="${probe}" ruleset="probe")\nruleset(name="probe") { stop }\n${input}\naction(type="omfile" file="WORKDIR/out.log")\n`, probe);
  const out = `${rs.dir}/out.log`;
  let measured: { cpuS: number; doneAtCpu: number; lastAt: number; t0: number; send: SendReport; kernelDrops: number; receiveBuffer?: number };
  // Stopped even when a measurement fails, so a failed run does not leave rsyslogd running.
  try {
    const pid = rs.pid!;
    const cpu0 = procCpuSeconds(pid);
    const t0 = Date.now();
    let send: SendReport | undefined;
    const sender = runSender(transport, port, n, rate).then((r) => void (send = r));
    let size = 0;
    let lines = 0;
    const lastAt = await settle(() => {
      let s = 0;
      try {
        s = statSync(out).size;
      } catch {
        // not written yet
      }
      if (s !== size) {
        size = s;
        lines = countLines(out);
      }
      return lines;
    }, n, () => send !== undefined);
    const cpuS = procCpuSeconds(pid) - cpu0;
    const doneAtCpu = lines;
    await sender;
    const kernelDrops = transport === 'udp' ? kernelUdpDrops(4, port) ?? 0 : 0;
    const receiveBuffer = transport === 'udp' ? udpReceiveBuffer(port) : undefined;
    measured = { cpuS, doneAtCpu, lastAt, t0, send: send!, kernelDrops, receiveBuffer };
  } finally {
    await rs.stop();
  }
  const { cpuS, doneAtCpu, lastAt, t0, send, kernelDrops, receiveBuffer } = measured;
  const done = countLines(out);
  rmSync(rs.dir, { recursive: true, force: true });
  return { impl: 'rsyslog', mode: 'file', transport, offered: n, rate, send, done, doneAtCpu, kernelDrops, sourceDrops: {}, receiveBuffer, wallS: (lastAt - t0) / 1000, cpuS, lagS: Math.max(0, lastAt - send.endedAt) / 1000 };
}

const perCpu = (r: Result) => r.doneAtCpu / r.cpuS;
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const pad = (v: string | number, w: number) => String(v).padStart(w);

function lossText(r: Result): string {
  const lost = r.offered - r.done;
  if (lost === 0) return '0';
  const parts = [`kernel ${r.kernelDrops}`];
  for (const [reason, k] of Object.entries(r.sourceDrops)) parts.push(`${reason} ${k}`);
  if (r.send.errors) parts.push(`send errors ${r.send.errors}`);
  const other = lost - r.kernelDrops - sum(r.sourceDrops) - r.send.errors;
  if (other) parts.push(`unaccounted ${other}`);
  return `${lost} (${((100 * lost) / r.offered).toFixed(2)}%: ${parts.join(', ')})`;
}

function report(results: Result[], store?: { cpuUsPerEvent: number; events: number }): void {
  console.log('transport  receiver          offered/s      done   msg/s wall   lag s   msg per CPU-s   CPU µs/msg   loss (where)');
  for (const r of results) {
    const name = r.impl === 'rsyslog' ? 'rsyslog → file' : r.mode === 'floor' ? 'reader floor' : `vigil ${r.mode === 'store' ? 'parse+store' : 'parse only'}`;
    const offered = r.transport === 'udp' ? Math.round(r.send.sent / r.send.seconds) : 'unpaced';
    console.log(`${r.transport.padEnd(10)} ${name.padEnd(17)} ${pad(offered, 9)} ${pad(r.done, 9)} ${pad(Math.round(r.doneAtCpu / r.wallS), 12)} ${pad(r.lagS.toFixed(1), 7)} ${pad(Math.round(perCpu(r)), 15)} ${pad((1e6 / perCpu(r)).toFixed(1), 12)}   ${lossText(r)}`);
  }
  for (const t of ['udp', 'tcp'] as const) {
    const base = results.find((r) => r.impl === 'rsyslog' && r.transport === t);
    const floor = results.find((r) => r.mode === 'floor' && r.transport === t);
    if (floor && base) console.log(`${t}: reader floor (no decoding) / rsyslog per core ${(perCpu(floor) / perCpu(base)).toFixed(2)}: the ceiling for parse only`);
    for (const mode of ['parse', 'store'] as const) {
      const v = results.find((r) => r.impl === 'vigil' && r.transport === t && r.mode === mode);
      if (v && base) console.log(`${t}: vigil ${mode === 'store' ? 'parse+store' : 'parse only'} / rsyslog per core ${(perCpu(v) / perCpu(base)).toFixed(2)}`);
    }
    const parse = results.find((r) => r.impl === 'vigil' && r.transport === t && r.mode === 'parse');
    const store = results.find((r) => r.impl === 'vigil' && r.transport === t && r.mode === 'store');
    if (parse && store) console.log(`${t}: pipeline + store cost ${(1e6 / perCpu(store) - 1e6 / perCpu(parse)).toFixed(1)} CPU µs per event on top of receiving and parsing`);
  }
  if (store) {
    // Events per CPU-second of the store alone against rsyslog's messages per CPU-second: the best a stored path could do with free receiving and parsing.
    const ratios = (['udp', 'tcp'] as const).flatMap((t) => {
      const base = results.find((r) => r.impl === 'rsyslog' && r.transport === t);
      return base ? [`${t} ${(1e6 / store.cpuUsPerEvent / perCpu(base)).toFixed(2)}`] : [];
    });
    console.log(`store floor (${store.events} parsed events appended by DuckDbStore, batches of ${DEFAULT_PIPELINE_OPTIONS.max_batch_items}): ${store.cpuUsPerEvent.toFixed(1)} CPU µs per event; store floor / rsyslog per core: ${ratios.join(', ') || 'no rsyslog run'}`);
  }
}

/** Most a receiver may finish after the sender's last message and still count as keeping up. */
const MAX_LAG_S = 1;

/**
 * Highest ladder rate kept up with: zero loss, and everything done within MAX_LAG_S of the
 * sender's last message (a receiver whose queues merely absorbed a short run is not keeping up).
 * Stops at the first rate that fails, or when the sender cannot keep the pace.
 */
async function ladder(run: (rate: number) => Promise<Result>, rates: number[], seconds: number, label: string): Promise<void> {
  let best: number | undefined;
  for (const rate of rates) {
    const r = await run(rate);
    const achieved = r.send.sent / r.send.seconds;
    const lost = r.offered - r.done;
    console.log(`  ${label.padEnd(18)} paced ${pad(rate, 7)}/s (sender achieved ${pad(Math.round(achieved), 7)}/s, ${seconds}s): loss ${lossText(r)}, lag ${r.lagS.toFixed(1)}s, ${Math.round(perCpu(r))} msg per CPU-s`);
    if (lost > 0 || r.lagS > MAX_LAG_S) break;
    if (achieved < rate * 0.95) {
      console.log(`  ${label}: the sender cannot pace faster than ${Math.round(achieved)}/s on this machine; higher rates untested`);
      best = Math.round(achieved);
      break;
    }
    best = rate;
  }
  console.log(`  ${label}: highest paced rate kept up with (0 loss, lag ≤ ${MAX_LAG_S}s): ${best === undefined ? 'none of the tested rates' : `${best}/s`}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, def: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
  const n = Number(opt('--messages', '200000'));
  const udpRate = Number(opt('--udp-rate', '20000'));
  const rates = opt('--udp-ladder', '5000,10000,15000,20000,30000,40000,60000,80000').split(',').map(Number);
  const ladderSeconds = Number(opt('--ladder-seconds', '4'));
  const binary = rsyslogdPath();
  const vigilBuffer = SyslogUdpSource.config.parse({}).receive_buffer_bytes;
  const rsyslogBuffer = Math.min(vigilBuffer, rmemMax() ?? vigilBuffer);
  console.log(`machine: ${machine()}`);
  console.log(`messages per run: ${n} (mix: sshd RFC 3164, RFC 5424 + CEF, plain RFC 3164); UDP paced at ${udpRate}/s, TCP unpaced`);
  console.log(`UDP receive buffer: Vigil asks ${vigilBuffer} bytes, net.core.rmem_max ${rmemMax() ?? 'unknown'}; rsyslog asks ${rsyslogBuffer} (granted sizes below are as the kernel reports them, twice the payload bytes)`);
  codecOnly(Math.min(n, 60_000));
  const results: Result[] = [];
  // --only udp|tcp and --runs parse,store,rsyslog narrow the comparison (e.g. to profile one path).
  const transports = (opt('--only', 'udp,tcp').split(',') as Transport[]);
  const runs = opt('--runs', 'parse,store,rsyslog,floor,storefloor').split(',');
  for (const t of transports) {
    if (t === 'udp' && runs.includes('floor')) results.push(await benchFloor(n, udpRate, vigilBuffer));
    if (runs.includes('parse')) results.push(await benchVigil(t, 'parse', n, udpRate));
    if (runs.includes('store')) results.push(await benchVigil(t, 'store', n, udpRate));
    if (binary && runs.includes('rsyslog')) results.push(await benchRsyslog(binary, t, n, udpRate, rsyslogBuffer));
  }
  if (!binary) console.log('rsyslogd not installed (apt-get install rsyslog): no baseline, no ratio');
  const store = runs.includes('storefloor') ? await storeFloor(n) : undefined;
  report(results, store);
  const granted = results.filter((r) => r.transport === 'udp' && r.receiveBuffer !== undefined).map((r) => `${r.impl} ${r.mode} ${r.receiveBuffer}`);
  console.log(`UDP receive buffer granted: ${granted.join(', ')}`);
  if (rates.length && !args.includes('--no-ladder')) {
    console.log('UDP paced-rate ladder (zero-loss search):');
    await ladder((rate) => benchVigil('udp', 'parse', rate * ladderSeconds, rate), rates, ladderSeconds, 'vigil parse only');
    await ladder((rate) => benchVigil('udp', 'store', rate * ladderSeconds, rate), rates, ladderSeconds, 'vigil parse+store');
    if (binary) await ladder((rate) => benchRsyslog(binary, 'udp', rate * ladderSeconds, rate, rsyslogBuffer), rates, ladderSeconds, 'rsyslog → file');
  }
  console.log(`machine after the runs: ${machine()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
