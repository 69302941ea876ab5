import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leefToEcs, parseJavaDate, parseLeef, readDelimiter } from './index.js';

const parseTime = (t: string): number | undefined => (/^\d{13}$/.test(t) ? Number(t) : undefined);

test('LEEF 1.0 with TAB delimiters and predefined attributes', () => {
  const r = parseLeef('LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black\turl=https://a/b?c=d');
  assert.ok(r.ok);
  assert.equal(r.record.eventId, '15345');
  const m = leefToEcs(r.record, { parseTime });
  assert.deepEqual(
    [m.fields['source.ip'], m.fields['destination.ip'], m.fields['event.severity'], m.fields['source.port'], m.fields['destination.port'], m.fields['user.name'], m.fields['url.full']],
    ['192.0.2.0', '172.50.123.1', 5, 81, 21, 'joe.black', 'https://a/b?c=d'],
  );
  assert.equal(m.fields['observer.product'], 'MSExchange');
});

test('LEEF 2.0 custom delimiters: character, hex forms, escaped delimiter in a value', () => {
  const caret = parseLeef('LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^srcPort=81^dstPort=21^msg=a\\^b');
  assert.ok(caret.ok);
  assert.equal(caret.record.delimiter, '^');
  assert.equal(caret.record.attributes.msg, 'a^b');
  const hex = parseLeef('LEEF:2.0|V|P|1|E|0x7C|src=10.0.0.1|dst=10.0.0.2');
  assert.ok(hex.ok);
  assert.deepEqual(hex.record.attributes, { src: '10.0.0.1', dst: '10.0.0.2' });
  assert.equal(readDelimiter('x09'), '\t');
  assert.equal(readDelimiter(''), '\t');
  assert.equal(readDelimiter('zz'), undefined);
  const missing = parseLeef('LEEF:2.0|V|P|1|E|src=10.0.0.1\tdst=10.0.0.2');
  assert.ok(missing.ok);
  assert.equal(missing.record.attributes.dst, '10.0.0.2');
  assert.match(missing.warnings[0], /without a delimiter field/);
});

test('LEEF 1.0 sent with spaces instead of TABs is still split, with a warning', () => {
  const r = parseLeef('LEEF:1.0|V|P|1|E|src=10.0.0.1 dst=10.0.0.2 usrName=a b');
  assert.ok(r.ok);
  assert.deepEqual(r.record.attributes, { src: '10.0.0.1', dst: '10.0.0.2', usrName: 'a b' });
  assert.match(r.warnings[0], /not TAB-separated/);
});

test('LEEF devTime with devTimeFormat (Java pattern), and bad input', () => {
  const r = parseLeef('LEEF:2.0|V|P|1|E||devTime=Jan 18 2019 11:07:53.520 +0100\tdevTimeFormat=MMM dd yyyy HH:mm:ss.SSS Z\tproto=6');
  assert.ok(r.ok);
  const m = leefToEcs(r.record, { parseTime });
  assert.equal(m.ts, Date.UTC(2019, 0, 18, 10, 7, 53, 520));
  assert.equal(m.fields['network.transport'], 'tcp');
  assert.equal(parseJavaDate('2019-01-18 11:07:53', "yyyy-MM-dd HH:mm:ss", 'Europe/Zurich'), Date.UTC(2019, 0, 18, 10, 7, 53));
  assert.equal(parseJavaDate('01/18/19 11:07 PM', 'MM/dd/yy hh:mm a'), Date.UTC(2019, 0, 18, 23, 7));
  assert.equal(parseJavaDate('nonsense', 'yyyy'), undefined);
  assert.equal(parseJavaDate('2019', "yyyy 'unterminated"), undefined);
  const badRecord = parseLeef('LEEF:1.0|V|P|1|E|devTime=yesterday\tsrc=999.1.1.1');
  assert.ok(badRecord.ok);
  const bad = leefToEcs(badRecord.record, { parseTime });
  assert.equal(bad.ts, undefined);
  assert.equal(bad.fields['source.ip'], undefined);
  assert.equal(bad.warnings.length, 2);
  assert.equal(parseLeef('LEEF:1.0|V|P').ok, false);
  assert.equal(parseLeef('LEF:1.0|V|P|1|E|').ok, false);
});

test('LEEF proto values named like Object.prototype members are names, not lookups', () => {
  for (const proto of ['constructor', 'toString', '__proto__']) {
    const r = parseLeef(`LEEF:1.0|V|P|1|E|proto=${proto}`);
    assert.ok(r.ok);
    const v = leefToEcs(r.record, { parseTime }).fields['network.transport'];
    assert.ok(v === undefined || typeof v === 'string', `${proto}: ${typeof v}`);
  }
  const ok = parseLeef('LEEF:1.0|V|P|1|E|proto=17');
  assert.ok(ok.ok);
  assert.equal(leefToEcs(ok.record, { parseTime }).fields['network.transport'], 'udp');
});
