/**
 * Test support for the file-tail source: a pipeline stand-in that records batches (and can
 * refuse some), a silent logger, a temporary data directory, and waiting on a condition with
 * a bounded timeout instead of sleeping.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry, type BuildContext, type Logger, type SourceBatch, type SourceOutput } from '../../core/index.js';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

export class CollectingOutput implements SourceOutput {
  readonly batches: SourceBatch[] = [];
  /** Refuse this many of the next emits (a pipeline that is down). */
  refuseNext = 0;
  refused = 0;

  async emit(batch: SourceBatch): Promise<void> {
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      this.refused += 1;
      throw new Error('pipeline unavailable');
    }
    this.batches.push(batch);
  }

  records() {
    return this.batches.flatMap((b) => b.records);
  }

  rejected() {
    return this.batches.flatMap((b) => b.rejected);
  }

  messages(): string[] {
    return this.records().map((r) => String(r.fields.message));
  }
}

/** Resolve once `predicate` holds; checked every few milliseconds, failing after `timeoutMs`. */
export function waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(check, 5);
    };
    check();
  });
}

export interface TempDir {
  path: string;
  cleanup(): void;
}

export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `vigil-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function buildContext(id: string, dataDir: string): BuildContext {
  return { id, metrics: new MetricsRegistry(), logger: silentLogger, dataDir };
}

/** Numbers of `line <n>` messages, with how often each arrived. */
export function lineCounts(messages: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of messages) {
    const n = Number(/^line (\d+)$/.exec(m)?.[1] ?? NaN);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

/** Every number 1..n exactly once and nothing else. */
export function assertExactlyOnce(counts: Map<number, number>, n: number): string[] {
  const problems: string[] = [];
  for (let i = 1; i <= n; i++) {
    const c = counts.get(i) ?? 0;
    if (c !== 1) problems.push(`line ${i} arrived ${c} times`);
  }
  for (const k of counts.keys()) if (!(k >= 1 && k <= n)) problems.push(`unexpected line ${k}`);
  return problems;
}
