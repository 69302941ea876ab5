/**
 * Syslog receive benchmark: Vigil's UDP and TCP sources (frame + parse + normalize into a
 * sink) against rsyslogd receiving the same messages into a file, on this machine, in this run.
 *
 *   npm run build && node dist/bench/syslog.js [--messages N] [--udp-rate MSGS_PER_S]
 *
 * A separate sender process offers the same message mix to each receiver. We report what
 * arrived, the loss, wall-clock rate, and messages per CPU-second of the receiving process
 * (rsyslogd's utime+stime from /proc; Vigil's process.cpuUsage()), which is the per-core
 * figure, plus the Vigil/rsyslog ratio. The sink counts records; to measure "parsed and
 * stored", replace `countingSink` with a sink that feeds the pipeline and store.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MetricsRegistry, type SourceOutput } from '../src/core/index.js';
import { SyslogTcpSource, SyslogUdpSource } from '../src/collector/syslog/index.js';
import { freePort, Rsyslogd, rsyslogdPath } from '../src/collector/syslog/rsyslog-harness.js';
import { silentLogger } from '../src/collector/syslog/test-helpers.js';

type Transport = 'udp' | 'tcp';

export interface BenchSink {
  output: SourceOutput;
  /** Records the sink has accepted so far. */
  count(): number;
}

export function countingSink(): BenchSink {
  let n = 0;
  return { output: { emit: async (b) => void (n += b.records.length + b.rejected.length) }, count: () => n };
}

function message(i: number): string {
  switch (i % 3) {
    case 0: return `<38>Jun 15 10:00:00 web01 sshd[${1000 + (i % 5000)}]: Failed password for invalid user admin${i % 97} from 198.51.100.${i % 250} port ${1024 + (i % 60000)} ssh2`;
    case 1: return `<134>1 2024-06-15T10:00:00.123Z fw01 fwlog 77 ID1 [meta@32473 seq="${i}"] CEF:0|Acme|Firewall|1.0|600|blocked|5|src=10.0.${i % 200}.${i % 250} dst=192.0.2.1 spt=${1024 + (i % 60000)} dpt=443 proto=TCP act=blocked`;
    default: return `<14>Jun 15 10:00:00 web01 nginx: 203.0.113.${i % 250} - - "GET /index.html?id=${i} HTTP/1.1" 200 512`;
  }
}

/**
 * Sender mode (child process). TCP: as fast as the connection takes them (backpressure).
 * UDP: paced at `rate` messages/s, since an unpaced flood measures the socket buffer, and
 * the kernel charges the softirq work of packets it drops to whichever process runs.
 */
