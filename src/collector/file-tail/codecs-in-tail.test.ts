/**
 * The codecs behind the tail: decoder state that must survive a restart (a Zeek header, an
 * auditd event cut in half), start_at: end with a header still read, rejected lines with
 * their line numbers, oversized lines, idle flush, globs with excludes, and health.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTailConfig } from './config.js';
import { FileTailSource } from './file-tail-source.js';
import { buildContext, CollectingOutput, tempDir, waitFor } from './test-helpers.js';

function source(dir: string, output: CollectingOutput, inputs: unknown[], extra: Record<string, unknown> = {}): FileTailSource {
  const config = fileTailConfig.parse({ inputs, poll_interval_ms: 10, rotate_wait_ms: 50, idle_flush_ms: 60_000, ...extra });
  return new FileTailSource(config, buildContext('tail', join(dir, 'data')), output);
}

const ZEEK_HEADER = '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tssh\n#fields\tts\tid.orig_h\tauth_success\n#types\ttime\taddr\tbool\n';

test('zeek: the TSV header survives a restart in the checkpoint', async () => {
  const tmp = tempDir('zeek');
  const path = join(tmp.path, 'ssh.log');
  const output = new CollectingOutput();
  try {
    writeFileSync(path, `${ZEEK_HEADER}1.0\t10.0.0.1\tT\n`);
    const a = source(tmp.path, output, [{ path, format: 'zeek', start_at: 'beginning' }]);
    await a.start();
    await waitFor(() => output.records().length === 1, 'first row');
    await a.stop(Date.now() + 5000);
    appendFileSync(path, '2.0\t10.0.0.2\tF\nbroken row\n');
    const b = source(tmp.path, output, [{ path, format: 'zeek' }]);
    await b.start();
    await waitFor(() => output.records().length === 2 && output.rejected().length === 1, 'second row and a rejection');
    const second = output.records()[1];
    assert.equal(second.fields['source.ip'], '10.0.0.2');
    assert.equal(second.fields['event.outcome'], 'failure');
    assert.equal(second.fields['log.file.path'], path);
    assert.deepEqual(second.logsource, { product: 'zeek', service: 'ssh' });
    assert.deepEqual(output.rejected()[0].position, { line: 10 });
    assert.equal(output.batches[0].format, 'zeek');
    assert.equal(output.batches[0].source, 'tail');
    await b.stop(Date.now() + 5000);
  } finally {
    tmp.cleanup();
  }
});

test('zeek with start_at: end skips old rows but still reads the header; line numbers stay true', async () => {
  const tmp = tempDir('zeek-end');
  const path = join(tmp.path, 'conn.log');
  const output = new CollectingOutput();
  const s = source(tmp.path, output, [{ path, format: 'zeek' }]);
  try {
    writeFileSync(path, `${ZEEK_HEADER}1.0\t10.0.0.1\tT\n`);
    await s.start();
    await s.pollOnce();
    appendFileSync(path, '2.0\t10.0.0.2\tT\nbad\n');
    await waitFor(() => output.records().length === 1 && output.rejected().length === 1, 'the new row');
    assert.equal(output.records()[0].fields['source.ip'], '10.0.0.2');
    assert.deepEqual(output.rejected()[0].position, { line: 10 });
  } finally {
    await s.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});

test('auditd: an event cut by a restart is assembled once, from both runs', async () => {
  const tmp = tempDir('auditd');
  const path = join(tmp.path, 'audit.log');
  const output = new CollectingOutput();
  try {
    writeFileSync(path, '');
    const a = source(tmp.path, output, [{ path, format: 'auditd' }]);
    await a.start();
    await a.pollOnce();
    appendFileSync(path, 'type=SYSCALL msg=audit(1700000000.100:42): arch=c000003e syscall=59 success=yes pid=7 ppid=1 uid=0 comm="id" exe="/usr/bin/id"\n');
    appendFileSync(path, 'type=EXECVE msg=audit(1700000000.100:42): argc=1 a0="id"\n');
    await waitFor(() => (a.health().files as Array<{ lag_bytes: number; line: number }>)[0]?.line === 2, 'both records read');
    await a.stop(Date.now() + 5000);
    assert.equal(output.records().length, 0); // the event is still open: kept in the checkpoint
    appendFileSync(path, 'type=PROCTITLE msg=audit(1700000000.100:42): proctitle=6964\ntype=EOE msg=audit(1700000000.100:42):\n');
    const b = source(tmp.path, output, [{ path, format: 'auditd' }]);
    await b.start();
    await waitFor(() => output.records().length === 1, 'the assembled event');
    await b.pollOnce();
    const [event] = output.records();
    assert.deepEqual((event.native as { records: Array<{ type: string }> }).records.map((r) => r.type), ['SYSCALL', 'EXECVE', 'PROCTITLE']);
    assert.deepEqual(event.fields['process.args'], ['id']);
    assert.equal(event.fields['log.file.path'], path);
    assert.equal(output.records().length, 1);
    await b.stop(Date.now() + 5000);
  } finally {
    tmp.cleanup();
  }
});

test('auditd: a quiet file releases an event that never got its EOE', async () => {
  const tmp = tempDir('auditd-idle');
  const path = join(tmp.path, 'audit.log');
  const output = new CollectingOutput();
  const s = source(tmp.path, output, [{ path, format: 'auditd', start_at: 'beginning' }], { idle_flush_ms: 30 });
  try {
    writeFileSync(path, 'type=SYSCALL msg=audit(1700000000.100:43): arch=c000003e syscall=2 success=yes pid=7 comm="cat" exe="/bin/cat"\n');
    await s.start();
    await waitFor(() => output.records().length === 1, 'the event flushed when idle');
    assert.equal(output.records()[0].fields['event.action'], 'open');
  } finally {
    await s.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});

test('eve and plain lines through a glob with excludes; oversized lines rejected; health', async () => {
  const tmp = tempDir('eve');
  const output = new CollectingOutput();
  const eve = '{"timestamp":"2024-01-02T03:04:05.000001+0000","event_type":"alert","src_ip":"10.0.0.1","dest_ip":"10.0.0.2","proto":"TCP","alert":{"signature_id":1,"signature":"test"}}';
  writeFileSync(join(tmp.path, 'eve.json'), `${eve}\nnot json\n${'z'.repeat(300)}\n${eve}\n`);
  writeFileSync(join(tmp.path, 'auth.log'), 'Jan  1 00:00:00 host sshd[1]: Accepted password for bob\n');
  writeFileSync(join(tmp.path, 'auth.log.2.gz'), 'binary\n');
  const s = source(
    tmp.path,
    output,
    [
      { path: join(tmp.path, 'eve.json'), format: 'eve' },
      { path: join(tmp.path, 'auth.log*'), format: 'lines', logsource: { product: 'linux', service: 'auth' } },
    ],
    { start_at: 'beginning', max_line_bytes: 256 },
  );
  try {
    await s.start();
    await waitFor(() => output.records().length === 3 && output.rejected().length === 2, 'records and rejections');
    const alerts = output.records().filter((r) => r.fields['event.kind'] === 'alert');
    assert.equal(alerts.length, 2);
    const line = output.records().find((r) => r.fields['event.module'] === undefined);
    assert.deepEqual(line?.logsource, { product: 'linux', service: 'auth' });
    const reasons = output.rejected().map((r) => [r.position.line, r.reason.split(':')[0]]).sort();
    assert.deepEqual(reasons, [
      [2, 'invalid JSON'],
      [3, 'line longer than max_line_bytes (256)'],
    ]);
    const health = s.health() as { files: Array<{ path: string }>; rejected: Record<string, number>; lines_read: number; records_emitted: number };
    assert.deepEqual(health.files.map((f) => f.path).sort(), [join(tmp.path, 'auth.log'), join(tmp.path, 'eve.json')]);
    assert.deepEqual(health.rejected, { decode_error: 1, oversized_line: 1 });
    assert.equal(health.lines_read, 5);
    assert.equal(health.records_emitted, 3);
  } finally {
    await s.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});
