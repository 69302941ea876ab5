import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { SyslogTcpSource, type SyslogTcpReceiver } from './index.js';
import { RecordingOutput, testContext, waitFor } from './test-helpers.js';

async function startTcp(config: Record<string, unknown>, output = new RecordingOutput()) {
  const cfg = SyslogTcpSource.config.parse({ listen: ['127.0.0.1:0'], ...config });
  const rx = (await SyslogTcpSource.build(cfg, testContext('syslog_tcp'), output)) as SyslogTcpReceiver;
  await rx.start();
  const port = Number(rx.addresses()[0].split(':').pop());
  const sockets: Socket[] = [];
  const open = async () => {
    const s = connect(port, '127.0.0.1');
    sockets.push(s);
    s.on('error', () => {});
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    return s;
  };
  const close = async () => {
    for (const s of sockets) s.destroy();
    await rx.stop(Date.now() + 2000);
  };
  return { rx, output, open, close };
}

const octet = (msg: string) => `${Buffer.byteLength(msg)} ${msg}`;

test('TCP: LF framing, octet counting and both mixed on one connection, split across writes', async () => {
  const { output, open, close } = await startTcp({});
  try {
    const s = await open();
    const stream = `<13>Jan  1 00:00:00 h app: one\r\n${octet('<13>Jan  1 00:00:00 h app: two\nwith LF')}${octet('<13>1 2024-01-01T00:00:00Z h app - - - three')}<13>Jan  1 00:00:00 h app: four\n`;
    for (let i = 0; i < stream.length; i += 7) s.write(stream.slice(i, i + 7));
    await waitFor(() => output.records().length === 4, 'four records');
    assert.deepEqual(output.messages(), ['one', 'two\nwith LF', 'three', 'four']);
  } finally {
    await close();
  }
});

test('TCP: an unterminated last line is a message when the sender closes', async () => {
  const { rx, output, open, close } = await startTcp({});
  try {
    const s = await open();
    s.end('<13>Jan  1 00:00:00 h app: last words');
    await waitFor(() => output.records().length === 1, 'record');
    assert.equal(output.messages()[0], 'last words');
    await waitFor(() => (rx.health() as { connections: number }).connections === 0, 'connection closed');
  } finally {
    await close();
  }
});

test('TCP: oversized lines and invalid octet frames are counted, and the stream recovers', async () => {
  const { rx, output, open, close } = await startTcp({ max_message_bytes: 512 });
  try {
    const s = await open();
    s.write(`<13>Jan  1 00:00:00 h app: ${'x'.repeat(2000)}\n<13>Jan  1 00:00:00 h app: after long line\n`);
    s.write(`99999 ${'y'.repeat(100)}`);
    await waitFor(() => rx.metrics.drops().oversized === 2 && output.records().length === 1, 'two oversized drops');
    assert.deepEqual(output.messages(), ['after long line']);
    const forced = await startTcp({ framing: 'octet_counting' });
    try {
      const t = await forced.open();
      t.write(`garbage without length\n${octet('<13>Jan  1 00:00:00 h app: ok')}`);
      await waitFor(() => forced.output.records().length === 1, 'record after garbage');
      assert.deepEqual(forced.rx.metrics.drops(), { invalid_frame: 1 });
      t.end(`${'30 <13>cut short'}`);
      await waitFor(() => forced.rx.metrics.drops().invalid_frame === 2, 'truncated frame counted');
    } finally {
      await forced.close();
    }
  } finally {
    await close();
  }
});

test('TCP: a stalled sender holding half a frame does not stall other connections', async () => {
  const { rx, output, open, close } = await startTcp({});
  try {
    const stalled = await open();
    stalled.write('<13>Jan  1 00:00:00 h app: never fin');
    const other = await open();
    for (let i = 0; i < 50; i++) other.write(`<13>Jan  1 00:00:00 h app: m${i}\n`);
    await waitFor(() => output.records().length === 50, 'fifty records from the healthy connection');
    const h = rx.health() as { connections: number; buffered_bytes: number };
    assert.equal(h.connections, 2);
    assert.equal(h.buffered_bytes, Buffer.byteLength('<13>Jan  1 00:00:00 h app: never fin'));
  } finally {
    await close();
  }
});

