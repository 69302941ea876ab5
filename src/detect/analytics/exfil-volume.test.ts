import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exfilVolume, exfilVolumeParams } from './exfil-volume.js';
import { flow, rng } from './test-events.js';

const make = (over: object = {}) => exfilVolume.create(exfilVolumeParams.parse(over));
const T0 = Date.UTC(2026, 0, 5, 0);
const BUCKET = 600_000;
const MB = 1024 * 1024;

/** A day of ordinary outbound traffic: a few MB per bucket. */
function baseline(a: ReturnType<typeof make>, host: string, buckets: number): void {
  const r = rng(3);
  for (let b = 0; b < buckets; b++) {
    for (let k = 0; k < 5; k++) a.process(flow(T0 + b * BUCKET + k * 100_000, '10.1.0.5', '192.0.2.20', 443, Math.round(r() * 2 * MB), { 'host.name': host }));
  }
}

test('an upload of 1.6 GB in a bucket after a day of a few MB fires once for that bucket', () => {
  const a = make();
  baseline(a, 'ws-1', 144);
  const start = T0 + 144 * BUCKET;
  const out = [];
  for (let k = 0; k < 8; k++) out.push(...a.process(flow(start + k * 60_000, '10.1.0.5', '203.0.113.99', 443, 210 * MB, { 'host.name': 'ws-1' })));
  assert.equal(out.length, 1);
  const d = out[0];
  assert.deepEqual(d.entities.host, ['ws-1']);
  assert.ok((d.details?.['bytes'] as number) >= 100 * MB);
  assert.match(d.explanation[2], /203\.0\.113\.99/);
});

test('does not fire: inbound traffic, internal transfers, a busy host at its usual level', () => {
  const a = make();
  baseline(a, 'ws-2', 30);
  const t = T0 + 30 * BUCKET;
  assert.deepEqual(a.process(flow(t, '203.0.113.99', '10.1.0.5', 50000, 2000 * MB, { 'host.name': 'ws-2' })), [], 'inbound');
  assert.deepEqual(a.process(flow(t, '10.1.0.5', '10.9.0.1', 445, 2000 * MB, { 'host.name': 'ws-2' })), [], 'internal');
  const busy = make();
  for (let b = 0; b < 40; b++) for (let k = 0; k < 4; k++) busy.process(flow(T0 + b * BUCKET + k * 1000, '10.1.0.6', '192.0.2.30', 443, 100 * MB, { 'host.name': 'backup' }));
  assert.deepEqual(busy.process(flow(T0 + 41 * BUCKET, '10.1.0.6', '192.0.2.30', 443, 450 * MB, { 'host.name': 'backup' })), [], '450 MB is normal for a 400 MB/bucket host');
});

test('a new host without history needs 4 × min_bytes', () => {
  const a = make();
  assert.deepEqual(a.process(flow(T0, '10.1.0.7', '192.0.2.1', 443, 300 * MB)), []);
  assert.equal(a.process(flow(T0 + 1000, '10.1.0.7', '192.0.2.1', 443, 150 * MB)).length, 1);
});

test('records for a closed bucket are late and counted', () => {
  const a = make({ allowed_lateness_ms: 3_600_000 });
  a.process(flow(T0 + BUCKET, '10.1.0.8', '192.0.2.1', 443, 1));
  a.process(flow(T0, '10.1.0.8', '192.0.2.1', 443, 1));
  assert.equal(a.stats().late, 1);
});
