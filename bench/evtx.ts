/**
 * EVTX reader benchmark: Vigil's reader against `evtxexport` (Debian libevtx-utils) on the
 * same files, in the same run, on this machine.
 *
 *   npm run build && node dist/bench/evtx.js [--large-mb 64] [--memory-mb 1024] [--corpora DIR] [--keep]
 *
 * Inputs: the upstream evtx samples on which both tools read every record (same count,
 * same event ids in the same order), and a large file assembled from their intact chunks
 * (a correct file header followed by chunks copied verbatim, in rotation). Each measurement
 * runs in its own process; MB/s and records/s "per core" divide by the process's CPU time
 * (user + system, worker threads included), so the figures do not depend on how busy the
 * machine's other cores are. evtxexport writes XML (-f xml); Vigil is measured rendering
 * XML, rendering evtx_dump JSON, and rendering JSON on worker threads. Finally the
 * streaming reader's peak RSS is measured on a ~1 GB file (--memory-mb 0 skips it).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHUNK_SIZE, FILE_HEADER_SIZE, makeFileHeader, parseChunk, readEvtxFile, readEvtxFileParallel } from '../src/codecs/evtx/index.js';
import type { JsonObject } from '../src/codecs/evtx/index.js';

interface Measure {
  bytes: number;
  records: number;
  cpuMs: number;
  wallMs: number;
  maxRssKb: number;
  /** SHA-1 over the event ids in order, one per line. */
  ids: string;
}

type VigilMode = 'xml' | 'json' | 'parallel';

const FIRST_EVENT_ID = /<EventID(?:\s[^>]*)?>(\d+)<\/EventID>/;

function eventIdOf(event: JsonObject): string {
  const id = ((event.Event as JsonObject | undefined)?.System as JsonObject | undefined)?.EventID;
  if (id !== null && typeof id === 'object' && !Array.isArray(id)) return String(id['#text']);
  return String(id);
}

/** Child mode: read the files with Vigil and print one Measure as JSON. */
async function child(mode: VigilMode, files: string[]): Promise<void> {
  const hash = createHash('sha1');
  let bytes = 0;
  let records = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const file of files) {
    bytes += statSync(file).size;
    const items = mode === 'parallel' ? readEvtxFileParallel(file, { workers: 2 }) : readEvtxFile(file);
    for await (const item of items) {
      if (item.kind !== 'record') continue;
      records++;
      // The System EventID is the first one in the document (UserData may hold others).
      if (mode === 'xml') hash.update(`${FIRST_EVENT_ID.exec(item.record.xml())?.[1]}\n`);
      else hash.update(`${eventIdOf(item.record.event)}\n`);
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const out: Measure = { bytes, records, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, maxRssKb: process.resourceUsage().maxRSS, ids: hash.digest('hex') };
  process.stdout.write(JSON.stringify(out));
}

function runVigil(mode: VigilMode, files: string[]): Promise<Measure> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, ...files], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    p.on('error', fail);
    p.on('close', (code) => (code === 0 ? done(JSON.parse(out) as Measure) : fail(new Error(`vigil ${mode} child exited ${code}`))));
  });
}

/** evtxexport -f xml, under GNU time for its CPU time and peak RSS; its XML is scanned for event ids. */
async function runEvtxexport(files: string[], scratch: string): Promise<Measure> {
  const total: Measure = { bytes: 0, records: 0, cpuMs: 0, wallMs: 0, maxRssKb: 0, ids: '' };
  const hash = createHash('sha1');
  for (const file of files) {
    const timing = join(scratch, 'time.txt');
    await new Promise<void>((done, fail) => {
      const p = spawn('/usr/bin/time', ['-o', timing, '-f', '%e %U %S %M', 'evtxexport', '-f', 'xml', file], { stdio: ['ignore', 'pipe', 'ignore'] });
      let tail = '';
      let wantId = false;
      p.stdout.setEncoding('utf8').on('data', (s: string) => {
        const text = tail + s;
        const cut = text.lastIndexOf('\n');
        const complete = cut >= 0 ? text.slice(0, cut) : '';
        tail = cut >= 0 ? text.slice(cut + 1) : text;
        for (const line of complete.split('\n')) {
          if (line.startsWith('<Event ') || line === '<Event>') {
            total.records++;
            wantId = true;
          } else if (wantId) {
            const m = FIRST_EVENT_ID.exec(line);
            if (m) {
              hash.update(`${m[1]}\n`);
              wantId = false;
            }
          }
        }
      });
      p.on('error', fail);
      p.on('close', () => done());
    });
    const [wall, user, sys, rss] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    total.bytes += statSync(file).size;
    total.wallMs += wall * 1000;
    total.cpuMs += (user + sys) * 1000;
    total.maxRssKb = Math.max(total.maxRssKb, rss);
  }
  total.ids = hash.digest('hex');
  return total;
}

