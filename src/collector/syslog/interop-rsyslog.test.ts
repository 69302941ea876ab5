/**
 * Interop with rsyslog as a relay: messages fed to rsyslog's imtcp input are forwarded by
 * omfwd to Vigil over UDP (RFC 5424 template), TCP with octet counting (RFC 5424 template)
 * and TLS with gtls and a client certificate (rsyslog's default RFC 3164 forward template).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { requireTool } from '../../testing/corpora.js';
import type { NormalizedRecord } from '../../core/index.js';
import { SyslogTcpSource, SyslogTlsSource, SyslogUdpSource } from './index.js';
import { freePort, Rsyslogd, rsyslogdPath } from './rsyslog-harness.js';
import { makeTestPki, opensslAvailable } from './test-pki.js';
import { RecordingOutput, testContext, waitFor } from './test-helpers.js';
import { existsSync } from 'node:fs';

const INPUT = [
  '<86>Feb  3 04:05:06 web01 sshd[123]: Failed password for root from 203.0.113.5 port 4242 ssh2',
  '<85>Feb  3 04:05:07 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id',
  '<134>Feb  3 04:05:08 fw01 CEF:0|Acme|Firewall|2.1|600|Blocked connection|7|src=198.51.100.20 dst=10.1.1.1 dpt=22 act=blocked',
];

function check(records: NormalizedRecord[], transport: string): void {
  const byHost = (h: string, needle: string) => records.find((r) => r.fields['host.name'] === h && String(r.fields.message).includes(needle));
  const ssh = byHost('web01', 'Failed password');
  assert.ok(ssh, `${transport}: sshd line`);
  assert.equal(ssh.fields.message, 'Failed password for root from 203.0.113.5 port 4242 ssh2');
  assert.equal(ssh.fields['process.name'], 'sshd');
  assert.equal(ssh.fields['process.pid'], 123);
  assert.equal(ssh.fields['event.outcome'], 'failure');
  assert.equal(ssh.fields['source.ip'], '203.0.113.5');
  assert.equal(ssh.fields['log.syslog.priority'], 86);
  assert.equal(new Date(ssh.ts!).getUTCMonth(), 1);
  const sudo = byHost('web01', 'COMMAND=');
  assert.ok(sudo, `${transport}: sudo line`);
  assert.equal(sudo.fields['process.command_line'], '/usr/bin/id');
  assert.equal(sudo.fields['user.effective.name'], 'root');
  assert.deepEqual(sudo.logsource, { product: 'linux', service: 'sudo' });
  const cef = records.find((r) => r.fields['event.module'] === 'cef');
  assert.ok(cef, `${transport}: CEF line`);
  assert.equal(cef.fields['source.ip'], '198.51.100.20');
  assert.equal(cef.fields['destination.port'], 22);
  assert.equal(cef.fields['event.action'], 'blocked');
  assert.equal(cef.fields['host.name'], 'fw01');
}

test('rsyslog omfwd → Vigil over UDP, TCP (octet-counted) and TLS (gtls, client certificate)', async (t) => {
  const rsyslogd = rsyslogdPath();
  if (!requireTool(t, rsyslogd !== undefined, 'rsyslogd', 'apt-get install rsyslog rsyslog-gnutls')) return;
  const gtls = existsSync('/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so') || existsSync('/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_gtls.so');
  if (!requireTool(t, gtls, 'rsyslog-gnutls', 'apt-get install rsyslog-gnutls')) return;
  if (!requireTool(t, opensslAvailable(), 'openssl', 'apt-get install openssl')) return;
  const pki = makeTestPki();
  const outputs = { udp: new RecordingOutput(), tcp: new RecordingOutput(), tls: new RecordingOutput() };
  const udp = await SyslogUdpSource.build(SyslogUdpSource.config.parse({ listen: ['127.0.0.1:0'] }), testContext('syslog_udp'), outputs.udp);
  const tcp = await SyslogTcpSource.build(SyslogTcpSource.config.parse({ listen: ['127.0.0.1:0'] }), testContext('syslog_tcp'), outputs.tcp);
  const tls = await SyslogTlsSource.build(
    SyslogTlsSource.config.parse({ listen: ['127.0.0.1:0'], tls: { cert_file: pki.serverCert, key_file: pki.serverKey, ca_file: pki.caCert, require_client_cert: true } }),
    testContext('syslog_tls'),
    outputs.tls,
  );
  const sources = [udp, tcp, tls] as Array<typeof udp & { addresses(): string[] }>;
  for (const s of sources) await s.start();
  const [udpPort, tcpPort, tlsPort] = sources.map((s) => Number(s.addresses()[0].split(':').pop()));
  const inPort = await freePort();
  const rs = new Rsyslogd(rsyslogd!);
  try {
    await rs.start(
      `global(workDirectory="WORKDIR" defaultNetstreamDriverCAFile="${pki.caCert}" defaultNetstreamDriverCertFile="${pki.clientCert}" defaultNetstreamDriverKeyFile="${pki.clientKey}")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="${inPort}" ruleset="forward")
ruleset(name="forward") {
  action(type="omfwd" target="127.0.0.1" port="${udpPort}" protocol="udp" template="RSYSLOG_SyslogProtocol23Format")
  action(type="omfwd" target="127.0.0.1" port="${tcpPort}" protocol="tcp" tcp_framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
  action(type="omfwd" target="127.0.0.1" port="${tlsPort}" protocol="tcp" streamDriver="gtls" streamDriverMode="1" streamDriverAuthMode="x509/name" streamDriverPermittedPeers="localhost")
}
`,
      inPort,
    );
    const feed = connect(inPort, '127.0.0.1');
    await new Promise<void>((resolve) => feed.once('connect', () => resolve()));
    feed.end(INPUT.map((l) => `${l}\n`).join(''));
    for (const [name, out] of Object.entries(outputs)) {
      await waitFor(() => out.records().length >= INPUT.length, `${name}: ${INPUT.length} records (rsyslog stderr: ${rs.stderr})`, 20_000);
      assert.equal(out.records().length, INPUT.length, `${name}: exactly the fed messages`);
      check(out.records(), name);
    }
    assert.equal((outputs.udp.records()[0].native.syslog as { format: string }).format, 'rfc5424');
    assert.equal((outputs.tls.records()[0].native.syslog as { format: string }).format, 'rfc3164');
  } finally {
    await rs.stop();
    for (const s of sources) await s.stop(Date.now() + 2000);
  }
});
