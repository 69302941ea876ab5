/**
 * Test harness for the UDP source: a recording pipeline output, a silent logger, loopback
 * sending, and waiting on conditions (re-checked on every emit or datagram) with a bound.
 */
import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import type { BuildContext, Logger, SourceBatch, SourceOutput } from '../../../core/index.js';
import { MetricsRegistry } from '../../../core/index.js';

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

export function buildContext(id = 'netflow_test'): BuildContext {
  return { id, metrics: new MetricsRegistry(), logger: silentLogger, dataDir: '/nonexistent' };
}

/** Records every batch; `hold` makes emit wait until `release()`, `fail` makes it reject. */
export class RecordingOutput implements SourceOutput {
  readonly batches: SourceBatch[] = [];
  readonly events = new EventEmitter();
  mode: 'accept' | 'hold' | 'fail' = 'accept';
  private held: Array<() => void> = [];

  emit(batch: SourceBatch): Promise<void> {
    this.batches.push(batch);
    this.events.emit('batch');
    if (this.mode === 'fail') return Promise.reject(new Error('pipeline full'));
    if (this.mode === 'hold') return new Promise((resolve) => this.held.push(resolve));
    return Promise.resolve();
  }

  release(): void {
    for (const r of this.held.splice(0)) r();
  }

  get records() {
    return this.batches.flatMap((b) => b.records);
  }

  get rejected() {
    return this.batches.flatMap((b) => b.rejected);
  }
}

/** Resolves once `check()` holds, re-checking whenever `emitter` fires or every `pollMs`; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, emitter?: EventEmitter, timeoutMs = 10_000, pollMs = 20): Promise<void> {
  if (check()) return;
  await new Promise<void>((resolve, reject) => {
    const onEvent = () => {
      if (check()) finish();
    };
    const poll = setInterval(onEvent, pollMs);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = () => {
      clearInterval(poll);
      clearTimeout(timer);
      emitter?.off('batch', onEvent);
    };
    const finish = () => {
      cleanup();
      resolve();
    };
    emitter?.on('batch', onEvent);
  });
}

/** Sends datagrams one after another to a loopback port (each send completes before the next). */
export async function sendAll(port: number, datagrams: Buffer[], host = '127.0.0.1'): Promise<number> {
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  try {
    for (const d of datagrams) {
      await new Promise<void>((resolve, reject) => socket.send(d, port, host, (err) => (err ? reject(err) : resolve())));
    }
  } finally {
    socket.close();
  }
  return datagrams.length;
}

export function listeningPort(health: Record<string, unknown>, index = 0): number {
  const listening = health.listening as string[];
  return Number(listening[index].slice(listening[index].lastIndexOf(':') + 1));
}
