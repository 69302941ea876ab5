import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretAuditRecord } from './interpret.js';
import { parseAuditLine, type AuditRecord } from './line-parser.js';
import { decodeSockaddr } from './sockaddr.js';
import { ipv6Text } from '../../core/ipv6-text.js';

function parse(line: string): AuditRecord {
  const r = parseAuditLine(line);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.record;
}

test('header: type, time with milliseconds, serial; node= and syslog prefixes', () => {
  const r = parse('node=web-1 type=CWD msg=audit(1451781471.394:194435): cwd="/root"');
  assert.equal(r.type, 'CWD');
  assert.equal(r.timeMs, 1451781471394);
  assert.equal(r.timestamp, '1451781471.394');
  assert.equal(r.sequence, 194435);
  assert.equal(r.node, 'web-1');
  assert.deepEqual(r.fields, { cwd: '/root' });
  const s = parse('Apr 22 21:25:01 host audispd: node=host type=USER_END msg=audit(1492896301.818:19955): pid=1 res=success');
  assert.equal(s.node, 'host');
  assert.equal(s.fields.res, 'success');
});

test('kernel log form with a numeric type', () => {
  const r = parse('audit: type=1400 audit(1524662933.080:61207): apparmor="DENIED" operation="ptrace" profile="docker-default"');
  assert.equal(r.type, 'AVC');
  assert.equal(r.fields.apparmor, 'DENIED');
  assert.equal(parse('type=1999 msg=audit(1.000:1): x=1').type, 'UNKNOWN[1999]');
});

test('quoted, hex-encoded, bare and nested msg values', () => {
  const r = parse(
    "type=USER_LOGIN msg=audit(1492896301.818:19955): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" hostname=? addr=179.38.151.221 terminal=sshd res=failed'",
  );
  assert.equal(r.fields.acct, '(invalid user)');
  assert.equal(r.fields.exe, '/usr/sbin/sshd');
  assert.equal(r.fields.hostname, '?');
  assert.equal(r.fields.res, 'failed');
  // SYSCALL arguments look like hex but are numbers: never decoded.
  const s = parse('type=SYSCALL msg=audit(1.001:2): arch=c000003e syscall=59 a0=4142 a1=7ffd42eb1590 comm=636174 exe="/bin/cat"');
  assert.equal(s.fields.a0, '4142');
  assert.equal(s.fields.comm, 'cat');
});

test('EXECVE: hex arguments and long arguments split in chunks', () => {
  const r = parse('type=EXECVE msg=audit(1.000:7): argc=3 a0="sh" a1="-c" a2_len=10 a2[0]=6563686F20 a2[1]=68C3A96C6C6F');
  assert.equal(r.fields.a2, 'echo héllo');
  assert.equal(r.fields.argc, '3');
  assert.equal('a2[0]' in r.fields, false);
});

test('PROCTITLE: NUL-separated argv becomes a command line', () => {
  const r = parse('type=PROCTITLE msg=audit(1.000:7): proctitle=2F62696E2F7368002D630069640A');
  assert.equal(r.fields.proctitle, '/bin/sh -c id\n');
});

test('ENRICHED format: interpreted fields after \\x1d', () => {
  const r = parse('type=SYSCALL msg=audit(1.000:9): arch=c000003e syscall=319 success=yes uid=0 auid=1000\x1dARCH=x86_64 SYSCALL=memfd_create AUID="alice" UID="root"');
  assert.deepEqual(r.enriched, { ARCH: 'x86_64', SYSCALL: 'memfd_create', AUID: 'alice', UID: 'root' });
  assert.equal(r.fields.uid, '0');
});

test('SELinux AVC wording and old LOGIN wording', () => {
  const avc = parse('type=AVC msg=audit(1.000:1): avc:  denied  { read write } for  pid=1 comm="x" tclass=file');
  assert.equal(avc.fields.seresult, 'denied');
  assert.equal(avc.fields.seperms, 'read,write');
  const login = parse('type=LOGIN msg=audit(1.000:2): login pid=13015 uid=0 old auid=4294967295 new auid=0');
  assert.equal(login.fields.old_auid, '4294967295');
  assert.equal(login.fields.new_auid, '0');
});

test('bad lines are refused with a reason, never thrown', () => {
  for (const line of ['', 'garbage', 'type=SYSCALL', 'type=UNKNOWN[1329] msg=?', 'type=X msg=audit(abc:1): a=b', 'type=X msg=audit(1.0:): a=b']) {
    const r = parseAuditLine(line);
    assert.equal(r.ok, false, line);
  }
  // Unterminated quotes and stray '=' still parse what they can.
  const r = parse('type=USER_CMD msg=audit(1.000:3): pid=1 cmd="unterminated = x');
  assert.equal(r.fields.pid, '1');
  assert.equal(r.fields.cmd, 'unterminated = x');
  const dup = parse('type=X msg=audit(1.000:4): a=1 a=2');
  assert.equal(dup.fields.a, '1');
  assert.deepEqual(dup.duplicates, ['a']);
});

test('interpretation: result, unset ids, arch, syscall, errno, signal, SELinux contexts, keys', () => {
  const v = interpretAuditRecord(
    parse('type=SYSCALL msg=audit(1.000:5): arch=c00000b7 syscall=221 success=no exit=-2 auid=4294967295 ses=4294967295 subj=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023 key=6B31016B32'),
  );
  assert.equal(v.data.arch, 'aarch64');
  assert.equal(v.data.syscall, 'execve');
  assert.equal(v.data.exit, 'ENOENT');
  assert.equal(v.data.result, 'fail');
  assert.equal(v.data.auid, 'unset');
  assert.equal(v.data.ses, 'unset');
  assert.equal(v.data.subj_category, 'c0.c1023');
  assert.deepEqual(v.keys, ['k1', 'k2']);
  const unknownArch = interpretAuditRecord(parse('type=SYSCALL msg=audit(1.000:6): arch=deadbeef syscall=59'));
  assert.equal(unknownArch.data.arch, 'deadbeef');
  assert.equal(unknownArch.data.syscall, '59');
});

test('sockaddr decoding: ipv4, ipv6, unix path, abstract unix, truncated', () => {
  assert.deepEqual(decodeSockaddr('02000050A9FEA9FE0000000000000000'), { family: 'ipv4', port: 80, addr: '169.254.169.254' });
  assert.deepEqual(decodeSockaddr('0A0001BB00000000200108B8000000000000000000000001000000'.padEnd(56, '0')), {
    family: 'ipv6',
    port: 443,
    addr: '2001:8b8::1',
  });
  assert.deepEqual(decodeSockaddr('01002F746D702F782E736F636B00'), { family: 'unix', path: '/tmp/x.sock' });
  assert.deepEqual(decodeSockaddr('0100006162'), { family: 'unix', path: '@ab' });
  assert.deepEqual(decodeSockaddr('0200'), { family: 'ipv4' });
  assert.equal(decodeSockaddr('zz'), undefined);
  assert.equal(ipv6Text(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1])), '::ffff:10.0.0.1');
});