async function send(transport: Transport, port: number, n: number, rate: number): Promise<void> {
  if (transport === 'udp') {
    const s = createSocket('udp4');
    const t0 = Date.now();
    for (let i = 0; i < n; i += 64) {
      await Promise.all(Array.from({ length: Math.min(64, n - i) }, (_, k) => new Promise((r) => s.send(message(i + k), port, '127.0.0.1', r))));
      const ahead = (i + 64) / rate * 1000 - (Date.now() - t0);
      if (ahead > 1) await new Promise((r) => setTimeout(r, ahead));
    }
    s.close();
    return;
  }
  const sock = connect(port, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `${message(i)}\n`;
    if (chunk.length > 65536 || i === n - 1) {
      if (!sock.write(chunk)) await new Promise<void>((r) => sock.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((r) => sock.end(() => r()));
}

let udpRate = 20_000;

function runSender(transport: Transport, port: number, n: number): Promise<void> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--send', transport, String(port), String(n), String(udpRate)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`)))));
}

/** Waits until `count()` reaches `n` or stops growing for `quietMs` after the sender finished. */
async function settle(count: () => number, n: number, senderDone: () => boolean, quietMs = 1500): Promise<number> {
  let last = -1;
  let lastChange = Date.now();
  let lastAt = Date.now();
  for (;;) {
    const c = count();
    if (c !== last) {
      last = c;
      lastChange = Date.now();
      lastAt = lastChange;
    }
    if (c >= n || (senderDone() && Date.now() - lastChange > quietMs)) return lastAt;
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Result { impl: string; transport: Transport; received: number; wallS: number; cpuS: number }

async function benchVigil(transport: Transport, n: number, sink: BenchSink): Promise<Result> {
  const ctx = { id: `bench_${transport}`, metrics: new MetricsRegistry(), logger: silentLogger, dataDir: '.' };
  const def = transport === 'udp' ? SyslogUdpSource : SyslogTcpSource;
  const rx = (await def.build(def.config.parse({ listen: ['127.0.0.1:0'] }) as never, ctx, sink.output)) as { start(): Promise<void>; stop(d: number): Promise<void>; addresses(): string[] };
  await rx.start();
  const port = Number(rx.addresses()[0].split(':').pop());
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  let done = false;
  const sender = runSender(transport, port, n).then(() => void (done = true));
  const lastAt = await settle(sink.count, n, () => done);
  const cpu = process.cpuUsage(cpu0);
  await sender;
  await rx.stop(Date.now() + 2000);
  return { impl: 'vigil', transport, received: sink.count(), wallS: (lastAt - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
}

function procCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return (Number(fields[11]) + Number(fields[12])) / ticks;
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

async function benchRsyslog(binary: string, transport: Transport, n: number): Promise<Result> {
  const port = await freePort();
  const probe = await freePort();
  const rs = new Rsyslogd(binary);
  const input = transport === 'udp'
    ? `module(load="imudp")\ninput(type="imudp" address="127.0.0.1" port="${port}" rcvbufSize="8m")`
    : `input(type="imtcp" address="127.0.0.1" port="${port}")`;
  await rs.start(`global(workDirectory="WORKDIR")\nmodule(load="imtcp")\ninput(type="imtcp" address="127.0.0.1" port="${probe}" ruleset="probe")\nruleset(name="probe") { stop }\n${input}\naction(type="omfile" file="WORKDIR/out.log")\n`, probe);
  const out = `${rs.dir}/out.log`;
  const pid = Number(readFileSync(`${rs.dir}/rsyslogd.pid`, 'utf8').trim());
  const cpu0 = procCpuSeconds(pid);
  const t0 = Date.now();
  let done = false;
  const sender = runSender(transport, port, n).then(() => void (done = true));
  let size = 0;
  let lines = 0;
  const lastAt = await settle(() => {
    const s = (() => { try { return statSync(out).size; } catch { return 0; } })();
    if (s !== size) { size = s; lines = countLines(out); }
    return lines;
  }, n, () => done);
  const cpuS = procCpuSeconds(pid) - cpu0;
  await sender;
  await rs.stop();
  return { impl: 'rsyslog', transport, received: countLines(out), wallS: (lastAt - t0) / 1000, cpuS };
}

function report(n: number, results: Result[]): void {
  console.log(`messages offered per run: ${n} (mix: sshd RFC 3164, RFC 5424 + CEF, plain RFC 3164); UDP paced at ${udpRate}/s, TCP unpaced`);
  console.log('transport impl     received   loss%   wall msg/s   msg per CPU-s');
  for (const r of results) {
    const loss = (100 * (n - r.received)) / n;
    console.log(`${r.transport.padEnd(9)} ${r.impl.padEnd(8)} ${String(r.received).padStart(8)} ${loss.toFixed(2).padStart(7)} ${Math.round(r.received / r.wallS).toString().padStart(12)} ${Math.round(r.received / r.cpuS).toString().padStart(15)}`);
  }
  for (const t of ['udp', 'tcp'] as const) {
    const v = results.find((r) => r.impl === 'vigil' && r.transport === t);
    const s = results.find((r) => r.impl === 'rsyslog' && r.transport === t);
    if (v && s) console.log(`${t}: vigil/rsyslog per-core ratio ${((v.received / v.cpuS) / (s.received / s.cpuS)).toFixed(2)}, wall ratio ${((v.received / v.wallS) / (s.received / s.wallS)).toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--send') return send(args[1] as Transport, Number(args[2]), Number(args[3]), Number(args[4]));
  const opt = (name: string, def: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
  const n = opt('--messages', 200_000);
  udpRate = opt('--udp-rate', 20_000);
  const results: Result[] = [];
  const binary = rsyslogdPath();
  for (const t of ['udp', 'tcp'] as const) {
    results.push(await benchVigil(t, n, countingSink()));
    if (binary) results.push(await benchRsyslog(binary, t, n));
  }
  if (!binary) console.log('rsyslogd not installed (apt-get install rsyslog): no baseline, no ratio');
  report(n, results);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
