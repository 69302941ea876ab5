import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldValue } from '../../core/index.js';
import { classifyLinuxAuth, PeerMemory } from './index.js';

function c(program: string | undefined, message: string): Record<string, FieldValue> | undefined {
  const r = classifyLinuxAuth({ program, message });
  return r && { ...r.fields, service: r.service };
}

test('sshd: accepted, failed, invalid user, methods, ports, IPv4-mapped addresses', () => {
  assert.deepEqual(
    c('sshd', 'Accepted publickey for alice from ::ffff:192.0.2.9 port 50000 ssh2: ED25519 SHA256:abc'),
    {
      'event.kind': 'event', 'event.module': 'linux', 'event.dataset': 'linux.auth', 'event.category': ['authentication'], 'event.type': ['start'],
      'event.outcome': 'success', 'event.action': 'ssh_login', 'user.name': 'alice', 'related.user': ['alice'], 'user.auth.method': 'publickey',
      'source.address': '192.0.2.9', 'source.ip': '192.0.2.9', 'related.ip': ['192.0.2.9'], 'source.port': 50000, service: 'sshd',
    },
  );
  const kbd = c('sshd-session', 'Failed keyboard-interactive/pam for invalid user oracle from 2001:db8::5 port 48856 ssh2')!;
  assert.deepEqual([kbd['event.outcome'], kbd['user.auth.method'], kbd['user.name'], kbd['event.reason'], kbd['source.ip']], ['failure', 'keyboard-interactive', 'oracle', 'invalid user', '2001:db8::5']);
  const dns = c('/usr/sbin/sshd', 'error: PAM: Authentication failure for bob from host.example.com')!;
  assert.deepEqual([dns['source.domain'], dns['source.ip'], dns['user.name']], ['host.example.com', undefined, 'bob']);
  assert.deepEqual(c('sshd', 'Received disconnect from 192.0.2.1 port 5000:11: disconnected by user')!['event.category'], ['session']);
  assert.equal(c('sshd', 'Server listening on 0.0.0.0 port 22.'), undefined);
});