/** Intact chunks (records, no lost data) of the given files, verbatim. */
function intactChunks(files: string[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (const file of files) {
    const data = readFileSync(file);
    for (let off = FILE_HEADER_SIZE; off + CHUNK_SIZE <= data.length; off += CHUNK_SIZE) {
      const bytes = data.subarray(off, off + CHUNK_SIZE);
      const r = parseChunk(bytes, { index: 0, fileOffset: off });
      if (r.records.length > 0 && r.damage.length === 0) chunks.push(bytes);
    }
  }
  return chunks;
}

/** Writes header + chunks in rotation up to `megabytes`, streaming (the bench never holds the file). */
async function assemble(path: string, chunks: Uint8Array[], megabytes: number): Promise<void> {
  const count = Math.max(1, Math.floor((megabytes * 1024 * 1024 - FILE_HEADER_SIZE) / CHUNK_SIZE));
  const fh = await open(path, 'w');
  try {
    await fh.write(makeFileHeader(count, 1));
    for (let i = 0; i < count; i += 64) {
      const batch = Buffer.concat(Array.from({ length: Math.min(64, count - i) }, (_, k) => chunks[(i + k) % chunks.length]));
      await fh.write(batch);
    }
  } finally {
    await fh.close();
  }
}

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the benchmark');
    dir = up;
  }
  return dir;
}

const mbps = (m: Measure, ms: number) => (m.bytes / 1e6 / (ms / 1000)).toFixed(1);
const rps = (m: Measure, ms: number) => Math.round(m.records / (ms / 1000)).toLocaleString('en-US');
const ratio = (a: Measure, b: Measure) => `${(b.cpuMs / a.cpuMs).toFixed(1)}×`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'large-mb': { type: 'string', default: '64' }, 'memory-mb': { type: 'string', default: '1024' }, corpora: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const corpora = resolve(values.corpora ?? process.env.VIGIL_CORPORA ?? join(projectRoot(), '..', 'shared', 'corpora'));
  const sampleDir = join(corpora, 'evtx-parser-samples', 'samples');
  if (!existsSync(sampleDir)) throw new Error(`samples not found: ${sampleDir} (use --corpora or VIGIL_CORPORA)`);
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-evtx-bench-'));
  try {
    const all = readdirSync(sampleDir).filter((f) => f.endsWith('.evtx')).sort().map((f) => join(sampleDir, f));
    // Per file: which samples do both tools read completely and identically?
    const agreed: string[] = [];
    const disagreed: string[] = [];
    for (const file of all) {
      const theirs = await runEvtxexport([file], scratch);
      const ours = await runVigil('json', [file]);
      if (theirs.records === ours.records && theirs.ids === ours.ids) agreed.push(file);
      else disagreed.push(`${file.split('/').pop()} (evtxexport ${theirs.records} records, vigil ${ours.records})`);
    }
    const large = join(scratch, 'large.evtx');
    await assemble(large, intactChunks(agreed), Number(values['large-mb']));

    const rows: Array<[string, string[]]> = [[`${agreed.length} samples`, agreed], [`large (${values['large-mb']} MB)`, [large]]];
    console.log(`EVTX reader benchmark — per core = per CPU-second of the process (${new Date().toISOString()})\n`);
    console.log('input            MB     records | evtxexport MB/s rec/s   | vigil xml MB/s rec/s (×)     | vigil json MB/s rec/s (×)    | vigil json 2 workers: wall MB/s, per core MB/s (×) | same records & ids');
    for (const [label, files] of rows) {
      const ex = await runEvtxexport(files, scratch);
      const xml = await runVigil('xml', files);
      const json = await runVigil('json', files);
      const par = await runVigil('parallel', files);
      const same = [xml, json, par].every((m) => m.records === ex.records && m.ids === ex.ids) ? 'yes' : 'NO';
      console.log(
        `${label.padEnd(14)} ${(ex.bytes / 1e6).toFixed(1).padStart(6)} ${String(ex.records).padStart(9)} | ` +
        `${mbps(ex, ex.cpuMs).padStart(6)} ${rps(ex, ex.cpuMs).padStart(8)} | ` +
        `${mbps(xml, xml.cpuMs).padStart(6)} ${rps(xml, xml.cpuMs).padStart(8)} (${ratio(xml, ex)}) | ` +
        `${mbps(json, json.cpuMs).padStart(6)} ${rps(json, json.cpuMs).padStart(8)} (${ratio(json, ex)}) | ` +
        `${mbps(par, par.wallMs).padStart(6)}, ${mbps(par, par.cpuMs).padStart(6)} (${ratio(par, ex)})`.padEnd(50) + ` | ${same}`,
      );
    }
    console.log(`\nnot compared (evtxexport stops early or reads differently): ${disagreed.join('; ') || 'none'}`);
    const memoryMb = Number(values['memory-mb']);
    if (memoryMb > 0) {
      const big = join(scratch, 'memory.evtx');
      rmSync(large, { force: true });
      await assemble(big, intactChunks(agreed), memoryMb);
      const seq = await runVigil('json', [big]);
      const par = await runVigil('parallel', [big]);
      console.log(`\npeak RSS on a ${(seq.bytes / 1e9).toFixed(2)} GB file (${seq.records.toLocaleString('en-US')} records, JSON for every record):`);
      console.log(`  streaming reader:          ${(seq.maxRssKb / 1024).toFixed(0)} MB peak RSS, ${mbps(seq, seq.wallMs)} MB/s wall`);
      console.log(`  parallel reader (2 workers): ${(par.maxRssKb / 1024).toFixed(0)} MB peak RSS, ${mbps(par, par.wallMs)} MB/s wall`);
    }
  } finally {
    if (!values.keep) rmSync(scratch, { recursive: true, force: true });
    else console.log(`\nkept ${scratch}`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as VigilMode, process.argv.slice(4));
else await main();
