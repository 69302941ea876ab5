import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSyslogFrame, decodeSyslogLine, senderIp } from './index.js';

const opts = { receivedAt: Date.UTC(2024, 5, 15), sourceAddress: '192.0.2.50:40000' };

test('header → ECS fields and native record', () => {
  const r = decodeSyslogLine('<86>1 2024-06-01T10:00:00.5+02:00 web01 nginx 77 ACCESS [meta@1 k="v"] GET /', opts);
  assert.equal(r.ts, Date.UTC(2024, 5, 1, 8, 0, 0, 500));
  assert.deepEqual(
    [r.fields['log.syslog.priority'], r.fields['log.syslog.facility.name'], r.fields['log.syslog.severity.name'], r.fields['event.severity']],
    [86, 'authpriv', 'info', 6],
  );
  assert.deepEqual([r.fields['host.name'], r.fields['process.name'], r.fields['process.pid'], r.fields['log.syslog.msgid']], ['web01', 'nginx', 77, 'ACCESS']);
  assert.equal(r.fields['log.source.address'], '192.0.2.50:40000');
  assert.deepEqual(r.native.structured_data, { 'meta@1': { k: 'v' } });
  assert.deepEqual(r.logsource, { product: 'linux', service: 'auth' }, 'authpriv facility');
  const plain = decodeSyslogLine('<14>Jun  1 10:00:00 web01 nginx: hello', opts);
  assert.deepEqual(plain.logsource, { product: 'linux', service: 'syslog' });
  const cron = decodeSyslogLine('<78>Jun  1 10:00:00 web01 CRON[5]: (root) CMD (true)', opts);
  assert.deepEqual(cron.logsource, { product: 'linux', service: 'cron' });
  const custom = decodeSyslogLine('<14>Jun  1 10:00:00 rtr1 %LINK-3-UPDOWN: down', { ...opts, logsource: { product: 'cisco' } });
  assert.deepEqual(custom.logsource, { product: 'cisco' });
});

test('missing hostname falls back to the sender address; keepRaw keeps the line', () => {
  const r = decodeSyslogLine('<13>Jun  1 10:00:00 sshd[1]: hi', { ...opts, keepRaw: true });
  assert.equal(r.fields['host.name'], '192.0.2.50');
  assert.equal(r.fields['log.syslog.hostname'], undefined);
  assert.equal(r.raw, '<13>Jun  1 10:00:00 sshd[1]: hi');
  assert.equal(senderIp('[2001:db8::1]:514'), '2001:db8::1');
  assert.equal(senderIp('2001:db8::1'), '2001:db8::1');
});

test('CEF and LEEF payloads become ECS fields, native keys and a vendor logsource', () => {
  const cef = decodeSyslogLine('<134>Jun  1 10:00:00 fw CEF:0|Fortinet|FortiGate|7.0|13|traffic|3|src=10.0.0.1 dst=8.8.8.8 dpt=53 proto=UDP act=accept rt=Jun 01 2024 09:59:58', opts);
  assert.equal(cef.fields['event.module'], 'cef');
  assert.equal(cef.fields['destination.port'], 53);
  assert.equal(cef.ts, Date.UTC(2024, 5, 1, 9, 59, 58));
  assert.deepEqual(cef.logsource, { product: 'fortinet' });
  assert.equal((cef.native.cef as { extensions: Record<string, string> }).extensions.proto, 'UDP');
  const leef = decodeSyslogLine('<134>Jun  1 10:00:00 qr LEEF:2.0|IBM|QRadar|7|42|^|src=10.0.0.2^devTime=1717236000000', opts);
  assert.equal(leef.fields['source.ip'], '10.0.0.2');
  assert.equal(leef.ts, 1717236000000);
  assert.deepEqual(leef.logsource, { product: 'ibm' });
  const split = decodeSyslogLine('<134>1 2024-06-01T10:00:00Z fw CEF - - - 0|Acme|FW|1|2|n|5|src=10.9.9.9', opts);
  assert.equal(split.fields['source.ip'], '10.9.9.9');
  assert.equal(split.fields['process.name'], undefined);
  const broken = decodeSyslogLine('<134>Jun  1 10:00:00 fw CEF:0|too|short', opts);
  assert.match(broken.warnings![0], /CEF payload not parsed/);
  assert.equal(broken.fields.message, 'CEF:0|too|short');
});

