/** Benchmark data from the demo generator, written as generic ECS-style NDJSON. */
import { createWriteStream } from 'node:fs';
import { generateScenarioBatches } from '../../src/demo/index.js';

/** A fixed start so every run generates the same events. */
export const BENCH_START_MS = Date.UTC(2026, 9, 1);
export const BENCH_SPAN_MS = 7 * 86_400_000;

export function benchScenario(events: number) {
  return { seed: 'bench', start_ms: BENCH_START_MS, span_ms: BENCH_SPAN_MS, events };
}

/** Writes `events` records as NDJSON lines of `{"@timestamp", ...flat ECS fields}`; returns bytes written. */
export async function writeBenchNdjson(path: string, events: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const batch of generateScenarioBatches(benchScenario(events), 1000)) {
    let chunk = '';
    for (const r of batch) chunk += `${JSON.stringify({ '@timestamp': new Date(r.ts ?? BENCH_START_MS).toISOString(), ...r.fields })}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return bytes;
}
