import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapZeekRecord, mappedZeekLogs } from './ecs-map.js';
import type { ZeekValue } from './record.js';

const TUPLE = { uid: 'CAbc', 'id.orig_h': '10.0.0.5', 'id.orig_p': 50000, 'id.resp_h': '192.0.2.7', 'id.resp_p': 443 };

function map(path: string, fields: Record<string, ZeekValue>) {
  return mapZeekRecord({ path, fields: { ts: 1700000000.5, ...fields } });
}

test('the standard logs have mappings', () => {
  const logs = mappedZeekLogs();
  for (const log of ['conn', 'dns', 'http', 'ssl', 'x509', 'files', 'notice', 'weird', 'ssh', 'smtp', 'dhcp', 'rdp', 'smb_files', 'smb_mapping', 'kerberos', 'ntlm', 'software', 'dpd', 'tunnel', 'dce_rpc', 'ftp', 'sip', 'snmp', 'intel']) {
    assert.ok(logs.includes(log), log);
  }
});

test('common columns, timestamp, dataset, logsource and native', () => {
  const r = map('conn', { ...TUPLE, proto: 'tcp', community_id: '1:abc=', service: 'ssl', orig_bytes: 100, resp_bytes: 2000, orig_pkts: 3, resp_pkts: 4, duration: 1.5, local_orig: true, local_resp: false, conn_state: 'SF' });
  assert.equal(r.ts, 1700000000500);
  assert.deepEqual(r.logsource, { product: 'zeek', service: 'conn' });
  assert.equal(r.native['id.orig_h'], '10.0.0.5');
  assert.equal(r.native.conn_state, 'SF');
  const f = r.fields;
  assert.equal(f['event.dataset'], 'zeek.conn');
  assert.equal(f['event.module'], 'zeek');
  assert.deepEqual(f['event.category'], ['network']);
  assert.equal(f['source.ip'], '10.0.0.5');
  assert.equal(f['source.port'], 50000);
  assert.equal(f['destination.ip'], '192.0.2.7');
  assert.equal(f['destination.port'], 443);
  assert.equal(f['network.transport'], 'tcp');
  assert.equal(f['network.protocol'], 'ssl');
  assert.equal(f['network.community_id'], '1:abc=');
  assert.equal(f['network.bytes'], 2100);
  assert.equal(f['network.packets'], 7);
  assert.equal(f['network.direction'], 'outbound');
  assert.equal(f['network.type'], 'ipv4');
  assert.equal(f['event.duration'], 1500000000);
  assert.equal(f['zeek.session_id'], 'CAbc');
  assert.deepEqual(f['related.ip'], ['10.0.0.5', '192.0.2.7']);
});

test('dns', () => {
  const f = map('dns', { ...TUPLE, query: 'example.org', qtype_name: 'A', rcode: 0, rcode_name: 'NOERROR', AA: false, RD: true, answers: ['example.org.cdn', '93.184.216.34', '2001:db8::1'], TTLs: [60, 60, 60], trans_id: 42 }).fields;
  assert.equal(f['dns.question.name'], 'example.org');
  assert.equal(f['dns.question.type'], 'A');
  assert.equal(f['dns.response_code'], 'NOERROR');
  assert.equal(f['dns.id'], '42');
  assert.equal(f['dns.type'], 'answer');
  assert.deepEqual(f['dns.header_flags'], ['RD']);
  assert.deepEqual(f['dns.resolved_ip'], ['93.184.216.34', '2001:db8::1']);
  assert.equal(f['network.protocol'], 'dns');
});

test('http builds url.* from host and uri', () => {
  const f = map('http', { ...TUPLE, 'id.resp_p': 8080, method: 'GET', host: 'example.org', uri: '/a/b?x=1', status_code: 200, user_agent: 'curl/8', resp_mime_types: ['text/html'], username: 'bob' }).fields;
  assert.equal(f['url.full'], 'http://example.org:8080/a/b?x=1');
  assert.equal(f['url.path'], '/a/b');
  assert.equal(f['url.query'], 'x=1');
  assert.equal(f['url.domain'], 'example.org');
  assert.equal(f['http.request.method'], 'GET');
  assert.equal(f['http.response.status_code'], 200);
  assert.equal(f['http.response.mime_type'], 'text/html');
  assert.equal(f['user_agent.original'], 'curl/8');
  assert.deepEqual(f['related.user'], ['bob']);
});

