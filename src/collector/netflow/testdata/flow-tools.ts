/**
 * Driving Debian's flow tools for interop tests and the benchmark: softflowd (exporter),
 * nfcapd (collector) and nfdump (reader). Processes are started with explicit arguments,
 * bound to loopback, and stopped by their own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of a program on PATH or in the sbin directories Debian puts daemons in. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A UDP port that was free a moment ago on 127.0.0.1 (for tools that cannot bind port 0 and report it). */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) done(undefined);
    };
    const onExit = (code: number | null) => done(new Error(`${what} exited (${code}) before ready: ${seen.slice(-500)}`));
    const timer = setTimeout(() => done(new Error(`${what} not ready after ${timeoutMs} ms: ${seen.slice(-500)}`)), timeoutMs);
    const done = (err: Error | undefined) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function exited(child: ChildProcess, timeoutMs: number, what: string): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export interface RunningNfcapd {
  port: number;
  pid: number;
  /** SIGTERM, then wait: nfcapd writes its final file on termination. Resolves with its output. */
  stop(): Promise<string>;
}

export async function startNfcapd(nfcapd: string, dir: string, port: number, extraArgs: string[] = []): Promise<RunningNfcapd> {
  const child = spawn(nfcapd, ['-w', dir, '-b', '127.0.0.1', '-p', String(port), '-t', '3600', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (c: Buffer) => (output += c.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  await waitForOutput(child, /Startup nfcapd/, 'nfcapd', 10_000);
  return {
    port,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited(child, 15_000, 'nfcapd');
      return output;
    },
  };
}

/**
 * nfcapd on a free loopback port. The port is only known to be free when probed, and tests
 * running in parallel bind ephemeral ports too, so a lost race is retried with a new port.
 */
export async function startNfcapdOnFreePort(nfcapd: string, dir: string, extraArgs: string[] = []): Promise<RunningNfcapd> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startNfcapd(nfcapd, dir, await freeUdpPort(), extraArgs);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** Replays a capture through softflowd to one collector; resolves when softflowd has exported everything and exited. */
export async function runSoftflowd(softflowd: string, pcap: string, port: number, version: 9 | 10, workDir: string): Promise<void> {
  // `-c none`: with -r, softflowd 1.1.0 skips poll() but still tests the control socket's
  // uninitialised revents, and then may block in accept() forever. Without a control socket it cannot.
  const child = spawn(softflowd, ['-r', pcap, '-n', `127.0.0.1:${port}`, '-v', String(version), '-d', '-c', 'none', '-p', join(workDir, `softflowd-${port}.pid`)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const code = await exited(child, 30_000, 'softflowd');
  if (code !== 0 || /failures\)/.test(output) === false) throw new Error(`softflowd failed (${code}): ${output.slice(-800)}`);
  const failures = /\((\d+) failures\)/.exec(output);
  if (failures && failures[1] !== '0') throw new Error(`softflowd reported send failures: ${output.slice(-800)}`);
}

export interface FlowTuple {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  protocol: string;
  packets: number;
  bytes: number;
}

/** Flows nfcapd stored under `dir`, as nfdump prints them in CSV. */
export async function readNfdump(nfdump: string, dir: string): Promise<FlowTuple[]> {
  const child = spawn(nfdump, ['-R', dir, '-o', 'csv', '-N'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  const code = await exited(child, 30_000, 'nfdump');
  if (code !== 0) throw new Error(`nfdump exited ${code}`);
  const lines = text.split('\n');
  const header = lines[0].split(',');
  // With no flow files (nothing stored) nfdump prints a message instead of a CSV header.
  if (!['sa', 'da', 'sp', 'dp', 'pr', 'ipkt', 'ibyt'].every((c) => header.includes(c))) return [];
  const col = (name: string) => header.indexOf(name);
  const flows: FlowTuple[] = [];
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith('Summary')) break;
    const c = line.split(',');
    // Not a flow record (nfdump prints notes, e.g. about files it skipped, between records).
    if (c.length < header.length) continue;
    flows.push({
      src: c[col('sa')],
      dst: c[col('da')],
      sport: Number(c[col('sp')]),
      dport: Number(c[col('dp')]),
      protocol: c[col('pr')].trim(),
      packets: Number(c[col('ipkt')]),
      bytes: Number(c[col('ibyt')]),
    });
  }
  return flows;
}
