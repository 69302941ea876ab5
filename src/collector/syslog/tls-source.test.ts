import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { requireTool } from '../../testing/corpora.js';
import { SyslogTlsSource, type SyslogTlsReceiver } from './index.js';
import { makeTestPki, opensslAvailable } from './test-pki.js';
import { RecordingOutput, testContext, waitFor } from './test-helpers.js';

test('TLS: octet-counted messages over TLS; client certificates required and checked', async (t) => {
  if (!requireTool(t, opensslAvailable(), 'openssl', 'apt-get install openssl')) return;
  const pki = makeTestPki();
  const output = new RecordingOutput();
  const cfg = SyslogTlsSource.config.parse({
    listen: ['127.0.0.1:0'],
    tls: { cert_file: pki.serverCert, key_file: pki.serverKey, ca_file: pki.caCert, require_client_cert: true },
  });
  const rx = (await SyslogTlsSource.build(cfg, testContext('syslog_tls'), output)) as SyslogTlsReceiver;
  await rx.start();
  const port = Number(rx.addresses()[0].split(':').pop());
  try {
    const good = connect({ host: '127.0.0.1', port, ca: readFileSync(pki.caCert), cert: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey), servername: 'localhost' });
    await new Promise<void>((resolve, reject) => good.once('secureConnect', () => resolve()).once('error', reject));
    const msg = '<86>1 2024-05-01T10:00:00Z web01 sshd 4242 - - Accepted publickey for alice from 192.0.2.9 port 50000 ssh2';
    good.end(`${Buffer.byteLength(msg)} ${msg}`);
    await waitFor(() => output.records().length === 1, 'record over TLS');
    const r = output.records()[0];
    assert.equal(r.fields['event.outcome'], 'success');
    assert.equal(r.fields['user.name'], 'alice');
    assert.equal(r.fields['user.auth.method'], 'publickey');
    assert.deepEqual(r.logsource, { product: 'linux', service: 'sshd' });

    const anonymous = connect({ host: '127.0.0.1', port, ca: readFileSync(pki.caCert), servername: 'localhost' });
    anonymous.on('error', () => {});
    anonymous.write('<13>Jan  1 00:00:00 h app: should not arrive\n');
    await new Promise<void>((resolve) => anonymous.once('close', () => resolve()));
    await waitFor(() => ((rx.health() as { connections_refused: Record<string, number> }).connections_refused.tls_handshake ?? 0) >= 1, 'refused handshake counted');
    assert.equal(output.records().length, 1);
  } finally {
    await rx.stop(Date.now() + 2000);
  }
});

test('TLS: config needs cert and key; require_client_cert needs a CA; unreadable files are config errors', () => {
  assert.equal(SyslogTlsSource.config.safeParse({}).success, false);
  const r = SyslogTlsSource.config.safeParse({ tls: { cert_file: 'a', key_file: 'b', require_client_cert: true } });
  assert.equal(r.success, false);
  const ok = SyslogTlsSource.config.parse({ tls: { cert_file: '/nonexistent/cert.pem', key_file: '/nonexistent/key.pem' } });
  assert.deepEqual(ok.listen, ['127.0.0.1:6514']);
  assert.throws(() => SyslogTlsSource.build(ok, testContext('syslog_tls'), new RecordingOutput()), /sources\.syslog_tls\.tls\.cert_file/);
});