test('ssl and x509', () => {
  const s = map('ssl', { ...TUPLE, version: 'TLSv12', cipher: 'TLS_AES', server_name: 'example.org', established: true, ja3: 'abc' }).fields;
  assert.equal(s['tls.version'], '1.2');
  assert.equal(s['tls.version_protocol'], 'tls');
  assert.equal(s['tls.client.server_name'], 'example.org');
  assert.equal(s['tls.client.ja3'], 'abc');
  const x = map('x509', { fingerprint: 'ff', 'certificate.not_valid_after': 1700000000, 'san.dns': ['a', 'b'] }).fields;
  assert.equal(x['file.x509.not_after'], '2023-11-14T22:13:20.000Z');
  assert.deepEqual(x['file.x509.alternative_names'], ['a', 'b']);
  assert.equal(x['source.ip'], undefined);
});

test('authentication logs: kerberos, ntlm, ssh, rdp', () => {
  const k = map('kerberos', { ...TUPLE, request_type: 'TGS', client: 'alice/admin@CORP.EXAMPLE', success: false, error_msg: 'KDC_ERR_PREAUTH_FAILED', service: 'krbtgt/CORP' }).fields;
  assert.equal(k['user.name'], 'alice/admin');
  assert.equal(k['user.domain'], 'CORP.EXAMPLE');
  assert.equal(k['event.outcome'], 'failure');
  assert.deepEqual(k['event.category'], ['network', 'authentication']);
  const n = map('ntlm', { ...TUPLE, username: 'bob', domainname: 'CORP', success: true }).fields;
  assert.equal(n['user.domain'], 'CORP');
  assert.equal(n['event.outcome'], 'success');
  assert.equal(map('ssh', { ...TUPLE, auth_success: false }).fields['event.outcome'], 'failure');
  assert.equal(map('rdp', { ...TUPLE, cookie: 'admin', result: 'Success' }).fields['event.outcome'], 'success');
});

test('smb_files joins share and name into file.path', () => {
  const f = map('smb_files', { ...TUPLE, action: 'SMB::FILE_OPEN', path: '\\\\SRV\\C$', name: 'Windows\\Temp\\x.exe', size: 10, 'times.modified': 1600000000 }).fields;
  assert.equal(f['file.path'], '\\\\SRV\\C$\\Windows\\Temp\\x.exe');
  assert.equal(f['file.name'], 'x.exe');
  assert.equal(f['event.action'], 'smb::file_open');
  assert.equal(f['file.mtime'], '2020-09-13T12:26:40.000Z');
});

test('notice and weird; dhcp takes the last message type', () => {
  const n = map('notice', { ...TUPLE, note: 'Scan::Port_Scan', msg: 'scan', src: '10.0.0.9', actions: ['Notice::ACTION_LOG'] }).fields;
  assert.equal(n['event.kind'], 'alert');
  assert.equal(n['rule.name'], 'Scan::Port_Scan');
  assert.equal(n['message'], 'scan');
  assert.equal(n['source.ip'], '10.0.0.9');
  assert.equal(map('weird', { name: 'bad_HTTP_request' }).fields['event.action'], 'bad_HTTP_request');
  const d = map('dhcp', { mac: '00:0c:29:ab:cd:ef', msg_types: ['DISCOVER', 'OFFER', 'REQUEST', 'ACK'], assigned_addr: '10.0.0.77' }).fields;
  assert.equal(d['event.action'], 'ack');
  assert.equal(d['source.mac'], '00-0C-29-AB-CD-EF');
  assert.deepEqual(d['related.ip'], ['10.0.0.77']);
});

test('an unknown log gets the common mapping; a record without ts gets a warning', () => {
  const r = mapZeekRecord({ path: 'my_package', fields: { ...TUPLE } });
  assert.equal(r.fields['event.dataset'], 'zeek.my_package');
  assert.deepEqual(r.fields['event.category'], ['network']);
  assert.equal(r.ts, undefined);
  assert.deepEqual(r.warnings, ['record has no ts field']);
});
