/**
 * Detection benchmark (issue 7): sustained ingest through the API of a real `vigil serve` with
 * live detection on (built-in rules + SigmaHQ's Windows, Linux, cloud and network rules), against
 * the same ingest with detection off, in the same run: events per CPU-second of the server and
 * their ratio (target: detection costs less than half, ratio ≥ 0.5). Then the same stream paced
 * at 70% of the detection-on rate, for the ingest-to-detection latency (target p95 < 1 s).
 * Data: the demo scenario (all sources, attack story inside) as normalized records.
 *
 *   npm run build && VIGIL_CORPORA=../shared/corpora node dist/bench/detection.js [--events 200000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateScenarioBatches } from '../src/demo/scenario.js';
import { existsSync } from 'node:fs';
import { corporaRoot } from '../src/testing/corpora.js';
import { fmt, processCpuSeconds } from './lib/cpu.js';
import { startVigilChild, type VigilChild } from './lib/vigil-child.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, batch: { type: 'string', default: '2000' } } });
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);

interface Health {
  sources: Record<string, { evaluated?: number; stored?: number }>;
  detection?: { rules: number; correlations: number; queued_events: number; latency: { samples: number; p50_ms: number | null; p95_ms: number | null; max_ms: number | null } };
}

function bodies(): string[] {
  const out: string[] = [];
  for (const batch of generateScenarioBatches({ seed: 'bench-detection', start_ms: Date.UTC(2026, 0, 5), events: EVENTS }, BATCH)) out.push(batch.map((r) => JSON.stringify(r)).join('\n'));
  return out;
}

async function health(v: VigilChild): Promise<Health> {
  return (await (await v.request('/api/v1/health')).json()) as Health;
}

/** Sends every body (one client, one request at a time, optionally paced) and waits until all is evaluated. */
async function run(label: string, extraYaml: string, data: string[], perSecond?: number): Promise<{ rate: number; cpu: number; wall: number; health: Health }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-detect-'));
  const v = await startVigilChild(dir, extraYaml);
  try {
    const cpu0 = processCpuSeconds(v.pid);
    const t0 = performance.now();
    let sent = 0;
    for (const body of data) {
      if (perSecond) {
        const due = t0 + (sent / perSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const res = await v.request('/api/v1/ingest?format=vigil&source=demo', { method: 'POST', body });
      if (res.status !== 200) throw new Error(`${label}: ingest answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      sent += BATCH;
    }
    let h = await health(v);
    const detecting = extraYaml.includes('enabled: true');
    while (detecting && ((h.sources.demo?.evaluated ?? 0) < EVENTS || (h.detection?.queued_events ?? 0) > 0)) {
      await new Promise((r) => setTimeout(r, 20));
      h = await health(v);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = processCpuSeconds(v.pid) - cpu0;
    return { rate: EVENTS / cpu, cpu, wall, health: h };
  } finally {
    await v.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sigma = existsSync(join(corporaRoot(), 'sigmahq-rules')) ? join(corporaRoot(), 'sigmahq-rules') : undefined;
  const folders = sigma ? ['rules/windows', 'rules/linux', 'rules/cloud', 'rules/network', 'rules/web', 'rules/identity', 'rules/application'].map((f) => join(sigma, f)) : [];
  if (!sigma) console.log('SigmaHQ corpus not found (set VIGIL_CORPORA): only the built-in rules are loaded');
  const onYaml = `detection:\n  enabled: true\n  rules: [builtin${folders.map((f) => `, ${JSON.stringify(f)}`).join('')}]\n`;
  const offYaml = `detection:\n  enabled: false\n`;
  const data = bodies();
  console.log(`detection benchmark, ${fmt(EVENTS)} demo events in ${data.length} requests of ${BATCH}, ${new Date().toISOString()}`);
  const off = await run('off', offYaml, data);
  const on = await run('on', onYaml, data);
  console.log(`  detection off : ${fmt(off.rate)} events/s per core (${fmt(off.cpu, 2)} CPU-s, ${fmt(off.wall, 2)} s wall)`);
  console.log(`  detection on  : ${fmt(on.rate)} events/s per core (${fmt(on.cpu, 2)} CPU-s, ${fmt(on.wall, 2)} s wall), ${on.health.detection?.rules} rules + ${on.health.detection?.correlations} correlations, evaluated ${on.health.sources.demo?.evaluated}`);
  console.log(`  ratio on/off per core: ${fmt(on.rate / off.rate, 2)}× (target ≥ 0.5×: detection costs less than half of ingest)`);
  const paced = await run('paced', onYaml, data, Math.max(1000, (EVENTS / on.wall) * 0.7));
  const l = paced.health.detection?.latency;
  console.log(`  latency at 70% of the detection-on rate (${fmt((EVENTS / on.wall) * 0.7)} events/s): p50 ${l?.p50_ms} ms, p95 ${l?.p95_ms} ms, max ${l?.max_ms} ms over ${l?.samples} detections (target p95 < 1000 ms)`);
  const lo = on.health.detection?.latency;
  console.log(`  latency at full speed (saturated): p50 ${lo?.p50_ms} ms, p95 ${lo?.p95_ms} ms, max ${lo?.max_ms} ms`);
}

await main();
