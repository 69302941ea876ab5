import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZeekTsvReader, type ZeekTsvLine } from './tsv-reader.js';

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2024-04-12-19-29-12',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\tlocal_orig\ttunnel_parents\tvals\tname',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tbool\tset[string]\tvector[count]\tstring',
];

function feed(reader: ZeekTsvReader, lines: string[]): ZeekTsvLine[] {
  return lines.map((l) => reader.push(l));
}

function records(results: ZeekTsvLine[]) {
  return results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));
}

test('reads typed rows under a header', () => {
  const r = new ZeekTsvReader();
  const out = feed(r, [
    ...HEADER,
    '1521911720.865716\tCx1\t10.0.0.1\t41772\tfe80::1\t53\tudp\t0.000870\tT\tA,B\\x2cC\t1,-,3\tx\\x09y',
    '1521911721.000000\tCx2\t10.0.0.2\t1\t10.0.0.3\t2\ttcp\t-\tF\t(empty)\t(empty)\t(empty)',
    '#close\t2024-04-12-19-30-00',
  ]);
  assert.equal(out.filter((x) => x.kind === 'header').length, HEADER.length + 1);
  const [a, b] = records(out);
  assert.deepEqual(a, {
    path: 'conn',
    fields: {
      ts: 1521911720.865716,
      uid: 'Cx1',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 41772,
      'id.resp_h': 'fe80::1',
      'id.resp_p': 53,
      proto: 'udp',
      duration: 0.00087,
      local_orig: true,
      tunnel_parents: ['A', 'B,C'],
      vals: [1, null, 3],
      name: 'x\ty',
    },
  });
  // unset → absent; (empty) → [] for containers and '' for strings
  assert.equal('duration' in b.fields, false);
  assert.deepEqual(b.fields.tunnel_parents, []);
  assert.deepEqual(b.fields.vals, []);
  assert.equal(b.fields.name, '');
});

test('a bad row is an error with a reason and reading continues', () => {
  const r = new ZeekTsvReader();
  feed(r, HEADER);
  const bad = r.push('notatime\tC\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\tT\t-\t-\t-');
  assert.equal(bad.kind, 'error');
  assert.match((bad as { reason: string }).reason, /field 'ts': invalid time/);
  const short = r.push('1.0\tC');
  assert.deepEqual(short, { kind: 'error', reason: 'expected 12 fields, found 2' });
  const badAddr = r.push('1.0\tC\t10.0.0.999\t1\t10.0.0.2\t2\ttcp\t-\tT\t-\t-\t-');
  assert.equal(badAddr.kind, 'error');
  const badBool = r.push('1.0\tC\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\tX\t-\t-\t-');
  assert.match((badBool as { reason: string }).reason, /invalid bool/);
  const good = r.push('1.0\tC\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\tT\t-\t-\t-');
  assert.equal(good.kind, 'record');
});

test('data before any header is refused; an empty line is skipped', () => {
  const r = new ZeekTsvReader();
  assert.deepEqual(r.push('1.0\tfoo'), { kind: 'error', reason: 'data line before any #fields header' });
  assert.deepEqual(r.push(''), { kind: 'skip' });
});

test('a new #separator starts a new header: fields and path from the old one are forgotten', () => {
  const r = new ZeekTsvReader();
  feed(r, HEADER);
  feed(r, ['#separator |', '#path|dns', '#fields|ts|query', '#types|time|string']);
  const rec = r.push('5.5|example.org');
  assert.deepEqual(rec, { kind: 'record', record: { path: 'dns', fields: { ts: 5.5, query: 'example.org' } } });
});

test('snapshot and restore carry the header across reader instances', () => {
  const a = new ZeekTsvReader();
  feed(a, HEADER);
  const state = JSON.parse(JSON.stringify(a.snapshot()));
  const b = new ZeekTsvReader();
  b.restore(state);
  const rec = b.push('2.0\tC\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\tT\t-\t-\t-');
  assert.equal(rec.kind, 'record');
  assert.equal((rec as { record: { path: string } }).record.path, 'conn');
});

test('doubles: inf and nan are unset; values are rounded to microseconds; -0 is 0', () => {
  const r = new ZeekTsvReader();
  feed(r, ['#separator \\x09', '#fields\td', '#types\tdouble']);
  const values = ['inf', '-inf', 'nan', '1.1234567', '-0.0', '1e3'].map((v) => r.push(v));
  const ds = values.map((x) => (x.kind === 'record' ? x.record.fields.d : 'error'));
  assert.deepEqual(ds, [undefined, undefined, undefined, 1.123457, 0, 1000]);
  assert.ok(Object.is(ds[4], 0));
});

test('header-less logs can be read with a configured header', () => {
  const r = new ZeekTsvReader({
    defaultPath: 'ssh',
    initial: { separator: '|', fields: ['t', 'status'], types: ['time', 'string'] },
  });
  assert.deepEqual(r.push('1.5|success'), { kind: 'record', record: { path: 'ssh', fields: { t: 1.5, status: 'success' } } });
});

test('ports accept the old protocol suffix; a count beyond 2^53 becomes the nearest double; negative ports are refused', () => {
  const r = new ZeekTsvReader();
  feed(r, ['#separator \\x09', '#fields\tp\tc', '#types\tport\tcount']);
  assert.deepEqual(r.push('80/tcp\t18446744073709551615'), {
    kind: 'record',
    record: { path: 'unknown', fields: { p: 80, c: 18446744073709551615 } },
  });
  assert.equal(r.push('-5\t1').kind, 'error');
});
