#!/usr/bin/env node
// Runs the benchmarks (dist/bench/*.js) one after another; `npm run bench -- ingest search`
// runs only those. Each prints its own side-by-side figures; docs/benchmarks.md records them.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const ORDER = ['ingest', 'search', 'sigma', 'evtx', 'syslog', 'netflow', 'detection'];
const available = readdirSync('dist/bench').filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3));
const wanted = process.argv.slice(2);
const names = (wanted.length ? wanted : ORDER).filter((n) => available.includes(n));
const unknown = wanted.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (have: ${available.join(', ')})`);
  process.exit(2);
}
let failed = 0;
for (const name of names) {
  console.log(`\n=== bench/${name} ===`);
  const r = spawnSync(process.execPath, [`dist/bench/${name}.js`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
