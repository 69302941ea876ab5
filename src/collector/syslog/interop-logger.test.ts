/**
 * Interop with util-linux `logger` as the sender: RFC 3164 and RFC 5424, over UDP and TCP
 * (LF framing and octet counting), into ephemeral-port Vigil sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { requireTool } from '../../testing/corpora.js';
import type { RunningComponent, SourceDefinition } from '../../core/index.js';
import { SyslogTcpSource, SyslogUdpSource } from './index.js';
import { RecordingOutput, testContext, waitFor } from './test-helpers.js';

const run = promisify(execFile);

function loggerAvailable(): boolean {
  try {
    return /util-linux/.test(execFileSync('logger', ['--version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

async function withSource<C>(def: SourceDefinition<C>, fn: (port: number, output: RecordingOutput) => Promise<void>): Promise<void> {
  const output = new RecordingOutput();
  const rx = (await def.build(def.config.parse({ listen: ['127.0.0.1:0'] }), testContext(def.type), output)) as RunningComponent & { addresses(): string[] };
  await rx.start();
  try {
    await fn(Number(rx.addresses()[0].split(':').pop()), output);
  } finally {
    await rx.stop(Date.now() + 2000);
  }
}

const cases = [
  { name: 'UDP RFC 3164', def: SyslogUdpSource, args: ['--udp', '--rfc3164'], format: 'rfc3164' },
  { name: 'UDP RFC 5424', def: SyslogUdpSource, args: ['--udp', '--rfc5424'], format: 'rfc5424' },
  { name: 'TCP RFC 3164, LF framing', def: SyslogTcpSource, args: ['--tcp', '--rfc3164'], format: 'rfc3164' },
  { name: 'TCP RFC 5424, octet counting', def: SyslogTcpSource, args: ['--tcp', '--rfc5424', '--octet-count'], format: 'rfc5424' },
] as const;

for (const c of cases) {
  test(`logger → Vigil: ${c.name}`, async (t) => {
    if (!requireTool(t, loggerAvailable(), 'logger', 'apt-get install bsdutils (util-linux logger)')) return;
    await withSource(c.def as SourceDefinition<unknown>, async (port, output) => {
      const messages = ['Failed password for invalid user admin from 198.51.100.7 port 40022 ssh2', 'second message: ü ✓'];
      for (const m of messages) {
        await run('logger', ['--server', '127.0.0.1', '--port', String(port), ...c.args, '-t', 'sshd', '-i', '-p', 'authpriv.notice', m]);
      }
      await waitFor(() => output.records().length === 2, 'two records');
      const recs = output.records();
      assert.deepEqual(recs.map((r) => r.fields.message).sort(), [...messages].sort());
      for (const r of recs) {
        assert.equal((r.native.syslog as { format: string }).format, c.format);
        assert.equal(r.fields['process.name'], 'sshd');
        assert.equal(typeof r.fields['process.pid'], 'number');
        assert.equal(r.fields['log.syslog.facility.name'], 'authpriv');
        assert.equal(r.fields['log.syslog.severity.name'], 'notice');
        assert.ok([hostname(), hostname().split('.')[0]].includes(String(r.fields['host.name'])), `host.name ${String(r.fields['host.name'])}`);
        assert.ok(r.ts !== undefined && Math.abs(r.ts - Date.now()) < 24 * 3_600_000, 'timestamp near now');
      }
      const fail = recs.find((r) => String(r.fields.message).startsWith('Failed'))!;
      assert.equal(fail.fields['event.outcome'], 'failure');
      assert.equal(fail.fields['source.ip'], '198.51.100.7');
      assert.equal(fail.fields['user.name'], 'admin');
    });
  });
}

test('logger → Vigil: RFC 5424 structured data over TCP', async (t) => {
  if (!requireTool(t, loggerAvailable(), 'logger', 'apt-get install bsdutils (util-linux logger)')) return;
  await withSource(SyslogTcpSource as SourceDefinition<unknown>, async (port, output) => {
    await run('logger', ['--server', '127.0.0.1', '--port', String(port), '--tcp', '--octet-count', '--rfc5424', '--msgid', 'ID47',
      '--sd-id', 'zoo@32473', '--sd-param', 'tiger="hungry"', '--sd-param', 'quote="a \\"b\\" \\]"', '-t', 'app', 'with structured data']);
    await waitFor(() => output.records().length === 1, 'record');
    const r = output.records()[0];
    assert.equal(r.fields.message, 'with structured data');
    assert.equal(r.fields['log.syslog.msgid'], 'ID47');
    const sd = r.native.structured_data as Record<string, Record<string, string>>;
    assert.deepEqual(sd['zoo@32473'], { tiger: 'hungry', quote: 'a "b" ]' });
    assert.ok(sd.timeQuality, 'logger adds timeQuality');
  });
});
