import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningComponent } from '../../core/index.js';
import { ByteWriter, dataSet, ipfixMessage, ipfixTemplateSet, netflow9Packet, netflow9TemplateFlowset } from '../../codecs/netflow/testdata/packet-builder.js';
import { NetflowUdpSource, netflowUdpConfig } from './index.js';
import { buildContext, listeningPort, RecordingOutput, sendAll, waitFor } from './testdata/harness.js';

const TEMPLATE = { id: 256, fields: [{ id: 8, length: 4 }, { id: 12, length: 4 }, { id: 7, length: 2 }, { id: 11, length: 2 }, { id: 4, length: 1 }, { id: 1, length: 4 }, { id: 2, length: 4 }] };
const record = (i: number) => new ByteWriter().ip('198.51.100.1').ip('203.0.113.9').u16(10_000 + i).u16(443).u8(6).u32(1000 + i).u32(3).build();
const unix = () => Math.floor(Date.now() / 1000);
const v9 = (seq: number, sets: Buffer[]) => netflow9Packet({ sysUpTime: 50_000, unixSecs: unix(), sequence: seq, sourceId: 1, count: sets.length }, sets);

function counter(ctx: ReturnType<typeof buildContext>, name: string, labels: Record<string, string>): number {
  return ctx.metrics.find(name)?.sum({ component: ctx.id, ...labels }) ?? 0;
}

async function startSource(overrides: Record<string, unknown> = {}) {
  const ctx = buildContext();
  const output = new RecordingOutput();
  const config = netflowUdpConfig.parse({ listen: ['127.0.0.1:0', '[::1]:0'], ...overrides });
  const running: RunningComponent = await NetflowUdpSource.build(config, ctx, output);
  await running.start();
  return { ctx, output, running, port: listeningPort(running.health!()), port6: listeningPort(running.health!(), 1) };
}

test('config: defaults are the loopback listeners, unknown keys and bad addresses are refused', () => {
  const c = netflowUdpConfig.parse({});
  assert.deepEqual(c.listen, ['127.0.0.1:2055', '127.0.0.1:4739']);
  assert.equal(c.template_expiry_ms, 1_800_000);
  assert.equal(netflowUdpConfig.safeParse({ listen_on: ['127.0.0.1:1'] }).success, false);
  const bad = netflowUdpConfig.safeParse({ listen: ['localhost:2055', '127.0.0.1:70000'] });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues.map((i) => i.path.join('.')), ['listen.0', 'listen.1']);
});

test('decodes v9 and IPFIX from IPv4 and IPv6 loopback into counted batches', async () => {
  const { ctx, output, running, port, port6 } = await startSource();
  try {
    await sendAll(port, [v9(1, [netflow9TemplateFlowset([TEMPLATE]), dataSet(256, [record(1), record(2)])]), v9(2, [dataSet(256, [record(3)])])]);
    const ipfix = ipfixMessage({ exportTime: unix(), sequence: 0, domainId: 3 }, [ipfixTemplateSet([{ id: 300, fields: TEMPLATE.fields }]), dataSet(300, [record(4)])]);
    await sendAll(port6, [ipfix], '::1');
    await waitFor(() => output.records.length === 4, '4 records', output.events);
    const ports = output.records.map((r) => r.fields['source.port']).sort();
    assert.deepEqual(ports, [10_001, 10_002, 10_003, 10_004]);
    assert.equal(output.batches[0].source, ctx.id);
    assert.equal(output.batches[0].format, 'netflow');
    assert.equal(output.records.find((r) => r.fields['netflow.exporter.version'] === 10)!.fields['observer.ip'], '::1');
    await waitFor(() => counter(ctx, 'vigil_component_emitted_total', {}) === 4, 'emitted count');
    assert.equal(counter(ctx, 'vigil_component_received_total', {}), 4);
    const health = running.health!();
    assert.equal(health.templates, 2);
    assert.equal(health.exporters, 2);
    assert.equal(health.datagrams, 3);
    assert.equal(typeof health.kernel_drops, 'number');
  } finally {
    await running.stop(Date.now() + 2000);
  }
});

