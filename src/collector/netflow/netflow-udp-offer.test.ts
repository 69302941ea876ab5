import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceBatch, SourceOutput } from '../../core/index.js';
import { ByteWriter, dataSet, netflow9Packet, netflow9TemplateFlowset } from '../../codecs/netflow/testdata/packet-builder.js';
import { NetflowUdpSource, netflowUdpConfig } from './index.js';
import { buildContext, listeningPort, sendAll, waitFor } from './testdata/harness.js';

const TEMPLATE = { id: 256, fields: [{ id: 8, length: 4 }, { id: 12, length: 4 }, { id: 7, length: 2 }, { id: 11, length: 2 }, { id: 4, length: 1 }] };
const record = (i: number) => new ByteWriter().ip('198.51.100.7').ip('203.0.113.8').u16(20_000 + i).u16(53).u8(17).build();
const v9 = (seq: number, sets: Buffer[]) => netflow9Packet({ sysUpTime: 9_000, unixSecs: Math.floor(Date.now() / 1000), sequence: seq, sourceId: 2, count: sets.length }, sets);

/** A pipeline stand-in with the non-blocking `offer`: refuses whole batches while `full`, as the pipeline does under overload. */
class OfferingOutput implements SourceOutput {
  readonly offered: SourceBatch[] = [];
  emitted = 0;
  full = false;

  emit(): Promise<void> {
    this.emitted++;
    return Promise.resolve();
  }

  offer(batch: SourceBatch): Promise<{ accepted: number; rejected: number }> {
    this.offered.push(batch);
    return Promise.resolve({ accepted: this.full ? 0 : batch.records.length, rejected: batch.rejected.length });
  }
}

const counter = (ctx: ReturnType<typeof buildContext>, name: string, labels: Record<string, string> = {}) => ctx.metrics.find(name)?.sum({ component: ctx.id, ...labels }) ?? 0;

test('batches go through offer when the output has it; records it did not accept are counted as overload', async () => {
  const ctx = buildContext();
  const output = new OfferingOutput();
  const running = await NetflowUdpSource.build(netflowUdpConfig.parse({ listen: ['127.0.0.1:0'] }), ctx, output);
  await running.start();
  try {
    const port = listeningPort(running.health!());
    output.full = true;
    await sendAll(port, [v9(1, [netflow9TemplateFlowset([TEMPLATE]), dataSet(256, [record(1), record(2), record(3)])])]);
    await waitFor(() => counter(ctx, 'vigil_component_dropped_total', { reason: 'overload' }) === 3, 'refused records counted');
    output.full = false;
    // A new sending socket is a new exporter session (its own port), so the template comes again.
    await sendAll(port, [v9(2, [netflow9TemplateFlowset([TEMPLATE]), dataSet(256, [record(4), record(5)])])]);
    await waitFor(() => counter(ctx, 'vigil_component_emitted_total') === 2, 'accepted records counted');
    assert.equal(output.emitted, 0);
    assert.deepEqual(output.offered.flatMap((b) => b.records.map((r) => r.fields['source.port'])), [20_001, 20_002, 20_003, 20_004, 20_005]);
    assert.equal(counter(ctx, 'vigil_component_received_total'), 5);
    assert.equal(running.health!().records_in_flight, 0);
  } finally {
    await running.stop(Date.now() + 2000);
  }
});

test('health reports the receive buffer the kernel granted for each listener', async () => {
  for (const receive_buffer_bytes of [0, 1 << 20]) {
    const ctx = buildContext();
    const running = await NetflowUdpSource.build(netflowUdpConfig.parse({ listen: ['127.0.0.1:0', '[::1]:0'], receive_buffer_bytes }), ctx, new OfferingOutput());
    await running.start();
    try {
      const granted = running.health!().receive_buffer_bytes as number[];
      assert.equal(granted.length, 2);
      for (const bytes of granted) assert.ok(Number.isInteger(bytes) && bytes > 0, `granted ${bytes}`);
      assert.equal(running.health!().datagrams_queued, 0);
    } finally {
      await running.stop(Date.now() + 2000);
    }
  }
});

test('a burst of datagrams is decoded completely, whatever the batching', async () => {
  const ctx = buildContext();
  const output = new OfferingOutput();
  const running = await NetflowUdpSource.build(netflowUdpConfig.parse({ listen: ['127.0.0.1:0'], max_batch_records: 7 }), ctx, output);
  await running.start();
  try {
    const packets = [v9(1, [netflow9TemplateFlowset([TEMPLATE])])];
    for (let i = 0; i < 40; i++) packets.push(v9(2 + i, [dataSet(256, [record(i), record(i + 100)])]));
    await sendAll(listeningPort(running.health!()), packets);
    await waitFor(() => counter(ctx, 'vigil_component_emitted_total') === 80, 'every record emitted');
    assert.ok(output.offered.every((b) => b.records.length <= 8), 'batches stay near max_batch_records');
    assert.equal(running.health!().datagrams, 41);
  } finally {
    await running.stop(Date.now() + 2000);
  }
});
