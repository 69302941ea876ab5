/**
 * Ingest benchmark (issue 2): NDJSON through the HTTP API of a real `vigil serve` process into
 * DuckDB, events per CPU-second of the server, against DuckDB's own `read_json` of the same
 * file loaded into a table in the same run. Also bytes on disk per event against the raw
 * NDJSON and its gzip.
 *
 *   npm run build && node dist/bench/ingest.js [--events 500000] [--batch 10000] [--clients 2] [--server-cpu-prof DIR]
 *
 * --server-cpu-prof writes a V8 CPU profile of the server process into DIR (NODE_OPTIONS may not carry --cpu-prof).
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_TOKEN, startVigilChild, type VigilChild } from './lib/vigil-child.js';
import { fmt, ownCpuSeconds, processCpuSeconds } from './lib/cpu.js';
import { writeBenchNdjson } from './lib/bench-data.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '500000' }, batch: { type: 'string', default: '10000' }, clients: { type: 'string', default: '2' }, 'server-cpu-prof': { type: 'string' } } });
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const CLIENTS = Number(values.clients);

async function gzipSize(path: string): Promise<number> {
  let size = 0;
  const gz = createReadStream(path).pipe(createGzip({ level: 6 }));
  for await (const chunk of gz) size += (chunk as Buffer).length;
  return size;
}

/** The ingest path alone: detection, alerting and enrichment are measured by bench/detection.ts. */
const INGEST_ONLY = 'detection:\n  enabled: false\nalerting:\n  enabled: false\nenrich:\n  enabled: false\n';

function startServer(dataDir: string): Promise<VigilChild> {
  const profile = values['server-cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['server-cpu-prof']}`] : [];
  return startVigilChild(dataDir, INGEST_ONLY, profile);
}

async function vigilIngest(file: string, dataDir: string): Promise<{ cpu: number; wall: number; stored: number; dbBytes: number }> {
  const server = await startServer(dataDir);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const batches: string[] = [];
  let current: string[] = [];
  for await (const line of lines) {
    current.push(line);
    if (current.length === BATCH) (batches.push(current.join('\n')), (current = []));
  }
  if (current.length) batches.push(current.join('\n'));
  const cpu0 = processCpuSeconds(server.pid);
  const t0 = performance.now();
  let next = 0;
  let stored = 0;
  const client = async () => {
    while (next < batches.length) {
      const body = batches[next++];
      const res = await fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/x-ndjson' }, body });
      const json = (await res.json()) as { accepted: number };
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(json)}`);
      stored += json.accepted;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const wall = (performance.now() - t0) / 1000;
  const cpu = processCpuSeconds(server.pid) - cpu0;
  await server.stop();
  return { cpu, wall, stored, dbBytes: statSync(join(dataDir, 'data', 'vigil.duckdb')).size };
}

async function duckdbReadJson(file: string, dir: string): Promise<{ cpu: number; wall: number; rows: number; dbBytes: number }> {
  const dbPath = join(dir, 'baseline.duckdb');
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  const cpu0 = ownCpuSeconds();
  const t0 = performance.now();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', sample_size = -1)`);
  await conn.run('CHECKPOINT');
  const wall = (performance.now() - t0) / 1000;
  const cpu = ownCpuSeconds() - cpu0;
  const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM t')).getRowObjectsJson()[0].n);
  conn.closeSync();
  instance.closeSync();
  return { cpu, wall, rows, dbBytes: statSync(dbPath).size };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
try {
  const file = join(dir, 'events.ndjson');
  const rawBytes = await writeBenchNdjson(file, EVENTS);
  const gz = await gzipSize(file);
  const base = await duckdbReadJson(file, dir);
  const vigil = await vigilIngest(file, dir);
  const vRate = vigil.stored / vigil.cpu;
  const bRate = base.rows / base.cpu;
  const lines = [
    `ingest benchmark, ${fmt(EVENTS)} generated events (${fmt(rawBytes / 1e6, 1)} MB NDJSON), ${new Date().toISOString()}`,
    `  vigil API → DuckDB : ${fmt(vigil.stored)} stored, ${fmt(vigil.cpu, 2)} CPU-s (server), ${fmt(vigil.wall, 2)} s wall → ${fmt(vRate)} events/s per core`,
    `  DuckDB read_json   : ${fmt(base.rows)} rows, ${fmt(base.cpu, 2)} CPU-s, ${fmt(base.wall, 2)} s wall → ${fmt(bRate)} events/s per core`,
    `  ratio vigil/read_json per core: ${fmt(vRate / bRate, 2)}× (target ≥ 0.5×)`,
    `  bytes per event: vigil store ${fmt(vigil.dbBytes / vigil.stored, 1)}, raw NDJSON ${fmt(rawBytes / EVENTS, 1)}, gzip -6 ${fmt(gz / EVENTS, 1)}, DuckDB read_json table ${fmt(base.dbBytes / base.rows, 1)}`,
  ];
  console.log(lines.join('\n'));
  if (vigil.stored !== EVENTS) throw new Error(`stored ${vigil.stored} of ${EVENTS}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
