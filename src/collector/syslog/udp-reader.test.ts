import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync } from 'node:fs';
import type { SourceBatch, SourceOutput } from '../../core/index.js';
import { SyslogUdpSource, type SyslogUdpReceiver } from './index.js';
import { RecordingOutput, testContext, waitFor } from './test-helpers.js';
import { UdpReaderThread } from './udp-reader.js';

async function start(config: Record<string, unknown>, output: SourceOutput = new RecordingOutput()) {
  const cfg = SyslogUdpSource.config.parse({ listen: ['127.0.0.1:0'], ...config });
  const ctx = testContext('syslog_udp');
  const rx = (await SyslogUdpSource.build(cfg, ctx, output)) as SyslogUdpReceiver;
  await rx.start();
  return { rx, ctx, port: Number(rx.addresses()[0].split(':').pop()) };
}

async function client(port: number): Promise<Socket> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.connect(port, '127.0.0.1', () => resolve()));
  return s;
}

const send = (s: Socket, payload: string) => new Promise<void>((resolve, reject) => s.send(payload, (err) => (err ? reject(err) : resolve())));

test('UDP: each record names its own sender, also with several senders in one batch', async () => {
  const output = new RecordingOutput();
  const { rx, port } = await start({}, output);
  const a = await client(port);
  const b = await client(port);
  try {
    for (let i = 0; i < 20; i++) {
      await send(a, `<13>Jan  1 00:00:00 h app: a${i}`);
      await send(b, `<13>Jan  1 00:00:00 h app: b${i}`);
    }
    await waitFor(() => output.records().length === 40, 'forty records');
    const portOf = (s: Socket) => `127.0.0.1:${s.address().port}`;
    for (const r of output.records()) {
      const from = String(r.fields.message).startsWith('a') ? a : b;
      assert.equal(r.fields['log.source.address'], portOf(from));
    }
    assert.deepEqual(output.messages().filter((m) => m.startsWith('a')), Array.from({ length: 20 }, (_, i) => `a${i}`), 'one sender stays in order');
  } finally {
    a.close();
    b.close();
    await rx.stop(Date.now() + 2000);
  }
});

test('UDP: a burst into a tiny receive buffer is fully accounted: read + dropped by the kernel = sent', async (t) => {
  if (!existsSync('/proc/net/udp')) {
    t.skip('kernel drop counts are read from /proc/net/udp (Linux)');
    return;
  }
  const output = new RecordingOutput();
  const { rx, port } = await start({ receive_buffer_bytes: 4096 }, output);
  const s = await client(port);
  const n = 3000;
  try {
    let errors = 0;
    let pending = n;
    const done = new Promise<void>((resolve) => {
      for (let i = 0; i < n; i++) {
        s.send(`<13>Jan  1 00:00:00 h app: burst ${i}`, (err) => {
          if (err) errors++;
          if (--pending === 0) resolve();
        });
      }
    });
    await done;
    const kernel = () => Object.values((rx.health() as { kernel_drops: Record<string, number> }).kernel_drops)[0];
    await waitFor(() => rx.metrics.received + kernel() + errors === n, 'every datagram read or counted as dropped');
    await waitFor(() => rx.metrics.emitted === rx.metrics.received, 'everything read handed on');
    t.diagnostic(`read ${rx.metrics.received}, kernel drops ${kernel()}, send errors ${errors}`);
    assert.equal(output.records().length, rx.metrics.received);
    assert.deepEqual(rx.metrics.drops(), {});
    const h = rx.health() as { receive_buffer_bytes: Record<string, number>; receive_buffer_max_bytes: number | null };
    assert.ok(Object.values(h.receive_buffer_bytes)[0] > 0, 'granted receive buffer reported');
    assert.equal(typeof h.receive_buffer_max_bytes, 'number');
  } finally {
    s.close();
    await rx.stop(Date.now() + 2000);
  }
});

/** A pipeline stand-in with the non-blocking `offer`: refuses whole batches while `full`, as the pipeline does under overload. */
class OfferingOutput implements SourceOutput {
  readonly offered: SourceBatch[] = [];
  full = false;
  emit(): Promise<void> {
    return Promise.reject(new Error('emit must not be used when offer exists'));
  }
  offer(batch: SourceBatch): Promise<{ accepted: number; rejected: number }> {
    this.offered.push(batch);
    return Promise.resolve({ accepted: this.full ? 0 : batch.records.length, rejected: batch.rejected.length });
  }
}

test('UDP: batches go through offer; records the pipeline refuses are counted as overload', async () => {
  const output = new OfferingOutput();
  const { rx, port } = await start({}, output);
  const s = await client(port);
  try {
    output.full = true;
    for (let i = 0; i < 3; i++) await send(s, `<13>Jan  1 00:00:00 h app: refused ${i}`);
    await waitFor(() => rx.metrics.drops().overload === 3, 'refused records counted');
    output.full = false;
    await send(s, '<13>Jan  1 00:00:00 h app: taken');
    await send(s, '\n');
    await waitFor(() => rx.metrics.emitted === 2, 'accepted record and rejection counted');
    assert.equal(rx.metrics.received, 5);
    assert.equal(rx.metrics.received, rx.metrics.emitted + rx.metrics.drops().overload);
    assert.equal(output.offered.flatMap((b) => b.rejected).length, 1);
  } finally {
    s.close();
    await rx.stop(Date.now() + 2000);
  }
});

test('UDP reader thread: senders stay right when the sender table starts anew; oversized counted there; stop delivers the rest', async () => {
  const seen: Array<{ text: string; from: string }> = [];
  let oversized = 0;
  const reader = new UdpReaderThread(
    { host: '127.0.0.1', port: 0, family: 4, receiveBufferBytes: 0, maxMessageBytes: 100, maxQueuedDatagrams: 1000, maxBatchDatagrams: 3, batchIntervalMs: 5, maxSenders: 2 },
    (batch, senders) => {
      let off = 0;
      batch.lengths.forEach((len, i) => {
        const s = senders[batch.senderIds[i]];
        seen.push({ text: batch.data.toString('utf8', off, off + len), from: `${s.address}:${s.port}` });
        off += len;
      });
      oversized += batch.oversized;
      reader.acknowledge(batch.lengths.length);
    },
    () => {},
  );
  await reader.start();
  const clients = await Promise.all(Array.from({ length: 5 }, () => client(reader.port)));
  try {
    for (let round = 0; round < 3; round++) {
      for (const [i, c] of clients.entries()) await send(c, `client ${i} round ${round}`);
    }
    await send(clients[0], 'x'.repeat(101));
    await waitFor(() => seen.length === 15 && oversized === 1, 'fifteen datagrams and one oversized');
    for (const { text, from } of seen) {
      const i = Number(/^client (\d)/.exec(text)![1]);
      assert.equal(from, `127.0.0.1:${clients[i].address().port}`, text);
    }
    await send(clients[1], 'last one');
    await reader.stop();
    assert.equal(seen.at(-1)?.text, 'last one', 'what was read before stop is delivered');
  } finally {
    for (const c of clients) c.close();
    await reader.stop();
  }
});
