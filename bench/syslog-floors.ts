/**
 * The parts of bench/syslog.ts that bound Vigil's figures from below: the codec alone (frame →
 * record, no sockets), the UDP receive machinery alone (reader thread, no decoding) and the
 * store alone (events already parsed, appended by the DuckDB store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEventId, type VigilEvent } from '../src/core/index.js';
import { DEFAULT_PIPELINE_OPTIONS } from '../src/pipeline/pipeline.js';
import { DuckDbStore } from '../src/storage/duckdb/duckdb-store.js';
import { decodeSyslogFrame } from '../src/codecs/syslog/index.js';
import { PeerMemory } from '../src/codecs/linux-auth/index.js';
import { benchMessage, runSender, type SendReport, settle } from '../src/collector/syslog/load-harness.js';
import { UdpReaderThread } from '../src/collector/syslog/udp-reader.js';
import { kernelUdpDrops } from '../src/collector/kernel-drops.js';
import type { Result } from './syslog.js';

/** The codec alone, no sockets: CPU µs per message of each kind of the mix (median of 3 passes after a warm-up). */
export function codecOnly(n: number): void {
  const kinds = ['sshd RFC 3164', 'RFC 5424 + CEF', 'plain RFC 3164'];
  const frames = Array.from({ length: n }, (_, i) => Buffer.from(benchMessage(i)));
  const opts = { receivedAt: Date.now(), sourceAddress: '127.0.0.1:514', timezone: 'UTC', peerMemory: new PeerMemory() };
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const passes: number[] = [];
    for (let pass = 0; pass < 4; pass++) {
      const c0 = process.cpuUsage();
      for (let i = k; i < n; i += 3) decodeSyslogFrame(frames[i], opts, 0);
      const c = process.cpuUsage(c0);
      if (pass > 0) passes.push((c.user + c.system) / (n / 3));
    }
    out.push(`${kinds[k]} ${passes.sort((a, b) => a - b)[1].toFixed(2)}`);
  }
  // The kinds interleaved, as a receiver gets them: each function then sees every shape, which
  // costs more than the per-kind loops above (where the JIT sees one kind at a time).
  const mixed: number[] = [];
  for (let pass = 0; pass < 6; pass++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) decodeSyslogFrame(frames[i], opts, 0);
    const c = process.cpuUsage(c0);
    if (pass > 0) mixed.push((c.user + c.system) / n);
  }
  out.push(`mixed ${mixed.sort((a, b) => a - b)[2].toFixed(2)}`);
  console.log(`codec only (frame → record, no sockets), CPU µs per message: ${out.join(', ')}`);
}

/**
 * The floor under UDP parse-only: the same paced load into the source's reader thread with a
 * handler that only acknowledges (no decoding, no pipeline). What Node's dgram and the hand-over
 * cost per datagram, so the best ratio any codec could reach is visible in the same run.
 */
export async function benchFloor(n: number, rate: number, receiveBufferBytes: number): Promise<Result> {
  let done = 0;
  const reader: UdpReaderThread = new UdpReaderThread(
    { host: '127.0.0.1', port: 0, family: 4, receiveBufferBytes, maxMessageBytes: 65_536, maxQueuedDatagrams: 100_000, maxBatchDatagrams: 1000, batchIntervalMs: 5 },
    (batch) => {
      done += batch.lengths.length;
      reader.acknowledge(batch.lengths.length);
    },
    () => {},
  );
  await reader.start();
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  let send: SendReport | undefined;
  const sender = runSender('udp', reader.port, n, rate).then((r) => void (send = r));
  const lastAt = await settle(() => done, n, () => send !== undefined);
  const cpu = process.cpuUsage(cpu0);
  const doneAtCpu = done;
  await sender;
  const kernelDrops = kernelUdpDrops(4, reader.port) ?? 0;
  await reader.stop();
  return { impl: 'vigil', mode: 'floor', transport: 'udp', offered: n, rate, send: send!, done, doneAtCpu, kernelDrops, sourceDrops: {}, wallS: (lastAt - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6, lagS: Math.max(0, lastAt - send!.endedAt) / 1000 };
}

/**
 * The floor under the stored paths: the same message mix, parsed into events before the clock
 * starts (as the pipeline would build them: id, time, source metadata), appended by the DuckDB
 * store directly in the pipeline's batch size. CPU of the append section only (process-wide,
 * so DuckDB's threads count): what storing costs even with free receiving and parsing.
 */
export async function storeFloor(n: number): Promise<{ cpuUsPerEvent: number; events: number }> {
  const opts = { receivedAt: Date.now(), sourceAddress: '127.0.0.1:514', timezone: 'UTC', peerMemory: new PeerMemory() };
  const now = Date.now();
  const events: VigilEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = decodeSyslogFrame(Buffer.from(benchMessage(i)), opts, i);
    if (!r.ok) continue;
    const ts = r.record.ts ?? now;
    const event: VigilEvent = { id: newEventId(ts), ts, fields: r.record.fields, native: r.record.native, meta: { source: 'bench_store', format: 'syslog', ingestTime: now } };
    if (r.record.logsource) event.meta.logsource = r.record.logsource;
    if (r.record.warnings?.length) event.meta.warnings = r.record.warnings;
    events.push(event);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const store = new DuckDbStore({ path: join(dir, 'vigil.duckdb'), partition: 'day' });
  try {
    await store.open();
    const batch = DEFAULT_PIPELINE_OPTIONS.max_batch_items;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < events.length; i += batch) await store.append(events.slice(i, i + batch));
    const cpu = process.cpuUsage(cpu0);
    return { cpuUsPerEvent: (cpu.user + cpu.system) / events.length, events: events.length };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
