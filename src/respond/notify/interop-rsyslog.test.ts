/**
 * Interop: Debian's rsyslog receives Vigil's syslog/CEF forwarding over UDP and over TCP with
 * octet counting, and parses the RFC 5424 header as Vigil meant it (app name, message id, the
 * CEF record as the message). Skipped where rsyslogd is not installed (required in CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../../testing/corpora.js';
import { freePort, Rsyslogd, rsyslogdPath } from '../../collector/syslog/rsyslog-harness.js';
import { waitFor } from '../../collector/syslog/test-helpers.js';
import { detection, openHarness, T0 } from '../testing/fixtures.js';

test('rsyslog parses the RFC 5424 + CEF messages Vigil forwards over UDP and TCP', async (t) => {
  const rsyslogd = rsyslogdPath();
  if (!requireTool(t, rsyslogd !== undefined, 'rsyslogd', 'apt-get install rsyslog')) return;
  const [udpPort, tcpPort] = [await freePort(), await freePort()];
  const rs = new Rsyslogd(rsyslogd!);
  const out = join(rs.dir, 'received.log');
  const h = await openHarness({
    notifications: {
      channels: {
        udp: { type: 'syslog', protocol: 'udp', host: '127.0.0.1', port: udpPort, hostname: 'vigil-test' },
        tcp: { type: 'syslog', protocol: 'tcp', host: '127.0.0.1', port: tcpPort, hostname: 'vigil-test' },
      },
      rules: [{ channels: ['udp'], min_level: 'high', rules: ['via-udp'] }, { channels: ['tcp'], min_level: 'high', rules: ['via-tcp'] }],
    },
  });
  try {
    await rs.start(
      `global(workDirectory="WORKDIR")
module(load="imudp")
module(load="imtcp")
template(name="fields" type="string" string="%inputname%|%hostname%|%app-name%|%msgid%|%syslogseverity%|%msg%\\n")
input(type="imudp" address="127.0.0.1" port="${udpPort}" ruleset="store")
input(type="imtcp" address="127.0.0.1" port="${tcpPort}" ruleset="store")
ruleset(name="store") { action(type="omfile" file="${out}" template="fields") }
`,
      tcpPort,
    );
    await h.service.ingest([
      detection('via-udp', 'high', { host: ['web-1'] }, T0, { rule: { id: 'via-udp', title: 'Over UDP', level: 'high', tags: [] } }),
      detection('via-tcp', 'critical', { host: ['web-2'] }, T0, { rule: { id: 'via-tcp', title: 'Over TCP\nwith a newline', level: 'critical', tags: [] } }),
    ]);
    await h.service.idle();
    const lines = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []);
    await waitFor(() => lines().length >= 2, 'rsyslog to write both messages', 10_000);
    const byInput = Object.fromEntries(lines().map((l) => [l.split('|')[0], l.split('|').slice(1)]));
    assert.deepEqual(byInput.imudp.slice(0, 4), ['vigil-test', 'vigil', 'alert.created', '3']);
    assert.match(byInput.imudp.slice(4).join('|'), /^CEF:0\|Vigil\|Vigil\|[^|]+\|via-udp\|Over UDP\|8\|rt=\d+ /);
    assert.deepEqual(byInput.imtcp.slice(0, 4), ['vigil-test', 'vigil', 'alert.created', '2']);
    assert.match(byInput.imtcp.slice(4).join('|'), /^CEF:0\|Vigil\|Vigil\|[^|]+\|via-tcp\|Over TCP with a newline\|10\|/, 'one message: the header newline was flattened');
    const deliveries = await h.service.listDeliveries({ limit: 10, offset: 0 });
    assert.deepEqual(deliveries.map((d) => d.status), ['delivered', 'delivered']);
  } finally {
    await rs.stop();
    await h.close();
  }
});
