import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cefToEcs, findCefStart, parseCef } from './index.js';

const parseTime = (t: string): number | undefined => (/^\d{13}$/.test(t) ? Number(t) : undefined);

test('CEF header escapes and extension values with spaces, escapes and unescaped "="', () => {
  const r = parseCef('CEF:0|Sec\\|urity|threat\\\\manager|1.0|100|detected a \\| in message|10|src=10.0.0.1 act=blocked a \\= dst=1.1.1.1 msg=line1\\nline2 request=http://x/?a=b&c=d cs1Label=Rule cs1=Block all ');
  assert.ok(r.ok);
  const rec = r.record;
  assert.equal(rec.deviceVendor, 'Sec|urity');
  assert.equal(rec.deviceProduct, 'threat\\manager');
  assert.equal(rec.name, 'detected a | in message');
  assert.deepEqual(rec.extensions, {
    src: '10.0.0.1', act: 'blocked a =', dst: '1.1.1.1', msg: 'line1\nline2', request: 'http://x/?a=b&c=d', cs1Label: 'Rule', cs1: 'Block all',
  });
  const m = cefToEcs(rec, { parseTime });
  assert.equal(m.fields['event.action'], 'blocked a =');
  assert.equal(m.fields['source.ip'], '10.0.0.1');
  assert.equal(m.fields['url.full'], 'http://x/?a=b&c=d');
  assert.equal(m.fields.message, 'line1\nline2');
  assert.equal(m.fields['event.severity'], 10);
  assert.deepEqual(m.custom, { Rule: 'Block all' });
  assert.deepEqual(m.fields['related.ip'], ['10.0.0.1', '1.1.1.1']);
});

test('CEF mapping: full key names, types checked, rt as event time, bad values warned', () => {
  const r = parseCef('CEF:1|V|P|1|sig|name|High|sourceAddress=2001:db8::1 destinationPort=70000 spt=443 suser=alice rt=1700000000000 outcome=Failure proto=TCP deviceDirection=1 in=12 dst=not-an-ip');
  assert.ok(r.ok);
  const m = cefToEcs(r.record, { parseTime });
  assert.equal(m.fields['source.ip'], '2001:db8::1');
  assert.equal(m.fields['source.port'], 443);
  assert.equal(m.fields['destination.port'], undefined);
  assert.equal(m.fields['destination.ip'], undefined);
  assert.equal(m.fields['source.user.name'], 'alice');
  assert.equal(m.fields['event.outcome'], 'failure');
  assert.equal(m.fields['network.transport'], 'tcp');
  assert.equal(m.fields['network.direction'], 'outbound');
  assert.equal(m.fields['source.bytes'], 12);
  assert.equal(m.fields['event.severity'], undefined, 'string severities are kept in native only');
  assert.equal(m.ts, 1700000000000);
  assert.equal(m.warnings.length, 2);
});

test('CEF: malformed input is an error, never a throw; CEF is found after a prefix', () => {
  for (const bad of ['CEF:0|only|three', 'CEF:x|a|b|c|d|e|f|', 'nothing', 'CEF:0|a|b|c|d|e|f']) assert.equal(parseCef(bad).ok, false, bad);
  const empty = parseCef('CEF:0|a|b|c|d|e|f|');
  assert.ok(empty.ok && Object.keys(empty.record.extensions).length === 0);
  assert.equal(findCefStart('Sep 19 08:26:10 host CEF:0|x'), 21);
  assert.equal(findCefStart('xCEF:0|x'), -1);
  const proto = parseCef('CEF:0|a|b|c|d|e|f|__proto__=x constructor=y');
  assert.ok(proto.ok);
  assert.equal(({} as Record<string, unknown>).x, undefined);
  assert.equal(Object.getOwnPropertyDescriptor(proto.record.extensions, '__proto__')?.value, 'x');
});
