/** A CliIo for tests: captured stdout/stderr, a given cwd and environment. */
import { PassThrough } from 'node:stream';
import type { CliIo } from '../cli/command.js';

export function captureCliIo(opts: { cwd?: string; env?: Record<string, string> } = {}): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  return { io: { stdout, stderr, stderrIsTTY: false, env: opts.env ?? {}, cwd: opts.cwd ?? process.cwd(), signal: new AbortController().signal }, out: () => out, err: () => err };
}
