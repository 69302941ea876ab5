/**
 * Search benchmark (issue 2): latency on a store of generated events (10 million by default)
 * for the three shapes the issue names, measured end to end through the search service
 * (parse, compile, run, convert rows) and for the same SQL with the same bound values run on
 * a plain DuckDB connection, in the same run.
 *
 *   npm run build && node dist/bench/search.js [--events 10000000] [--runs 20] [--dir .bench-data/search]
 *
 * The store is built once per --events into --dir and reused by later runs.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MetricsRegistry } from '../src/core/metrics.js';
import type { Logger } from '../src/core/component.js';
import { DuckDbStore } from '../src/storage/duckdb/duckdb-store.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { SearchService } from '../src/search/search-service.js';
import { compileQuery, parseQuery } from '../src/query/index.js';
import { generateScenarioBatches } from '../src/demo/index.js';
import { BENCH_START_MS, benchScenario } from './lib/bench-data.js';
import { fmt, percentile } from './lib/cpu.js';
import { projectRoot } from '../src/testing/project-root.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '20' }, dir: { type: 'string' } } });
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);
const DIR = resolve(values.dir ?? join(projectRoot(import.meta.url), '.bench-data', `search-${EVENTS}`));
const DAY = 86_400_000;

const quiet: Logger = { debug() {}, info() {}, warn() {}, error: (o) => console.error(o), child: () => quiet };

async function buildStore(): Promise<void> {
  const marker = join(DIR, 'complete.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).events === EVENTS) return;
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const store = new DuckDbStore({ path: join(DIR, 'vigil.duckdb'), partition: 'day' });
  await store.open();
  const pipeline = new Pipeline(store, new MetricsRegistry(), quiet, { max_batch_items: 50_000, flush_interval_ms: 500, max_pending_events: 200_000, keep_raw: false });
  const t0 = performance.now();
  let n = 0;
  let pending: Promise<unknown>[] = [];
  for (const batch of generateScenarioBatches(benchScenario(EVENTS), 1000)) {
    pending.push(pipeline.accept({ source: `bench-${batch[0].logsource?.product ?? 'x'}`, format: 'demo', records: batch, rejected: [] }));
    n += batch.length;
    if (pending.length >= 50) {
      await Promise.all(pending);
      pending = [];
      process.stderr.write(`\rbuilding store: ${fmt(n)} / ${fmt(EVENTS)}`);
    }
  }
  await Promise.all(pending);
  await pipeline.close();
  await store.close();
  process.stderr.write(`\rbuilt store of ${fmt(n)} events in ${fmt((performance.now() - t0) / 1000, 1)} s\n`);
  writeFileSync(marker, JSON.stringify({ events: EVENTS }));
}

interface Case {
  name: string;
  target_ms: number;
  req: () => { q: string; from?: number; to?: number; limit?: number };
}

await buildStore();
const store = new DuckDbStore({ path: join(DIR, 'vigil.duckdb'), partition: 'day' });
await store.open();
const search = new SearchService(store, { default_limit: 100, max_rows: 10_000 });
const sample = await store.query({ sql: 'SELECT id FROM events USING SAMPLE 64 ROWS', params: [] });
const ids = sample.rows.map((r) => String(r.id));
let idTurn = 0;
const cases: Case[] = [
  { name: 'time range + equality + stats count() by', target_ms: 200, req: () => ({ q: 'event.outcome:failure | stats count() by user.name', from: BENCH_START_MS + 2 * DAY, to: BENCH_START_MS + 3 * DAY }) },
  { name: 'single-event lookup (id:…)', target_ms: 50, req: () => ({ q: `id:${ids[idTurn++ % ids.length]}` }) },
  { name: 'unindexed substring scan (field)', target_ms: 1500, req: () => ({ q: 'process.command_line:*certutil*' }) },
  { name: 'unindexed substring scan (free text)', target_ms: 1500, req: () => ({ q: '"certutil"' }) },
];

const now = BENCH_START_MS + 8 * DAY;
const lines = [`search benchmark, ${fmt(EVENTS)} events, ${RUNS} runs each (after 2 warm-up runs), ${new Date().toISOString()}`];
for (const c of cases) {
  const viaVigil: number[] = [];
  const direct: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const req = c.req();
    const t0 = performance.now();
    const res = await search.search(req, now);
    const t1 = performance.now();
    const compiled = compileQuery(parseQuery(req.q), { from: req.from, to: req.to, limit: 100, maxRows: 10_000, now });
    const t2 = performance.now();
    await store.runRaw({ sql: compiled.sql, params: compiled.params });
    const t3 = performance.now();
    if (i < 2) continue;
    viaVigil.push(t1 - t0);
    direct.push(t3 - t2);
    rows = res.rows.length;
  }
  viaVigil.sort((a, b) => a - b);
  direct.sort((a, b) => a - b);
  const p95 = percentile(viaVigil, 95);
  const d95 = percentile(direct, 95);
  lines.push(
    `  ${c.name.padEnd(40)} vigil p50 ${fmt(percentile(viaVigil, 50), 1)} ms, p95 ${fmt(p95, 1)} ms (target ≤ ${c.target_ms} ms${p95 <= c.target_ms ? ', met' : ', MISSED'}); ` +
      `same SQL direct p95 ${fmt(d95, 1)} ms; ratio ${fmt(p95 / d95, 2)}× (target ≤ 1.2×); ${rows} rows`,
  );
}
await store.close();
console.log(lines.join('\n'));
