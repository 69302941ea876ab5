/**
 * Runs a real rsyslogd as a foreground child (`rsyslogd -n -f CONFIG -i PIDFILE`) with a
 * config written to a temp dir: no imuxsock, no system files, only what the caller's config
 * says. Used by the interop test and the benchmark.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function rsyslogdPath(): string | undefined {
  for (const p of ['/usr/sbin/rsyslogd', '/sbin/rsyslogd']) {
    try {
      execFileSync(p, ['-v'], { stdio: 'ignore' });
      return p;
    } catch {
      // try the next location
    }
  }
  return undefined;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (for rsyslog's own inputs). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class Rsyslogd {
  readonly dir: string;
  private child: ChildProcess | undefined;
  stderr = '';

  constructor(private readonly binary: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'vigil-rsyslog-'));
  }

  /** Starts rsyslogd with `config` (WORKDIR in it is replaced by the temp dir) and waits until `readyPort` accepts. */
  async start(config: string, readyPort: number, timeoutMs = 15_000): Promise<void> {
    const conf = join(this.dir, 'rsyslog.conf');
    writeFileSync(conf, config.replaceAll('WORKDIR', this.dir));
    const child = spawn(this.binary, ['-n', '-f', conf, '-i', join(this.dir, 'rsyslogd.pid')], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    const start = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`rsyslogd exited (${child.exitCode}): ${this.stderr}`);
      const ok = await new Promise<boolean>((resolve) => {
        const s = connect(readyPort, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() - start > timeoutMs) throw new Error(`rsyslogd not ready on port ${readyPort}: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Process id of the running rsyslogd (it runs in the foreground, `-n`, so it is our child). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
