/**
 * Alerting CPU per detection: AlertService over a file-backed DuckDB control database, each
 * ingest call awaited (durable) before the next, with 1 detection per call (the worst case) and
 * with batches as live detection hands them over. Keys vary (37 rules × 50 hosts × 20 users ×
 * 90 ips), so most detections create alerts and join or merge incidents.
 *
 *   npm run build && node dist/bench/alerting.js [detections=600] [batches=1,20,100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbControlDb } from '../src/control/index.js';
import { AlertService } from '../src/respond/index.js';
import { detection, MIN, T0 } from '../src/respond/testing/fixtures.js';

async function run(total: number, batch: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-alertbench-'));
  const instance = await DuckDBInstance.create(join(dir, 'control.duckdb'));
  const conn = await instance.connect();
  const service = await AlertService.open(new DuckDbControlDb(conn), {});
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < total; i += batch) {
    const ds = Array.from({ length: Math.min(batch, total - i) }, (_, j) => {
      const k = i + j;
      return detection(`rule-${k % 37}`, 'high', { host: [`h${k % 50}`], user: [`u${k % 20}`], ip: [`10.0.0.${k % 90}`] }, T0 + k * MIN);
    });
    await service.ingest(ds);
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  await service.close();
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
  console.log(`batch ${batch}: ${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} CPU ms per detection, ${(wall / total).toFixed(2)} wall ms`);
}

const total = Number(process.argv[2] ?? 600);
for (const batch of (process.argv[3] ?? '1,20,100').split(',').map(Number)) await run(total, batch);