test('frames: invalid UTF-8 becomes U+FFFD with a warning; empty frames are rejected; junk never throws', () => {
  const r = decodeSyslogFrame(Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0x61, 0xc0, 0x80, 0x62]), opts);
  assert.ok(r.ok);
  assert.equal(r.record.fields.message, 'a\uFFFD\uFFFDb');
  assert.equal(r.record.warnings![0], 'invalid UTF-8 replaced with U+FFFD');
  const empty = decodeSyslogFrame(Buffer.from('\r\n'), opts, 3);
  assert.ok(!empty.ok);
  assert.deepEqual(empty.rejected.position, { index: 3 });
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = '<>0123456789 -[]="\\|:CEFLEF.TZ\u00ff\n';
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const len = Math.floor(rand() * 80);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    for (const line of [s, `<13>1 ${s}`, `<13>Jan  1 00:00:00 h sshd[1]: ${s}`, `CEF:0|${s}`, `LEEF:2.0|${s}`]) {
      const out = decodeSyslogFrame(Buffer.from(line, 'latin1'), opts);
      assert.ok(out.ok || out.rejected.reason === 'empty syslog message');
    }
  }
});

test('logsources are shared, frozen, and only known programs name a service', () => {
  const a = decodeSyslogLine('<14>Jun  1 10:00:00 h cron[1]: job ran', opts);
  const b = decodeSyslogLine('<14>Jun  1 10:00:01 h cron[2]: job ran', opts);
  assert.equal(a.logsource, b.logsource);
  assert.ok(Object.isFrozen(a.logsource));
  const sshd = decodeSyslogLine('<38>Jun  1 10:00:00 h sshd[9]: Failed password for root from 192.0.2.1 port 22 ssh2', opts);
  assert.deepEqual(sshd.logsource, { product: 'linux', service: 'sshd' });
  for (const program of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const r = decodeSyslogLine(`<14>Jun  1 10:00:00 h ${program}[1]: hello`, opts);
    assert.deepEqual(r.logsource, { product: 'linux', service: 'syslog' }, program);
  }
});

test('fields and native.syslog are plain objects in insertion order, whatever their pre-sizing', () => {
  const line = '<38>Jun 15 10:00:00 web01 sshd[1234]: Failed password for invalid user admin from 198.51.100.7 port 2222 ssh2';
  const r = decodeSyslogLine(line, opts);
  for (const o of [r.fields, r.native.syslog as object]) assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.deepEqual(Object.keys(r.fields), [
    'event.kind', 'event.module', 'event.dataset', 'message', 'log.syslog.priority', 'log.syslog.facility.code',
    'log.syslog.facility.name', 'log.syslog.severity.code', 'log.syslog.severity.name', 'log.level', 'event.severity',
    'log.syslog.appname', 'process.name', 'log.syslog.procid', 'process.pid', 'host.name', 'log.syslog.hostname',
    'log.source.address', 'event.category', 'event.type', 'event.outcome', 'event.action', 'user.name', 'related.user',
    'user.auth.method', 'event.reason', 'source.address', 'source.ip', 'related.ip', 'source.port',
  ]);
  assert.deepEqual(Object.keys(r.native), ['syslog', 'message', 'auth']);
  assert.deepEqual(r.native.syslog, { format: 'rfc3164', priority: 38, facility: 4, severity: 6, timestamp: 'Jun 15 10:00:00', hostname: 'web01', app_name: 'sshd', procid: '1234' });
  assert.equal(JSON.stringify(Object.keys(r.native.syslog as object)), '["format","priority","facility","severity","timestamp","hostname","app_name","procid"]');
  // More keys than the pre-sized room (40) still land, in order.
  const ext = 'src=10.0.0.1 dst=10.0.0.2 spt=1 dpt=2 proto=TCP act=a app=HTTP dhost=d.example shost=s.example suser=u duser=v in=1 out=2 fsize=3 ' +
    'request=/x requestMethod=GET fname=f filePath=/f dvc=10.0.0.3 dvchost=h externalId=e reason=r dtz=UTC smac=m dmac=n dpid=4 dproc=p ' +
    'deviceDirection=0 destinationTranslatedAddress=10.0.0.4 destinationTranslatedPort=5 sourceTranslatedAddress=10.0.0.5 sourceTranslatedPort=6 ' +
    'suid=7 duid=8 dvcmac=o deviceInboundInterface=i deviceOutboundInterface=j requestClientApplication=ua outcome=success';
  const cef = decodeSyslogLine(`<134>1 2024-06-15T10:00:00Z fw01 fwlog 77 ID1 - CEF:0|Acme|FW|1.0|600|blocked|5|${ext}`, opts);
  const keys = Object.keys(cef.fields);
  assert.ok(keys.length > 40, `${keys.length} keys`);
  assert.deepEqual(keys.slice(0, 4), ['event.kind', 'event.module', 'event.dataset', 'message']);
  assert.deepEqual(keys.slice(-4), ['user_agent.original', 'event.outcome', 'related.ip', 'related.user']);
  assert.deepEqual([cef.fields['source.ip'], cef.fields['event.outcome'], cef.fields['related.user']], ['10.0.0.1', 'success', ['u', 'v']]);
  assert.equal(Object.getPrototypeOf(cef.fields), Object.prototype);
});
