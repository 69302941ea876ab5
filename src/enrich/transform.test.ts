import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BuildContext, Logger } from '../core/component.js';
import type { VigilEvent } from '../core/event.js';
import { projectRoot } from '../testing/project-root.js';
import { enrichTransform } from './transform.js';

test('the enrich transform builds from config, logs bad rows, enriches batches in place', async () => {
  const warned: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_o, msg) => void warned.push(String(msg)), child: () => logger };
  const ctx = { id: 'enrich', logger, metrics: undefined, dataDir: '/tmp' } as unknown as BuildContext;
  const config = enrichTransform.config.parse({ geoip: { enabled: false }, assets: { path: join(projectRoot(), 'src', 'enrich', 'testdata', 'assets.csv') } });
  const t = await enrichTransform.build(config, ctx);
  assert.equal(warned.length, 1);
  assert.match(warned[0], /assets\.csv:6/);
  const batch: VigilEvent[] = [{ id: 'a', ts: 0, fields: { 'host.name': 'bastion-01' }, native: {}, meta: { source: 't', ingestTime: 0 } }];
  const out = await t.apply(batch);
  assert.equal(out, batch);
  assert.equal(batch[0].fields['host.criticality'], 4);
});
