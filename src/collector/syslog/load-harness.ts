/**
 * Load generation and measurement for the syslog benchmark (bench/syslog.ts): a sender that
 * runs as a separate process (so its CPU is not charged to the receiver), paced for UDP and
 * backpressured for TCP, plus the readings a fair comparison needs — CPU seconds of another
 * process, the kernel's per-socket UDP drops and granted receive buffer, and the machine.
 *
 * Run as a script it is the sender: `node load-harness.js udp|tcp PORT COUNT RATE` prints one
 * JSON line `{sent, errors, seconds, endedAt}` when done.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

export type Transport = 'udp' | 'tcp';

export interface SendReport {
  sent: number;
  /** Send calls that failed (UDP: the datagram never left the sender). */
  errors: number;
  seconds: number;
  /** Epoch ms when the last message had been sent. */
  endedAt: number;
}

/** The benchmark's message mix: an sshd failure (RFC 3164), RFC 5424 with structured data and CEF, a plain RFC 3164 line. */
export function benchMessage(i: number): string {
  switch (i % 3) {
    case 0: return `<38>Jun 15 10:00:00 web01 sshd[${1000 + (i % 5000)}]: Failed password for invalid user admin${i % 97} from 198.51.100.${i % 250} port ${1024 + (i % 60000)} ssh2`;
    case 1: return `<134>1 2024-06-15T10:00:00.123Z fw01 fwlog 77 ID1 [meta@32473 seq="${i}"] CEF:0|Acme|Firewall|1.0|600|blocked|5|src=10.0.${i % 200}.${i % 250} dst=192.0.2.1 spt=${1024 + (i % 60000)} dpt=443 proto=TCP act=blocked`;
    default: return `<14>Jun 15 10:00:00 web01 nginx: 203.0.113.${i % 250} - - "GET /index.html?id=${i} HTTP/1.1" 200 512`;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * UDP at `rate` messages/s from a connected socket, the datagrams built before the clock
 * starts. An unpaced flood would measure the socket buffer rather than the receiver.
 */
async function sendUdp(port: number, n: number, rate: number): Promise<SendReport> {
  const datagrams = Array.from({ length: n }, (_, i) => Buffer.from(benchMessage(i)));
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.connect(port, '127.0.0.1', () => resolve()));
  let errors = 0;
  let pending = 0;
  const done = (err: Error | null) => {
    pending--;
    if (err) errors++;
  };
  const t0 = performance.now();
  let sent = 0;
  while (sent < n) {
    const due = Math.min(n, Math.ceil(((performance.now() - t0) * rate) / 1000), sent + 256);
    if (due <= sent) {
      await sleep(1);
      continue;
    }
    for (; sent < due; sent++) {
      pending++;
      s.send(datagrams[sent], done);
    }
    // Let send callbacks run so their closures do not pile up.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  while (pending > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  const seconds = (performance.now() - t0) / 1000;
  s.close();
  return { sent, errors, seconds, endedAt: Date.now() };
}

/** TCP as fast as the receiver takes it (the socket's backpressure paces the sender). */
async function sendTcp(port: number, n: number): Promise<SendReport> {
  const payload = Buffer.from(Array.from({ length: n }, (_, i) => `${benchMessage(i)}\n`).join(''));
  const sock = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => sock.once('connect', () => resolve()));
  const t0 = performance.now();
  for (let off = 0; off < payload.length; off += 65536) {
    if (!sock.write(payload.subarray(off, off + 65536))) await new Promise<void>((resolve) => sock.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => sock.end(() => resolve()));
  return { sent: n, errors: 0, seconds: (performance.now() - t0) / 1000, endedAt: Date.now() };
}

/** Runs the sender in a child process (same Node flags, so it also works under tsx). */
export function runSender(transport: Transport, port: number, n: number, rate: number): Promise<SendReport> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), transport, String(port), String(n), String(rate)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as SendReport) : reject(new Error(`sender exited ${code}`)))),
  );
}

/**
 * Waits until `count()` reaches `n`, or until the sender has finished, `idle()` holds (nothing
 * queued or in flight in the receiver) and the count has not moved for `quietMs`; returns when
 * the count last grew. `idle` matters when the store holds the event loop for long stretches.
 */
export async function settle(count: () => number, n: number, senderDone: () => boolean, idle: () => boolean = () => true, quietMs = 1500): Promise<number> {
  let last = -1;
  let lastChange = Date.now();
  let lastBusy = lastChange;
  for (;;) {
    const c = count();
    const now = Date.now();
    if (c !== last) {
      last = c;
      lastChange = now;
    }
    if (c >= n) return lastChange;
    if (c !== last || !idle()) lastBusy = now;
    if (senderDone() && now - Math.max(lastChange, lastBusy) > quietMs) return lastChange;
    await sleep(20);
  }
}

let clockTicks: number | undefined;

/** utime + stime of a process (all its threads), from /proc/PID/stat. */
export function procCpuSeconds(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** SO_RCVBUF the kernel granted the UDP socket bound to `port` (whoever owns it), from `ss -m`; undefined if unknown. */
export function udpReceiveBuffer(port: number): number | undefined {
  try {
    const out = execFileSync('ss', ['-ulmnH', `sport = :${port}`], { encoding: 'utf8' });
    const m = /rb(\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function rmemMax(): number | undefined {
  try {
    return Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8').trim());
  } catch {
    return undefined;
  }
}

export function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'}, ${c.length} CPUs, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [transport, port, n, rate] = process.argv.slice(2);
  const run = transport === 'udp' ? sendUdp(Number(port), Number(n), Number(rate)) : sendTcp(Number(port), Number(n));
  run.then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
