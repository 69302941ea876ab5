import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { SyslogUdpSource, type SyslogUdpReceiver } from './index.js';
import { RecordingOutput, testContext, waitFor } from './test-helpers.js';

async function startUdp(config: Record<string, unknown>, output = new RecordingOutput()) {
  const cfg = SyslogUdpSource.config.parse({ listen: ['127.0.0.1:0'], ...config });
  const rx = (await SyslogUdpSource.build(cfg, testContext('syslog_udp'), output)) as SyslogUdpReceiver;
  await rx.start();
  const port = Number(rx.addresses()[0].split(':').pop());
  const client = createSocket('udp4');
  const send = (payload: string | Buffer) =>
    new Promise<void>((resolve, reject) => client.send(payload, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  const close = async () => {
    client.close();
    await rx.stop(Date.now() + 2000);
  };
  return { rx, output, send, close };
}

test('UDP: RFC 5424 and RFC 3164 datagrams arrive parsed, with the sender address', async () => {
  const { rx, output, send, close } = await startUdp({});
  try {
    await send('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event');
    await send('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8');
    await waitFor(() => output.records().length === 2, 'two records');
    const a = output.records().find((r) => r.fields['log.syslog.version'] === '1')!;
    const b = output.records().find((r) => r.fields['log.syslog.version'] === undefined)!;
    assert.equal(a.fields.message, 'An application event');
    assert.equal(a.fields['host.name'], 'mymachine.example.com');
    assert.equal(a.fields['log.syslog.msgid'], 'ID47');
    assert.equal(a.ts, Date.UTC(2003, 9, 11, 22, 14, 15, 3));
    assert.deepEqual((a.native.structured_data as Record<string, unknown>)['exampleSDID@32473'], { iut: '3', eventSource: 'Application' });
    assert.match(String(a.fields['log.source.address']), /^127\.0\.0\.1:\d+$/);
    assert.equal(b.fields['process.name'], 'su');
    assert.equal(b.fields['log.syslog.facility.name'], 'auth');
    assert.equal(rx.metrics.received, 2);
    await waitFor(() => rx.metrics.emitted === 2, 'emitted count');
    assert.deepEqual(rx.metrics.drops(), {});
  } finally {
    await close();
  }
});

test('UDP: oversized, invalid UTF-8 and empty datagrams are counted, none crash the receiver', async () => {
  const { rx, output, send, close } = await startUdp({ max_message_bytes: 1024 });
  try {
    await send(Buffer.alloc(2000, 0x41));
    await send(Buffer.concat([Buffer.from('<13>Jan  1 00:00:00 host app: bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes')]));
    await send(Buffer.from('\n'));
    await send('<13>Jan  1 00:00:00 host app: still alive');
    await waitFor(() => rx.metrics.received === 4, 'four datagrams');
    await waitFor(() => output.records().length === 2 && output.batches.flatMap((b) => b.rejected).length === 1, 'records');
    assert.deepEqual(rx.metrics.drops(), { oversized: 1 });
    const bad = output.records().find((r) => String(r.fields.message).startsWith('bad'))!;
    assert.equal(bad.fields.message, 'bad \uFFFD\uFFFD\uFFFD bytes');
    assert.ok(bad.warnings?.includes('invalid UTF-8 replaced with U+FFFD'));
    assert.equal(output.batches.flatMap((b) => b.rejected)[0].reason, 'empty syslog message');
    assert.ok(output.messages().includes('still alive'));
  } finally {
    await close();
  }
});

test('UDP: per-source rate limit drops the excess, counted exactly', async () => {
  const { rx, output, send, close } = await startUdp({ rate_limit: { per_source_messages_per_second: 0.001, burst_messages: 5 } });
  try {
    for (let i = 0; i < 20; i++) await send(`<13>Jan  1 00:00:00 host app: m${i}`);
    await waitFor(() => rx.metrics.received === 20, 'twenty datagrams');
    await waitFor(() => output.records().length === 5, 'five records');
    assert.deepEqual(rx.metrics.drops(), { rate_limited: 15 });
  } finally {
    await close();
  }
});

test('UDP: when the pipeline falls behind, the overload drop count is exact and visible in health', async () => {
  const output = new RecordingOutput();
  output.hold();
  const { rx, send, close } = await startUdp({ max_in_flight_records: 10, max_batch_records: 4 }, output);
  try {
    for (let i = 0; i < 30; i++) await send(`<13>Jan  1 00:00:00 host app: m${i}`);
    await waitFor(() => rx.metrics.received === 30, 'thirty datagrams');
    assert.deepEqual(rx.metrics.drops(), { overload: 20 });
    assert.deepEqual((rx.health() as { dropped: unknown }).dropped, { overload: 20 });
    output.release();
    await waitFor(() => rx.metrics.emitted === 10, 'ten emitted');
    assert.equal(output.records().length, 10);
    assert.equal(rx.metrics.received, rx.metrics.emitted + 20);
  } finally {
    output.release();
    await close();
  }
});

test('UDP: emit failures are counted as drops; stop is idempotent and health names the address', async () => {
  const output = new RecordingOutput();
  output.fail = true;
  const { rx, send, close } = await startUdp({}, output);
  const h = rx.health() as { addresses: string[]; kernel_drops: Record<string, number | null> };
  assert.match(h.addresses[0], /^127\.0\.0\.1:\d+$/);
  assert.equal(Object.keys(h.kernel_drops).length, 1);
  await send('<13>Jan  1 00:00:00 host app: lost');
  await waitFor(() => rx.metrics.drops().emit_failed === 1, 'emit failure counted');
  await close();
  await rx.stop(Date.now() + 100);
});

test('UDP: tags named like Object.prototype members are plain programs, not a crash', async () => {
  const { rx, output, send, close } = await startUdp({});
  try {
    // With a header timestamp the tag becomes the program, whose rule table was looked up by name.
    for (const tag of ['constructor', '__proto__', 'toString']) await send(`<14>Oct 11 22:14:15 h ${tag}[1]: Failed password for root from 192.0.2.1 port 22 ssh2`);
    await waitFor(() => output.records().length === 3, 'three records');
    for (const r of output.records()) assert.deepEqual(r.logsource, { product: 'linux', service: 'syslog' });
    assert.deepEqual(rx.metrics.drops(), {});
  } finally {
    await close();
  }
});
