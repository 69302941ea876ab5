/** A real `vigil serve` child process for benchmarks: started with a config, stopped with SIGTERM. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath } from '../../src/testing/project-root.js';

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

export interface VigilChild {
  url: string;
  pid: number;
  request(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * `extraYaml` is appended to a config that turns the network receivers off; `nodeArgs` go to
 * the server's node (e.g. --cpu-prof).
 */
export async function startVigilChild(dir: string, extraYaml = '', nodeArgs: string[] = []): Promise<VigilChild> {
  const config = join(dir, 'vigil.yaml');
  writeFileSync(config, `sources:\n${['syslog_udp', 'syslog_tcp', 'netflow'].map((s) => `  ${s}:\n    type: ${s}\n    enabled: false\n`).join('')}logging:\n  level: warn\n${extraYaml}`);
  const child = spawn(process.execPath, [...nodeArgs, cliPath(), 'serve', '--config', config, '--data', join(dir, 'data'), '--http', '127.0.0.1:0'], {
    env: { ...process.env, VIGIL_ADMIN_TOKEN: BENCH_TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Keep draining stderr: a closed pipe would kill the server with EPIPE at shutdown.
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk) => {
      text += String(chunk);
      const m = /console & API: (http:\/\/\S+)/.exec(text);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`server did not start:\n${text}`)));
  });
  return {
    url,
    pid: child.pid!,
    request: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${BENCH_TOKEN}`, ...(init.headers as Record<string, string>) } }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