test('TCP: a slow pipeline pauses the connection (one batch in flight) and loses nothing', async () => {
  const output = new RecordingOutput();
  output.hold();
  const { rx, open, close } = await startTcp({}, output);
  try {
    const s = await open();
    const n = 2000;
    let text = '';
    for (let i = 0; i < n; i++) text += `<13>Jan  1 00:00:00 h app: m${i}\n`;
    s.write(text);
    await waitFor(() => output.waiting === 1, 'first batch blocked');
    assert.equal(output.waiting, 1, 'the socket is paused while its batch is in flight');
    output.release();
    await waitFor(() => output.records().length === n, 'all records');
    assert.deepEqual(output.messages(), Array.from({ length: n }, (_, i) => `m${i}`));
    assert.deepEqual(rx.metrics.drops(), {});
  } finally {
    output.release();
    await close();
  }
});

test('TCP: while a batch is being stored the connection reads ahead a bounded amount, then pauses', async () => {
  const output = new RecordingOutput();
  output.hold();
  const { rx, open, close } = await startTcp({ max_batch_records: 20 }, output);
  try {
    const s = await open();
    const n = 50_000;
    let text = '';
    for (let i = 0; i < n; i++) text += `<13>Jan  1 00:00:00 h app: r${i}\n`;
    s.write(text);
    await waitFor(() => output.waiting === 1 && (rx.health() as { read_ahead_records: number }).read_ahead_records >= 20, 'first batch held, next one read ahead');
    // Paused: what was read is the held batch and the read-ahead, far from everything sent.
    assert.ok(rx.metrics.received < n / 2, `read ${rx.metrics.received} of ${n} while the pipeline held the first batch`);
    assert.equal(output.waiting, 1, 'one batch in flight per connection');
    output.release();
    await waitFor(() => output.records().length === n, 'all records', 20_000);
    assert.deepEqual(output.messages(), Array.from({ length: n }, (_, i) => `r${i}`));
    assert.deepEqual(rx.metrics.drops(), {});
  } finally {
    output.release();
    await close();
  }
});

test('TCP: rate limits pause the sender losslessly, or drop the excess when configured', async () => {
  const paused = await startTcp({ rate_limit: { per_connection_messages_per_second: 2000, burst_messages: 10 } });
  try {
    const s = await paused.open();
    for (let i = 0; i < 40; i++) s.write(`<13>Jan  1 00:00:00 h app: p${i}\n`);
    await waitFor(() => paused.output.records().length === 40, 'all forty records');
    assert.deepEqual(paused.rx.metrics.drops(), {});
  } finally {
    await paused.close();
  }
  const dropping = await startTcp({ on_rate_limit: 'drop', rate_limit: { per_source_messages_per_second: 0.001, burst_messages: 5 } });
  try {
    const a = await dropping.open();
    a.write(Array.from({ length: 10 }, (_, i) => `<13>Jan  1 00:00:00 h app: d${i}\n`).join(''));
    await waitFor(() => dropping.rx.metrics.received === 10, 'ten received');
    const b = await dropping.open();
    b.write('<13>Jan  1 00:00:00 h app: same source, other connection\n');
    await waitFor(() => dropping.rx.metrics.received === 11, 'eleventh received');
    assert.deepEqual(dropping.rx.metrics.drops(), { rate_limited: 6 });
    assert.equal(dropping.output.records().length, 5);
  } finally {
    await dropping.close();
  }
});

test('TCP: connections beyond the per-source limit are refused and counted', async () => {
  const { rx, output, open, close } = await startTcp({ max_connections_per_source: 1 });
  try {
    const first = await open();
    await waitFor(() => (rx.health() as { connections: number }).connections === 1, 'first connection');
    const second = await open();
    await new Promise<void>((resolve) => second.once('close', () => resolve()));
    assert.deepEqual((rx.health() as { connections_refused: unknown }).connections_refused, { max_connections_per_source: 1 });
    first.write('<13>Jan  1 00:00:00 h app: first still works\n');
    await waitFor(() => output.records().length === 1, 'record');
  } finally {
    await close();
  }
});

test('TCP: stop flushes the partial frame of an open connection', async () => {
  const { rx, output, open, close } = await startTcp({});
  const s = await open();
  s.write('<13>Jan  1 00:00:00 h app: partial at shutdown');
  await waitFor(() => (rx.health() as { buffered_bytes: number }).buffered_bytes > 0, 'bytes buffered');
  await rx.stop(Date.now() + 2000);
  assert.deepEqual(output.messages(), ['partial at shutdown']);
  await close();
});