test('PAM: auth failures, sessions, su/sudo services and injection-resistant rhost', () => {
  const f = c('sshd', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.4  user=root')!;
  assert.deepEqual([f['event.action'], f['user.name'], f['source.ip'], f['user.auth.method']], ['pam_authentication_failure', 'root', '203.0.113.4', 'pam']);
  const su = c('su', 'pam_unix(su:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=root')!;
  assert.deepEqual([su['user.name'], su['user.effective.name'], su['source.address'], su.service], ['alice', 'root', undefined, 'auth']);
  const open = c('su', 'pam_unix(su-l:session): session opened for user root(uid=0) by alice(uid=1000)')!;
  assert.deepEqual([open['event.category'], open['event.type'], open['user.name'], open['user.effective.name']], [['session'], ['start'], 'alice', 'root']);
  const cron = c('CRON', 'pam_unix(cron:session): session closed for user root')!;
  assert.deepEqual([cron['event.action'], cron['user.name'], cron.service], ['session_closed', 'root', 'auth']);
  const inj = c('daemon', 'pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser=test rhost=192.0.2.151 rhost=192.0.2.1')!;
  assert.deepEqual([inj['source.ip'], inj['user.name']], ['192.0.2.1', 'test rhost=192.0.2.151']);
});

test('sudo: commands run, wrong passwords, not in sudoers', () => {
  const ok = c('sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt update')!;
  assert.deepEqual(
    [ok['event.category'], ok['event.outcome'], ok['user.name'], ok['user.effective.name'], ok['process.command_line'], ok['process.working_directory'], ok.service],
    [['process'], 'success', 'alice', 'root', '/usr/bin/apt update', '/home/alice', 'sudo'],
  );
  const bad = c('sudo', 'alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/sh')!;
  assert.deepEqual([bad['event.category'], bad['event.outcome'], bad['event.action']], [['authentication'], 'failure', 'sudo_auth_failure']);
  const denied = c('sudo', 'mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/cat /etc/shadow')!;
  assert.deepEqual([denied['event.action'], denied['event.outcome'], denied['event.reason']], ['sudo_command_denied', 'failure', 'user NOT in sudoers']);
});

test('su and login messages', () => {
  assert.deepEqual(
    [c('su', 'FAILED su for root by alice')!['event.outcome'], c('su', 'Successful su for root by alice')!['user.effective.name']],
    ['failure', 'root'],
  );
  const ul = c('su', 'FAILED SU (to root) alice on pts/0')!;
  assert.deepEqual([ul['event.outcome'], ul['user.name']], ['failure', 'alice']);
  assert.equal(c('su', '+ pts/0 alice:root')!['event.outcome'], 'success');
  const login = c('login', "FAILED LOGIN (1) on '/dev/tty1' FOR 'root', Authentication failure")!;
  assert.deepEqual([login['event.outcome'], login['user.name'], login['event.reason']], ['failure', 'root', 'Authentication failure']);
  const remote = c('login', 'FAILED LOGIN 2 FROM 192.0.2.3 FOR bob, Authentication failure')!;
  assert.equal(remote['source.ip'], '192.0.2.3');
  assert.equal(c('login', 'ROOT LOGIN  on tty1')!['user.name'], 'root');
});

test('dropbear, vsftpd, xrdp and audit records', () => {
  const d = c('dropbear', "Bad password attempt for 'root' from ::ffff:198.51.100.215:60495")!;
  assert.deepEqual([d['source.ip'], d['source.port'], d['user.name']], ['198.51.100.215', 60495, 'root']);
  assert.equal(c('dropbear', "Pubkey auth succeeded for 'root' with key sha1!! 00:11 from 192.0.2.1:2222")!['event.outcome'], 'success');
  const v = c(undefined, '[pid 3] [ftpuser] OK LOGIN: Client "192.0.2.8"')!;
  assert.deepEqual([v['event.outcome'], v['user.name'], v['source.ip']], ['success', 'ftpuser', '192.0.2.8']);
  const x = c('xrdp-sesman', '[INFO ] AUTHFAIL: user=bob ip=::ffff:10.1.1.1 time=1649351466')!;
  assert.deepEqual([x['event.action'], x['source.ip']], ['rdp_login', '10.1.1.1']);
  const a = classifyLinuxAuth({ message: "node=h1 type=USER_LOGIN msg=audit(1700000000.123:77): pid=1 uid=0 auid=1000 ses=3 msg='op=login id=1000 exe=\"/usr/sbin/sshd\" hostname=192.0.2.4 addr=192.0.2.4 terminal=ssh res=success'" })!;
  assert.equal(a.ts, 1700000000123);
  assert.equal(a.service, 'auditd');
  assert.deepEqual([a.fields['event.outcome'], a.fields['source.ip'], a.fields['event.type']], ['success', '192.0.2.4', ['start']]);
  assert.equal(c('sshd', 'x'.repeat(5000)), undefined, 'over-long messages are not classified');
});

test('PeerMemory: address-less sshd lines take the peer an earlier line of the same pid named', () => {
  const memory = new PeerMemory(2);
  const at = (message: string, pid: string, host = 'srv') => classifyLinuxAuth({ program: 'sshd', message, pid, host, memory })!;
  at('Connection from 192.0.2.10 port 62004 on 192.0.2.1 port 22', '10');
  const kex = at('error: kex_exchange_identification: Connection closed by remote host', '10');
  assert.deepEqual([kex.fields['source.ip'], kex.fields['source.port'], kex.details.source_from], ['192.0.2.10', 62004, 'earlier line of the same sshd process']);
  assert.equal(at('Disconnecting: Too many authentication failures [preauth]', '10', 'other-host').fields['source.ip'], undefined, 'keyed by host');
  assert.equal(at('Disconnecting: Too many authentication failures [preauth]', '11').fields['source.ip'], undefined, 'keyed by pid');
  at('Connection from 192.0.2.11 port 1 on 192.0.2.1 port 22', '12');
  at('Connection from 192.0.2.12 port 1 on 192.0.2.1 port 22', '13');
  assert.equal(memory.size, 2, 'bounded');
  assert.equal(at('Disconnecting: Too many authentication failures [preauth]', '10').fields['source.ip'], undefined, 'oldest forgotten');
  const noMemory = classifyLinuxAuth({ program: 'sshd', message: 'fatal: Unable to negotiate a key exchange method [preauth]', pid: '12' })!;
  assert.equal(noMemory.fields['source.ip'], undefined);
});
