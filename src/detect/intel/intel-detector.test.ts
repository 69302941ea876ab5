import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { VigilEvent } from '../../core/event.js';
import { createIntelDetector } from './intel-detector.js';

const ev = (ip: string): VigilEvent => ({ id: ip, ts: Date.UTC(2026, 0, 5), fields: { 'destination.ip': ip }, native: {}, meta: { source: 't', ingestTime: 0 } });

test('IntelDetector: batches through the matcher; reload swaps the indicators', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-intel-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'list.csv');
  writeFileSync(path, 'type,value\nip,203.0.113.9\n');
  const config = { feeds: [{ name: 'list', path }] };
  const { detector, feeds } = await createIntelDetector(config, Date.UTC(2026, 0, 5));
  assert.equal(detector.name, 'intel');
  assert.equal(feeds[0].indicators, 1);
  assert.deepEqual(detector.process([ev('203.0.113.9'), ev('203.0.113.10')]).map((d) => d.eventIds[0]), ['203.0.113.9']);
  writeFileSync(path, 'type,value\nip,203.0.113.10\n');
  await detector.reload(config, Date.UTC(2026, 0, 5));
  assert.deepEqual(detector.process([ev('203.0.113.9'), ev('203.0.113.10')]).map((d) => d.eventIds[0]), ['203.0.113.10']);
});
