import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portScan, portScanParams } from './port-scan.js';
import { dns, flow } from './test-events.js';

const make = (over: object = {}) => portScan.create(portScanParams.parse(over));
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

test('a vertical scan of 1..1024 on one host within a minute fires once', () => {
  const a = make();
  const out = [];
  for (let p = 1; p <= 1024; p++) out.push(...a.process(flow(T0 + p * 20, '203.0.113.44', '10.0.0.10', p, 60)));
  assert.equal(out.length, 1);
  assert.equal(out[0].details?.['kind'], 'vertical');
  assert.equal(out[0].eventCount, 100);
  assert.deepEqual(out[0].entities.ip, ['203.0.113.44', '10.0.0.10']);
});

test('a horizontal sweep of port 445 over 200 hosts fires', () => {
  const a = make();
  const out = [];
  for (let h = 1; h <= 200; h++) out.push(...a.process(flow(T0 + h * 100, '10.1.0.66', `10.2.${h >> 8}.${h & 255}`, 445, 60)));
  assert.equal(out.length, 1);
  assert.equal(out[0].details?.['kind'], 'horizontal');
});

test('does not fire: ports spread over windows, DNS to a resolver, an excluded scanner', () => {
  const a = make({ exclude_sources: ['10.1.0.250'] });
  for (let p = 1; p <= 150; p++) assert.deepEqual(a.process(flow(T0 + p * 60_000, '10.1.0.5', '10.0.0.10', p, 60)), [], 'one port a minute');
  for (let k = 0; k < 300; k++) assert.deepEqual(a.process(dns(T0 + k, '10.1.0.5', `n${k}.example.com`)), []);
  for (let p = 1; p <= 300; p++) assert.deepEqual(a.process(flow(T0 + p, '10.1.0.250', '10.0.0.10', p, 60)), []);
});
