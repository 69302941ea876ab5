/**
 * Threat-intel matcher benchmark: events per second per core of IntelMatcher.match over the
 * demo generator's multi-source events (flows, DNS, Sysmon, logons, CloudTrail), against a
 * baseline loop that reads the same fields of the same events and does nothing else, with a
 * large synthetic indicator set (exact IPs, IPv4 and IPv6 networks, domains, URLs, hashes)
 * plus the demo story's C2 address and domain so that real hits happen.
 *
 *   npm run build && node dist/bench/intel.js [--events 200000] [--indicators 100000] [--rounds 3]
 *
 * "Per core" divides by this process's CPU time. The loops alternate in each round over the
 * same event array; the best round of each is reported.
 */
import { parseArgs } from 'node:util';
import type { VigilEvent } from '../src/core/event.js';
import { generateScenario, scenarioGroundTruth } from '../src/demo/index.js';
import { DEFAULT_INTEL_FIELDS, IntelMatcher, normalizeIndicator, type Indicator, type IndicatorType } from '../src/detect/intel/index.js';
import { fmt, ownCpuSeconds } from './lib/cpu.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, indicators: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' } } });
const N = Number(values.events);
const K = Number(values.indicators);
const ROUNDS = Number(values.rounds);

let seed = 12345;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const byte = (): number => Math.floor(rand() * 256);

function indicator(type: IndicatorType, raw: string): Indicator {
  const v = normalizeIndicator(type, raw);
  if ('error' in v) throw new Error(v.error);
  return { type, value: v.value, feed: 'bench', ref: raw };
}

function syntheticIndicators(k: number): Indicator[] {
  const out: Indicator[] = [];
  for (let i = 0; i < k; i++) out.push(indicator('ip', `${1 + (i % 223)}.${byte()}.${byte()}.${byte()}`));
  for (let i = 0; i < k / 5; i++) out.push(indicator('cidr', `${1 + (i % 223)}.${byte()}.${byte()}.0/24`));
  for (let i = 0; i < k / 20; i++) out.push(indicator('cidr', `2001:db8:${hex(4)}:${hex(4)}::/64`));
  for (let i = 0; i < k; i++) out.push(indicator('domain', `${hex(10)}.${['com', 'net', 'org', 'ru', 'xyz'][i % 5]}`));
  for (let i = 0; i < k / 10; i++) out.push(indicator('url', `http://${hex(8)}.example/${hex(6)}`));
  for (let i = 0; i < k; i++) out.push(indicator('sha256', hex(64)));
  return out;
}

const opts = { seed: 'intel-bench', start_ms: Date.UTC(2026, 0, 5), events: N };
const events: VigilEvent[] = [];
let i = 0;
for (const r of generateScenario(opts)) events.push({ id: `e${i++}`, ts: r.ts as number, fields: r.fields, native: r.native, meta: { source: 'demo', ingestTime: r.ts as number } });
const story = scenarioGroundTruth(opts).stories[0].entities;

const indicators = [...syntheticIndicators(K), indicator('ip', story.c2_ip), indicator('domain', story.exfil_domain.split('.').slice(1).join('.'))];
const heapBefore = process.memoryUsage().heapUsed;
const buildStart = performance.now();
const matcher = new IntelMatcher(indicators);
const buildMs = performance.now() - buildStart;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;

const FIELDS = [...DEFAULT_INTEL_FIELDS.ip, ...DEFAULT_INTEL_FIELDS.domain, ...DEFAULT_INTEL_FIELDS.url, ...DEFAULT_INTEL_FIELDS.hash];
let sink = 0;
function baseline(): void {
  for (const e of events) for (const f of FIELDS) if (typeof e.fields[f] === 'string') sink++;
}
let hits = 0;
function matchAll(): void {
  hits = 0;
  for (const e of events) hits += matcher.match(e).length;
}

function timed(fn: () => void): number {
  const c0 = ownCpuSeconds();
  fn();
  return N / (ownCpuSeconds() - c0);
}

let bestBase = 0;
let bestMatch = 0;
for (let r = 0; r < ROUNDS; r++) {
  bestBase = Math.max(bestBase, timed(baseline));
  bestMatch = Math.max(bestMatch, timed(matchAll));
}
console.log(`intel matcher over ${fmt(N)} demo events, ${fmt(matcher.size)} indicators (index built in ${fmt(buildMs)} ms, ~${fmt(heapMb, 1)} MiB heap)`);
console.log(`  baseline (read the same ${FIELDS.length} fields): ${fmt(bestBase)} events/s per core`);
console.log(`  IntelMatcher.match:                       ${fmt(bestMatch)} events/s per core  (${hits} hits, ${(bestMatch / bestBase * 100).toFixed(1)}% of baseline)`);
if (sink < 0) console.log(sink);
