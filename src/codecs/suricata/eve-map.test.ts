import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEveLines } from './decoder.js';
import { mapEveRecord } from './eve-map.js';
import { parseEveTimestamp } from './eve-time.js';
import type { EveRecord } from './eve-rules.js';

const BASE = {
  timestamp: '2023-09-18T06:13:41.532140+0000',
  flow_id: 1676750115612680,
  src_ip: '142.11.240.191',
  src_port: 35361,
  dest_ip: '192.168.100.237',
  dest_port: 49175,
  proto: 'TCP',
};

function fields(rec: EveRecord) {
  const r = mapEveRecord({ ...BASE, ...rec });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.record.fields;
}

test('timestamps keep microseconds and honour the zone', () => {
  assert.equal(parseEveTimestamp('2023-09-18T06:13:41.532140+0000'), Date.UTC(2023, 8, 18, 6, 13, 41) + 532.14);
  assert.equal(parseEveTimestamp('2017-04-07T22:24:37.251547+0100'), Date.UTC(2017, 3, 7, 21, 24, 37) + 251.547);
  assert.equal(parseEveTimestamp('2009-11-24T21:27:09.534255'), Date.UTC(2009, 10, 24, 21, 27, 9) + 534.255);
  assert.equal(parseEveTimestamp('2009-13-24T21:27:09'), undefined);
  assert.equal(parseEveTimestamp('yesterday'), undefined);
});

test('alert: rule, severity, action, ATT&CK from metadata, ride-along http', () => {
  const f = fields({
    event_type: 'alert',
    app_proto: 'http',
    ether: { src_mac: '52:54:00:36:3e:ff', dest_mac: '12:a9:86:6c:77:de' },
    alert: {
      action: 'blocked',
      gid: 1,
      signature_id: 2045001,
      rev: 1,
      signature: 'ET ATTACK_RESPONSE Win32/LeftHook Stealer',
      category: 'A Network Trojan was detected',
      severity: 1,
      metadata: { mitre_tactic_id: ['TA0011'], mitre_technique_id: ['T1071'], mitre_technique_name: ['Application_Layer_Protocol'] },
    },
    http: { hostname: 'evil.example', url: '/c2?id=1', http_method: 'POST', status: 200 },
  });
  assert.equal(f['event.kind'], 'alert');
  assert.deepEqual(f['event.category'], ['network', 'intrusion_detection']);
  assert.deepEqual(f['event.type'], ['denied']);
  assert.equal(f['event.action'], 'blocked');
  assert.equal(f['rule.id'], '2045001');
  assert.equal(f['rule.name'], 'ET ATTACK_RESPONSE Win32/LeftHook Stealer');
  assert.equal(f['rule.category'], 'A Network Trojan was detected');
  assert.equal(f['event.severity'], 1);
  assert.deepEqual(f['threat.tactic.id'], ['TA0011']);
  assert.deepEqual(f['threat.technique.id'], ['T1071']);
  assert.equal(f['threat.framework'], 'MITRE ATT&CK');
  assert.equal(f['source.mac'], '52-54-00-36-3E-FF');
  assert.equal(f['url.full'], 'http://evil.example/c2?id=1');
  assert.equal(f['http.request.method'], 'POST');
  assert.equal(f['network.protocol'], 'http');
  assert.equal(f['suricata.eve.flow_id'], '1676750115612680');
});

test('flow: bytes, packets, duration', () => {
  const f = fields({
    event_type: 'flow',
    flow: {
      pkts_toserver: 5,
      pkts_toclient: 4,
      bytes_toserver: 500,
      bytes_toclient: 4000,
      start: '2023-09-18T06:13:21.216460+0000',
      end: '2023-09-18T06:13:22.716460+0000',
      state: 'closed',
      reason: 'timeout',
    },
  });
  assert.equal(f['network.bytes'], 4500);
  assert.equal(f['network.packets'], 9);
  assert.equal(f['source.bytes'], 500);
  assert.equal(f['destination.bytes'], 4000);
  assert.equal(f['event.duration'], 1500000000);
  assert.equal(f['event.start'], '2023-09-18T06:13:21.216Z');
  assert.equal(f['event.reason'], 'timeout');
});

