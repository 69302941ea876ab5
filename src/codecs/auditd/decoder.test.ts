import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodecResult } from '../../core/event.js';
import { corpusPath } from '../../testing/corpora.js';
import { createAuditdDecoder, decodeAuditdLines } from './decoder.js';

const LINES = [
  'type=SYSCALL msg=audit(10.000:1): arch=c000003e syscall=59 success=yes pid=1 comm="a" exe="/bin/a"',
  'type=USER_AUTH msg=audit(10.001:2): pid=5 uid=0 msg=\'op=PAM:authentication acct="bob" exe="/usr/sbin/sshd" res=success\'',
  'this is not an audit line',
  'type=EXECVE msg=audit(10.000:1): argc=1 a0="a"',
  'type=EOE msg=audit(10.000:1):',
  'type=SYSCALL msg=audit(10.002:3): arch=c000003e syscall=2 success=yes pid=2 comm="b" exe="/bin/b"',
];

function summary(out: CodecResult[]): string[] {
  return out.map((r) => (r.ok ? `${r.record.fields['event.sequence']}:${r.record.fields['event.action']}` : `reject@${r.rejected.position.line}`));
}

test('events, rejected lines with their numbers, and a flush at the end', () => {
  const out = decodeAuditdLines(LINES, { keepRaw: true });
  assert.deepEqual(summary(out), ['2:user_auth', 'reject@3', '1:execve', '3:open']);
  const first = out[2];
  assert.ok(first.ok);
  assert.equal(first.record.raw, `${LINES[0]}\n${LINES[3]}`);
});

test('assemble: false emits every record as its own event', () => {
  const out = decodeAuditdLines(LINES, { assemble: false });
  assert.deepEqual(summary(out), ['1:execve', '2:user_auth', 'reject@3', '1:execve', '3:open']);
  const execve = out[3];
  assert.ok(execve.ok);
  assert.equal((execve.record.native as { records: Array<{ type: string }> }).records[0].type, 'EXECVE');
});

test('a snapshot of open events survives a restart: nothing lost, nothing twice', () => {
  const whole = summary(decodeAuditdLines(LINES));
  for (let cut = 0; cut <= LINES.length; cut++) {
    const a = createAuditdDecoder();
    const seen: CodecResult[] = [];
    LINES.slice(0, cut).forEach((l, i) => seen.push(...a.push(l, i + 1)));
    const state = JSON.parse(JSON.stringify(a.snapshot())) as unknown;
    const b = createAuditdDecoder();
    assert.equal(b.restore(state), true);
    LINES.slice(cut).forEach((l, i) => seen.push(...b.push(l, cut + i + 1)));
    seen.push(...b.flush());
    assert.deepEqual(summary(seen).sort(), [...whole].sort(), `cut after line ${cut}`);
  }
  assert.equal(createAuditdDecoder().restore({ pending: 'nope' }), false);
});

test('the whole go-libaudit corpus decodes without throwing; refused lines are counted', (t) => {
  const dir = corpusPath(t, 'auditd-go-libaudit', 'auparse', 'testdata');
  if (!dir) return;
  let events = 0;
  let rejected = 0;
  for (const log of ['test2.log', 'test3.log', 'audit-rhel6.log', 'audit-rhel7.log', 'audit-ubuntu16.log', 'audit-ubuntu17.log']) {
    for (const r of decodeAuditdLines(readFileSync(join(dir, log), 'utf8').split('\n'))) {
      if (r.ok) {
        events += 1;
        assert.equal(typeof r.record.ts, 'number');
        assert.ok(Array.isArray(r.record.fields['event.category']));
      } else rejected += 1;
    }
  }
  assert.equal(rejected, 1); // type=UNKNOWN[1329] msg=?
  assert.ok(events > 60);
});
