import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditdFormat, createAuditdStreamDecoder } from './format.js';

const OPTS = { max_depth: 64, max_record_bytes: 4096 };

test('auditd TextFormat: an event split across blocks is assembled; end() closes open events', () => {
  const d = auditdFormat.createDecoder(OPTS);
  const a = d.push('type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 pid=1 exe="/bin/a"\n', 1);
  assert.deepEqual(a, { records: [], rejected: [] });
  const b = d.push('type=EXECVE msg=audit(1.000:1): argc=1 a0="a"\ngarbage\n', 2);
  assert.deepEqual(b.rejected.map((x) => x.position.line), [3]);
  assert.equal(b.records.length, 0);
  const c = d.end();
  assert.equal(c.records.length, 1);
  assert.deepEqual(c.records[0].fields['process.args'], ['a']);
  assert.ok(auditdFormat.sniff('type=DAEMON_START msg=audit(1.000:1): op=start'));
  assert.ok(auditdFormat.sniff('node=h type=SYSCALL msg=audit(1.000:1): x=1'));
});

test('auditd stream decoder snapshot/restore', () => {
  const a = createAuditdStreamDecoder(OPTS);
  a.push('type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 pid=1\n', 1);
  const b = createAuditdStreamDecoder(OPTS);
  assert.equal(b.restore(JSON.parse(JSON.stringify(a.snapshot()))), true);
  const r = b.push('type=EOE msg=audit(1.000:1):\n', 2);
  assert.equal(r.records.length, 1);
  assert.equal(r.records[0].fields['event.action'], 'execve');
});