test('dns: v2 answer with detailed answers and v3 grouped answers', () => {
  const v2 = fields({
    event_type: 'dns',
    proto: 'UDP',
    dns: {
      version: 2,
      type: 'answer',
      id: 45444,
      rrname: 'www.suricata.io',
      rrtype: 'A',
      rcode: 'NOERROR',
      rd: true,
      ra: true,
      answers: [
        { rrname: 'www.suricata.io', rrtype: 'CNAME', ttl: 3324, rdata: 'suricata.io' },
        { rrname: 'suricata.io', rrtype: 'A', ttl: 10, rdata: '192.0.78.24' },
      ],
    },
  });
  assert.equal(v2['dns.question.name'], 'www.suricata.io');
  assert.equal(v2['dns.type'], 'answer');
  assert.equal(v2['dns.response_code'], 'NOERROR');
  assert.deepEqual(v2['dns.header_flags'], ['RD', 'RA']);
  assert.deepEqual(v2['dns.answers.data'], ['suricata.io', '192.0.78.24']);
  assert.deepEqual(v2['dns.resolved_ip'], ['192.0.78.24']);
  assert.equal(v2['network.transport'], 'udp');
  const v3 = fields({
    event_type: 'dns',
    dns: { version: 3, type: 'request', id: 1, queries: [{ rrname: 'twitter.com', rrtype: 'A' }], grouped: { A: ['1.2.3.4'], CNAME: ['x.example'] } },
  });
  assert.equal(v3['dns.question.name'], 'twitter.com');
  assert.equal(v3['dns.question.type'], 'A');
  assert.equal(v3['dns.type'], 'query');
  assert.deepEqual(v3['dns.resolved_ip'], ['1.2.3.4']);
  assert.deepEqual(v3['related.ip'], ['1.2.3.4', '142.11.240.191', '192.168.100.237']);
});

test('tls: version, certificate fields, ja3', () => {
  const f = fields({
    event_type: 'tls',
    tls: {
      subject: 'CN=*.google.com',
      issuerdn: 'CN=Google Internet Authority G2',
      serial: '0C:00:99:B7',
      fingerprint: '8f:51:12:06',
      sni: 'calendar.google.com',
      version: 'TLS 1.2',
      notbefore: '2017-01-04T10:48:43',
      notafter: '2017-03-29T10:18:00',
      ja3: { hash: 'e7d705a3286e19ea42f587b344ee6865', string: '771,...' },
    },
  });
  assert.equal(f['tls.version'], '1.2');
  assert.equal(f['tls.version_protocol'], 'tls');
  assert.equal(f['tls.server.hash.sha1'], '8F511206');
  assert.equal(f['tls.server.x509.serial_number'], '0C0099B7');
  assert.equal(f['tls.server.not_before'], '2017-01-04T10:48:43.000Z');
  assert.equal(f['tls.client.ja3'], 'e7d705a3286e19ea42f587b344ee6865');
  assert.equal(f['destination.domain'], 'calendar.google.com');
});

test('authentication-bearing protocols: smb, krb5, mqtt', () => {
  const smb = fields({ event_type: 'smb', smb: { command: 'SMB2_COMMAND_CREATE', status: 'STATUS_SUCCESS', filename: 'Windows\\Temp\\x.exe', share: '\\\\DC01\\C$', ntlmssp: { user: 'bob', domain: 'CORP', host: 'WS1' } } });
  assert.equal(smb['file.path'], '\\\\DC01\\C$\\Windows\\Temp\\x.exe');
  assert.equal(smb['file.name'], 'x.exe');
  assert.equal(smb['user.name'], 'bob');
  assert.equal(smb['user.domain'], 'CORP');
  assert.equal(smb['event.outcome'], 'success');
  const krb = fields({ event_type: 'krb5', krb5: { msg_type: 'KRB_ERROR', failed_request: 'KRB_AS_REQ', error_code: 'KDC_ERR_PREAUTH_FAILED', cname: 'robin', realm: 'CYLERA.LAB' } });
  assert.equal(krb['event.outcome'], 'failure');
  assert.equal(krb['event.reason'], 'KDC_ERR_PREAUTH_FAILED');
  assert.deepEqual(krb['event.category'], ['network', 'authentication']);
  const mqtt = fields({ event_type: 'mqtt', mqtt: { connect: { username: 'dev', client_id: 'c1' } } });
  assert.equal(mqtt['event.action'], 'connect');
  assert.equal(mqtt['user.name'], 'dev');
});

test('bad lines are rejected with their line number and the rest continues', () => {
  const out = decodeEveLines([
    '{"timestamp":"2023-09-18T06:13:41.532140+0000","event_type":"anomaly","anomaly":{"type":"decode","event":"ipv4.trunc_pkt"}}',
    'not json',
    '["array"]',
    '{"event_type":"flow"}',
    '{"timestamp":"2023-09-18T06:13:41.532140+0000"}',
    '',
    '{"timestamp":"2023-09-18T06:13:41.532140+0000","event_type":"brand_new_type","src_ip":"10.0.0.1"}',
  ]);
  assert.equal(out.length, 6);
  assert.ok(out[0].ok && out[0].record.fields['event.action'] === 'ipv4.trunc_pkt');
  const reasons = out.slice(1, 5).map((r) => (r.ok ? 'ok' : `${r.rejected.position.line}: ${r.rejected.reason}`));
  assert.match(reasons[0], /^2: invalid JSON/);
  assert.equal(reasons[1], '3: an EVE line must be a JSON object');
  assert.match(reasons[2], /^4: invalid or missing 'timestamp'/);
  assert.equal(reasons[3], "5: missing 'event_type'");
  const unknown = out[5];
  assert.ok(unknown.ok);
  assert.equal(unknown.record.fields['source.ip'], '10.0.0.1');
  assert.deepEqual(unknown.record.warnings, ["no ECS mapping for event_type 'brand_new_type'; common fields only"]);
});
