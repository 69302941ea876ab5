import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditEventAssembler, type AuditEvent } from './assembler.js';
import { parseAuditLine } from './line-parser.js';

function feed(asm: AuditEventAssembler, lines: string[]): AuditEvent[] {
  const out: AuditEvent[] = [];
  lines.forEach((line, i) => {
    const r = parseAuditLine(line);
    assert.ok(r.ok, line);
    out.push(...asm.push(r.record, i + 1));
  });
  return out;
}

const rec = (type: string, serial: number, time = '1700000000.100', body = 'x=1') => `type=${type} msg=audit(${time}:${serial}): ${body}`;

test('records of one serial become one event, closed by EOE; interleaved serials stay apart', () => {
  const asm = new AuditEventAssembler();
  const out = feed(asm, [
    rec('SYSCALL', 10),
    rec('SYSCALL', 11),
    rec('EXECVE', 10),
    rec('CWD', 11),
    rec('PATH', 10),
    rec('PROCTITLE', 10),
    rec('EOE', 10),
    rec('EOE', 11),
  ]);
  assert.deepEqual(
    out.map((e) => [e.sequence, e.records.map((r) => r.type), e.lines, e.closedBy]),
    [
      [10, ['SYSCALL', 'EXECVE', 'PATH', 'PROCTITLE'], [1, 3, 5, 6], 'eoe'],
      [11, ['SYSCALL', 'CWD'], [2, 4], 'eoe'],
    ],
  );
  assert.equal(asm.pendingCount, 0);
});

test('user-space messages are events on their own, immediately', () => {
  const asm = new AuditEventAssembler();
  const out = feed(asm, [rec('USER_LOGIN', 5), rec('CRYPTO_SESSION', 6), rec('SYSCALL', 7)]);
  assert.deepEqual(
    out.map((e) => [e.sequence, e.closedBy]),
    [
      [5, 'standalone'],
      [6, 'standalone'],
    ],
  );
  assert.equal(asm.pendingCount, 1);
});

test('events without EOE close when event time or serials move on, or on flush', () => {
  const asm = new AuditEventAssembler({ maxEventAgeMs: 1000, maxSequenceGap: 5 });
  const byAge = feed(asm, [rec('SYSCALL', 1, '100.000'), rec('PATH', 1, '100.000'), rec('SYSCALL', 2, '101.500')]);
  assert.deepEqual(
    byAge.map((e) => [e.sequence, e.records.length, e.closedBy]),
    [[1, 2, 'age']],
  );
  const byGap = feed(asm, [rec('SYSCALL', 9, '101.600')]);
  assert.deepEqual(
    byGap.map((e) => [e.sequence, e.closedBy]),
    [[2, 'gap']],
  );
  const flushed = asm.flush();
  assert.deepEqual(
    flushed.map((e) => [e.sequence, e.closedBy]),
    [[9, 'flush']],
  );
  assert.equal(asm.pendingCount, 0);
});

test('the number of open events is bounded: the oldest is closed first', () => {
  const asm = new AuditEventAssembler({ maxPendingEvents: 2, maxSequenceGap: 1000 });
  const out = feed(asm, [rec('SYSCALL', 1), rec('SYSCALL', 2), rec('SYSCALL', 3), rec('PATH', 4)]);
  assert.deepEqual(
    out.map((e) => [e.sequence, e.closedBy]),
    [
      [1, 'evicted'],
      [2, 'evicted'],
    ],
  );
});

test('the same serial at another time (auditd restarted) is another event; nodes are apart', () => {
  const asm = new AuditEventAssembler();
  feed(asm, [rec('SYSCALL', 1, '100.000'), rec('SYSCALL', 1, '100.001'), `node=b ${rec('SYSCALL', 1, '100.000')}`]);
  assert.equal(asm.pendingCount, 3);
  const out = asm.flush();
  assert.deepEqual(
    out.map((e) => [e.node ?? '-', e.timeMs]),
    [
      ['-', 100000],
      ['-', 100001],
      ['b', 100000],
    ],
  );
  // An EOE for an event already closed is ignored.
  assert.deepEqual(feed(asm, [rec('EOE', 1, '100.000')]), []);
});
