import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedRecord } from '../../core/event.js';
import { decodeAuditdLines } from './decoder.js';

function one(lines: string[]): NormalizedRecord {
  const out = decodeAuditdLines(lines);
  assert.equal(out.length, 1);
  assert.ok(out[0].ok);
  return out[0].record;
}

const EXEC_EVENT = [
  'type=SYSCALL msg=audit(1515619721.392:106081): arch=c000003e syscall=59 success=yes exit=0 a0=55df1048ec88 a1=55df1048ec38 a2=55df1048ec58 a3=1 items=2 ppid=27851 pid=27854 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="grep" exe="/bin/grep" key=65786563013634626974',
  'type=EXECVE msg=audit(1515619721.392:106081): argc=3 a0="grep" a1="-r" a2=70617373776F726420E282AC',
  'type=CWD msg=audit(1515619721.392:106081): cwd="/home/alice"',
  'type=PATH msg=audit(1515619721.392:106081): item=0 name="/bin/grep" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL',
  'type=PROCTITLE msg=audit(1515619721.392:106081): proctitle=67726570002D720070617373776F726420E282AC',
  'type=EOE msg=audit(1515619721.392:106081):',
];

test('an execve event: process fields, users, keys, logsource and a Sigma-matchable native record', () => {
  const r = one(EXEC_EVENT);
  const f = r.fields;
  assert.equal(r.ts, 1515619721392);
  assert.deepEqual(r.logsource, { product: 'linux', service: 'auditd' });
  assert.deepEqual(f['event.category'], ['process']);
  assert.deepEqual(f['event.type'], ['start']);
  assert.equal(f['event.action'], 'execve');
  assert.equal(f['event.outcome'], 'success');
  assert.equal(f['event.sequence'], 106081);
  assert.equal(f['process.pid'], 27854);
  assert.equal(f['process.parent.pid'], 27851);
  assert.equal(f['process.executable'], '/bin/grep');
  assert.equal(f['process.name'], 'grep');
  assert.deepEqual(f['process.args'], ['grep', '-r', 'password €']);
  assert.equal(f['process.command_line'], 'grep -r password €');
  assert.equal(f['process.title'], 'grep -r password €');
  assert.equal(f['process.working_directory'], '/home/alice');
  assert.equal(f['user.id'], '0');
  assert.equal(f['user.audit.id'], '1000');
  assert.deepEqual(f.tags, ['exec', '64bit']);
  assert.equal(f['file.path'], undefined);
  const native = r.native as { type: string; sequence: number; records: Array<Record<string, unknown>> };
  assert.equal(native.type, 'SYSCALL');
  assert.deepEqual(native.records.map((x) => x.type), ['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PROCTITLE']);
  const [syscall, execve] = native.records;
  assert.equal(syscall.SYSCALL, 'execve');
  assert.equal(syscall.ARCH, 'x86_64');
  assert.equal(syscall.syscall, '59');
  assert.deepEqual(syscall.key, ['exec', '64bit']);
  assert.equal(execve.a1, '-r');
});

test('a failed file deletion resolves a relative path against the cwd', () => {
  const r = one([
    'type=SYSCALL msg=audit(1.000:20): arch=c000003e syscall=263 success=no exit=-13 items=2 ppid=1 pid=2 auid=1000 uid=1000 gid=1000 euid=1000 comm="rm" exe="/usr/bin/rm"',
    'type=CWD msg=audit(1.000:20): cwd="/etc"',
    'type=PATH msg=audit(1.000:20): item=0 name="/etc" inode=2 mode=040755 ouid=0 ogid=0 nametype=PARENT',
    'type=PATH msg=audit(1.000:20): item=1 name="shadow" inode=3 mode=0100640 ouid=0 ogid=42 nametype=DELETE',
    'type=EOE msg=audit(1.000:20):',
  ]);
  const f = r.fields;
  assert.equal(f['event.action'], 'unlinkat');
  assert.deepEqual(f['event.category'], ['file']);
  assert.deepEqual(f['event.type'], ['deletion']);
  assert.equal(f['event.outcome'], 'failure');
  assert.equal(f['file.path'], '/etc/shadow');
  assert.equal(f['file.name'], 'shadow');
  assert.equal(f['file.mode'], '0640');
  assert.equal(f['file.type'], 'file');
  assert.equal(f['file.gid'], '42');
});

test('connect with a SOCKADDR fills the destination', () => {
  const f = one([
    'type=SYSCALL msg=audit(1.000:30): arch=c000003e syscall=42 success=no exit=-115 pid=7 uid=0 comm="curl" exe="/usr/bin/curl"',
    'type=SOCKADDR msg=audit(1.000:30): saddr=02000050A9FEA9FE0000000000000000',
    'type=EOE msg=audit(1.000:30):',
  ]).fields;
  assert.deepEqual(f['event.category'], ['network']);
  assert.equal(f['destination.ip'], '169.254.169.254');
  assert.equal(f['destination.port'], 80);
  assert.equal(f['source.ip'], undefined);
});

test('a failed ssh login: authentication category, account, remote address', () => {
  const f = one([
    "type=USER_LOGIN msg=audit(1492896301.818:19955): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" hostname=? addr=179.38.151.221 terminal=sshd res=failed'",
  ]).fields;
  assert.deepEqual(f['event.category'], ['authentication', 'session']);
  assert.deepEqual(f['event.type'], ['start']);
  assert.equal(f['event.action'], 'user_login');
  assert.equal(f['event.outcome'], 'failure');
  assert.equal(f['user.name'], '(invalid user)');
  assert.equal(f['user.audit.id'], undefined);
  assert.equal(f['process.user.id'], '0');
  assert.equal(f['source.ip'], '179.38.151.221');
  assert.equal(f['process.executable'], '/usr/sbin/sshd');
});

test('enriched names become user names; node becomes host.name', () => {
  const f = one([
    'node=srv1 type=SYSCALL msg=audit(1.000:40): arch=c000003e syscall=319 success=yes exit=3 pid=9 uid=0 auid=1000 euid=0 gid=0 comm="x" exe="/tmp/x"\x1dARCH=x86_64 SYSCALL=memfd_create AUID="alice" UID="root" EUID="root" GID="root"',
    'type=EOE msg=audit(1.000:40):',
  ]).fields;
  assert.equal(f['host.name'], 'srv1');
  assert.equal(f['user.name'], 'root');
  assert.equal(f['user.audit.name'], 'alice');
  assert.equal(f['event.action'], 'memfd_create');
  assert.deepEqual(f['related.user'], ['root', 'alice']);
});