test('garbage, truncated, oversized and unknown-template datagrams are counted with reasons and do not stall good ones', async () => {
  const { ctx, output, running, port } = await startSource({ max_datagram_bytes: 512, unknown_template_buffer_ms: 0 });
  try {
    const good = v9(1, [netflow9TemplateFlowset([TEMPLATE]), dataSet(256, [record(1)])]);
    const truncated = good.subarray(0, good.length - 5);
    await sendAll(port, [Buffer.from('not a flow'), Buffer.alloc(1), truncated, Buffer.alloc(600, 9), v9(3, [dataSet(999, [record(2)])]), v9(4, [dataSet(256, [record(5)])])]);
    await waitFor(() => (running.health!().datagrams as number) === 6, 'all datagrams');
    await waitFor(() => output.records.length === 1, 'the good record', output.events);
    assert.equal(output.records[0].fields['source.port'], 10_005);
    assert.equal(counter(ctx, 'vigil_component_dropped_total', { reason: 'malformed' }), 3);
    assert.equal(counter(ctx, 'vigil_component_dropped_total', { reason: 'oversized' }), 1);
    assert.equal(counter(ctx, 'vigil_component_dropped_total', { reason: 'unknown_template' }), 1);
    await waitFor(() => output.rejected.length === 5, 'dead letters', output.events);
    assert.ok(output.rejected.every((r) => /^(malformed|oversized|unknown_template): /.test(r.reason)));
    assert.equal(counter(ctx, 'vigil_component_received_total', {}), 6);
  } finally {
    await running.stop(Date.now() + 2000);
  }
});

test('overload: with the pipeline stuck, drops beyond the in-flight bound are exact', async () => {
  const { ctx, output, running, port } = await startSource({ max_in_flight_records: 25, max_batch_records: 10 });
  try {
    output.mode = 'hold';
    const packets = [v9(1, [netflow9TemplateFlowset([TEMPLATE])])];
    for (let i = 0; i < 20; i++) packets.push(v9(2 + i, [dataSet(256, [record(i), record(i), record(i), record(i), record(i)])]));
    await sendAll(port, packets);
    await waitFor(() => (running.health!().datagrams as number) === 21, 'all datagrams');
    await waitFor(() => counter(ctx, 'vigil_component_received_total', {}) === 100, '100 received');
    const flushed = () => output.records.length + counter(ctx, 'vigil_component_dropped_total', { reason: 'overload' });
    await waitFor(() => flushed() === 100, 'every record emitted or dropped', output.events);
    const dropped = counter(ctx, 'vigil_component_dropped_total', { reason: 'overload' });
    assert.ok(output.records.length <= 25, `in flight ${output.records.length}`);
    assert.ok(dropped >= 75, `dropped ${dropped}`);
    output.mode = 'accept';
    output.release();
    await waitFor(() => counter(ctx, 'vigil_component_emitted_total', {}) === output.records.length, 'acknowledgements');
    assert.equal(counter(ctx, 'vigil_component_emitted_total', {}) + dropped, 100);
    assert.equal(running.health!().records_in_flight, 0);
  } finally {
    await running.stop(Date.now() + 2000);
  }
});

test('a rejecting pipeline counts every record as overload; stop is idempotent and counts waiting data', async () => {
  const { ctx, output, running, port } = await startSource();
  output.mode = 'fail';
  await sendAll(port, [v9(1, [netflow9TemplateFlowset([TEMPLATE]), dataSet(256, [record(1), record(2)])]), v9(2, [dataSet(400, [record(3)])])]);
  await waitFor(() => counter(ctx, 'vigil_component_dropped_total', { reason: 'overload' }) === 2, 'overload count');
  await waitFor(() => running.health!().pending_data_sets === 1, 'pending set');
  output.mode = 'accept';
  await Promise.all([running.stop(Date.now() + 2000), running.stop(Date.now() + 2000)]);
  assert.equal(counter(ctx, 'vigil_component_dropped_total', { reason: 'unknown_template' }), 1);
  assert.match(output.rejected.at(-1)!.reason, /^unknown_template: data set for template 400/);
  assert.equal(running.health!().pending_data_sets, 0);
});

test('start fails clearly when the port is taken', async () => {
  const first = await startSource();
  try {
    const ctx = buildContext('second');
    const clash = await NetflowUdpSource.build(netflowUdpConfig.parse({ listen: [`127.0.0.1:${first.port}`] }), ctx, new RecordingOutput());
    await assert.rejects(clash.start(), /cannot listen on 127\.0\.0\.1:\d+/);
  } finally {
    await first.running.stop(Date.now() + 2000);
  }
});
