/**
 * Every channel against a real local listener: an HTTP server for webhook and Slack, an SMTP
 * server (npm smtp-server) for email, UDP and TCP sockets for syslog/CEF. Retries use an
 * injected sleep that records the backoff instead of waiting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { createLogger } from '../../runtime/logger.js';
import { detection, openHarness, T0 } from '../testing/fixtures.js';

const SECRET = 'whsec-0123456789abcdef-secret';

interface Hit { path: string; headers: IncomingMessage['headers']; body: string }

async function httpListener(statuses: number[] = []): Promise<{ url: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = statuses[hits.length - 1] ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

async function smtpListener(): Promise<{ port: number; mails: Array<{ from: string; to: string[]; user?: string; data: string }>; close: () => Promise<void> }> {
  const mails: Array<{ from: string; to: string[]; user?: string; data: string }> = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'vigil' && auth.password === 'smtp-pass-123') cb(null, { user: 'vigil' });
      else cb(new Error('invalid credentials'));
    },
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c) => (data += String(c)));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((r) => server.close(() => r())) };
}

test('one high alert reaches webhook (signed), Slack, email, syslog UDP and TCP; the delivery log says so', async () => {
  const hook = await httpListener();
  const smtp = await smtpListener();
  const udp = createSocket('udp4');
  const datagrams: string[] = [];
  udp.on('message', (m) => datagrams.push(m.toString('utf8')));
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  let tcpData = '';
  const tcp = createTcpServer((s) => s.on('data', (c) => (tcpData += String(c))));
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
  const logs: string[] = [];
  const logger = createLogger('debug', new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }));
  const h = await openHarness(
    {
      notifications: {
        channels: {
          hook: { type: 'webhook', url: `${hook.url}/hook`, secret: SECRET },
          chat: { type: 'slack', url: `${hook.url}/services/T000/B000/XXXX` },
          mail: { type: 'email', host: '127.0.0.1', port: smtp.port, require_tls: false, user: 'vigil', password: 'smtp-pass-123', from: 'vigil@example.org', to: ['soc@example.org'] },
          siem_udp: { type: 'syslog', protocol: 'udp', host: '127.0.0.1', port: (udp.address() as AddressInfo).port, hostname: 'vigil-1' },
          siem_tcp: { type: 'syslog', protocol: 'tcp', host: '127.0.0.1', port: (tcp.address() as AddressInfo).port, hostname: 'vigil-1' },
        },
        rules: [{ channels: ['hook', 'chat', 'mail', 'siem_udp', 'siem_tcp'], min_level: 'high' }],
      },
    },
    { logger },
  );
  try {
    await h.service.ingest([detection('r-low', 'medium', { host: ['a'] }, T0)]);
    await h.service.ingest([detection('r|cert', 'high', { host: ['web-1'], user: ['alice'], ip: ['198.51.100.7'] }, T0, { rule: { id: 'r|cert', title: 'Certutil = download', level: 'high', tags: ['attack.t1105'] } })]);
    await h.service.idle();

    const signed = hook.hits.find((x) => x.path === '/hook')!;
    const expected = `sha256=${createHmac('sha256', SECRET).update(signed.body).digest('hex')}`;
    assert.equal(signed.headers['x-vigil-signature'], expected, 'HMAC-SHA256 over the raw body');
    const doc = JSON.parse(signed.body) as { trigger: string; alert: { rule: { id: string } }; sent_at: string };
    assert.equal(doc.trigger, 'alert.created');
    assert.equal(doc.alert.rule.id, 'r|cert');
    assert.equal(Number(signed.headers['x-vigil-timestamp']), Math.floor(Date.parse(doc.sent_at) / 1000), 'the timestamp header is inside the signed body too');
    assert.equal(hook.hits.filter((x) => x.path === '/hook').length, 1, 'the medium alert matched no rule');

    const slack = JSON.parse(hook.hits.find((x) => x.path.startsWith('/services/'))!.body) as { text: string; blocks: unknown[] };
    assert.match(slack.text, /^\[HIGH\] alert: Certutil = download — host web-1, user alice, ip 198\.51\.100\.7$/);
    assert.equal(slack.blocks.length, 3);

    assert.equal(smtp.mails.length, 1);
    assert.deepEqual([smtp.mails[0].from, smtp.mails[0].to, smtp.mails[0].user], ['vigil@example.org', ['soc@example.org'], 'vigil']);
    assert.match(smtp.mails[0].data, /^Subject: =\?UTF-8\?Q\?Vigil_=5BHIGH=5D_alert=3A_Certutil_=3D_d\?=/m, 'the summary as subject (RFC 2047 encoded)');
    assert.match(smtp.mails[0].data, /"id": "r\|cert"/, 'the JSON document in the body');

    assert.equal(datagrams.length, 1);
    assert.match(datagrams[0], /^<107>1 \d{4}-\d\d-\d\dT[\d:.]+Z vigil-1 vigil - alert\.created - CEF:0\|Vigil\|Vigil\|[^|]+\|r\\\|cert\|Certutil = download\|8\|rt=\d+ cat=alert\.created /);
    assert.match(datagrams[0], / shost=web-1 suser=alice src=198\.51\.100\.7 cs1Label=alertId cs1=al_/);
    assert.match(datagrams[0], /msg=\[HIGH\] alert: Certutil \\= download/, 'extension values escape =');
    const frame = /^(\d+) (.*)$/s.exec(tcpData)!;
    assert.equal(Number(frame[1]), Buffer.byteLength(frame[2]), 'octet-counted framing');
    assert.match(frame[2], /^<107>1 .* CEF:0\|Vigil\|/);

    const deliveries = await h.service.listDeliveries({ limit: 50, offset: 0 });
    assert.deepEqual(deliveries.map((d) => [d.channel, d.status, d.attempts]).sort(), [
      ['chat', 'delivered', 1], ['hook', 'delivered', 1], ['mail', 'delivered', 1], ['siem_tcp', 'delivered', 1], ['siem_udp', 'delivered', 1],
    ]);
    assert.equal(h.metrics.find('vigil_notifications_total')!.sum({ outcome: 'sent' }), 5);
    const all = logs.join('');
    for (const secret of [SECRET, 'smtp-pass-123', 'XXXX']) assert.ok(!all.includes(secret), `logs never hold ${secret}`);
  } finally {
    await h.close();
    await hook.close();
    await smtp.close();
    udp.close();
    await new Promise((r) => tcp.close(r));
  }
});

test('retries with jittered backoff on 5xx and connection errors; 4xx fails at once; errors never carry the URL', async () => {
  const hook = await httpListener([503, 502, 200, 400]);
  const refused = await httpListener();
  await refused.close(); // its port now refuses connections
  const delays: number[] = [];
  const h = await openHarness(
    {
      notifications: {
        channels: {
          flaky: { type: 'webhook', url: `${hook.url}/x` },
          down: { type: 'webhook', url: `${refused.url}/token-abcdef123456` },
        },
        rules: [{ channels: ['flaky'], min_level: 'high', rules: ['r-flaky*'] }, { channels: ['down'], min_level: 'critical' }],
        retry: { max_attempts: 3, initial_backoff_ms: 100, max_backoff_ms: 150 },
      },
    },
    { dispatcher: { sleep: async (ms) => void delays.push(ms), random: () => 0.5 } },
  );
  try {
    await h.service.ingest([detection('r-flaky-1', 'high', { host: ['a'] }, T0)]);
    await h.service.idle();
    assert.deepEqual(delays, [50, 75], 'full jitter: half of min(cap, base·2^attempt)');
    await h.service.ingest([detection('r-flaky-2', 'high', { host: ['b'] }, T0)]);
    await h.service.ingest([detection('r-other', 'critical', { host: ['c'] }, T0)]);
    await h.service.idle();
    const byChannel = (await h.service.listDeliveries({ limit: 10, offset: 0 })).map((d) => [d.channel, d.status, d.attempts, d.last_error]);
    assert.deepEqual(byChannel.sort(), [
      ['down', 'failed', 3, 'connection failed: ECONNREFUSED'],
      ['flaky', 'delivered', 3, 'HTTP 502'],
      ['flaky', 'failed', 1, 'HTTP 400 (not retried)'],
    ]);
    const m = h.metrics.find('vigil_notifications_total')!;
    assert.deepEqual([m.get({ channel: 'flaky', outcome: 'sent' }), m.get({ channel: 'flaky', outcome: 'failed' }), m.get({ channel: 'down', outcome: 'failed' }), m.get({ channel: 'down', outcome: 'retried' })], [1, 1, 1, 2]);
  } finally {
    await h.close();
    await hook.close();
  }
});

test('a delivery still retrying at shutdown stays pending and is resumed at the next start', async () => {
  const hook = await httpListener([503, 200]);
  const config = { notifications: { channels: { hook: { type: 'webhook', url: `${hook.url}/x` } }, rules: [{ channels: ['hook'], min_level: 'low' }] } };
  let backingOff!: () => void;
  const firstWait = new Promise<void>((r) => (backingOff = r));
  // Backs off until shutdown aborts the wait.
  const sleep = (_ms: number, signal: AbortSignal) => new Promise<void>((r) => (backingOff(), signal.addEventListener('abort', () => r())));
  const h = await openHarness(config, { dispatcher: { sleep } });
  try {
    await h.service.ingest([detection('r1', 'high', { host: ['a'] }, T0)]);
    await firstWait;
    await h.service.close();
    const [left] = await h.service.listDeliveries({ limit: 10, offset: 0 });
    assert.deepEqual([left.status, left.attempts, left.last_error], ['pending', 1, 'HTTP 503']);

    const { AlertService } = await import('../alert-service.js');
    const { alertingSchema } = await import('../config.js');
    const restarted = await AlertService.open(h.db, { config: alertingSchema.parse(config) });
    await restarted.idle();
    const [done] = await restarted.listDeliveries({ limit: 10, offset: 0 });
    assert.deepEqual([done.id, done.status, done.attempts], [left.id, 'delivered', 2]);
    assert.equal(hook.hits.length, 2);
    assert.equal(JSON.parse(hook.hits[1].body).alert.rule.id, 'r1', 'the same notification, from the stored payload');
    await restarted.close();
  } finally {
    await h.close();
    await hook.close();
  }
});
