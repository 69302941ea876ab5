/**
 * Shared pieces of the syslog source tests: a build context with a silent logger, an output
 * that records batches and can be held (to simulate a slow pipeline), and condition waits
 * with a bounded timeout instead of sleeps.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildContext, type Logger, MetricsRegistry, type NormalizedRecord, type SourceBatch, type SourceOutput } from '../../core/index.js';

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

export function testContext(id: string): BuildContext {
  return { id, metrics: new MetricsRegistry(), logger: silentLogger, dataDir: mkdtempSync(join(tmpdir(), 'vigil-syslog-')) };
}

export class RecordingOutput implements SourceOutput {
  readonly batches: SourceBatch[] = [];
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  /** Batches currently blocked inside emit. */
  waiting = 0;
  fail = false;

  emit(batch: SourceBatch): Promise<void> {
    if (this.fail) return Promise.reject(new Error('pipeline down'));
    if (!this.gate) {
      this.batches.push(batch);
      return Promise.resolve();
    }
    this.waiting++;
    return this.gate.then(() => {
      this.waiting--;
      this.batches.push(batch);
    });
  }

  /** Blocks every following emit until `release`. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  records(): NormalizedRecord[] {
    return this.batches.flatMap((b) => b.records);
  }

  messages(): string[] {
    return this.records().map((r) => String(r.fields.message));
  }
}

/** Polls `cond` on each macrotask turn until true or `timeoutMs` elapses (then throws with `what`). */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
