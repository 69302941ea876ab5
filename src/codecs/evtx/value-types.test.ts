import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvtxBuffer } from './file.js';
import type { EvtxRecord } from './record.js';
import { ChunkWriter, V, buildEvtxFile, ticksOf } from './testdata/evtx-builder.js';
import type { ValueSpec } from './testdata/evtx-builder.js';

/** One record: <Event><EventData><Data Name="k">%i</Data>…</EventData></Event> with the given values. */
function recordWith(values: Array<[string, ValueSpec]>): EvtxRecord {
  const w = new ChunkWriter();
  w.record(1, ticksOf('2020-01-02T03:04:05.000Z'), (r) => {
    r.fragmentHeader();
    r.template('t', (d) => {
      d.open('Event').closeStart().open('EventData').closeStart();
      values.forEach(([name], i) => d.open('Data', { attributes: true }).attribute('Name').text(name).closeStart().sub(i, values[i][1].type).end());
      d.end().end();
    }, values.map(([, v]) => v));
    r.eof();
  });
  const items = [...readEvtxBuffer(buildEvtxFile([w.finish()]))];
  const damage = items.filter((i) => i.kind === 'damage');
  assert.deepEqual(damage, []);
  const records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
  assert.equal(records.length, 1);
  return records[0];
}

function data(r: EvtxRecord): Record<string, unknown> {
  return (r.event.Event as { EventData: Record<string, unknown> }).EventData;
}

test('integers and booleans stay typed in JSON; 64-bit beyond 2^53 keeps exact digits as text', () => {
  const r = recordWith([
    ['i8', V.int8(-5)], ['u8', V.uint8(250)], ['i16', V.int16(-300)], ['u16', V.uint16(65000)],
    ['i32', V.int32(-70000)], ['u32', V.uint32(4000000000)], ['i64', V.int64(-5n)], ['u64', V.uint64(2n ** 63n)],
    ['t', V.bool(1)], ['irregular', V.bool(2)], ['short', V.bool(1, 1)], ['f', V.bool(0)],
  ]);
  assert.deepEqual(data(r), {
    i8: -5, u8: 250, i16: -300, u16: 65000, i32: -70000, u32: 4000000000, i64: -5, u64: '9223372036854775808',
    t: true, irregular: true, short: true, f: false,
  });
  assert.match(r.xml(), /<Data Name="u64">9223372036854775808<\/Data>/);
  assert.match(r.xml(), /<Data Name="irregular">true<\/Data>/);
});

test('floats, binary, GUID, size_t, hex integers render as evtx_dump does', () => {
  const r = recordWith([
    ['r32', V.real32(1.5)], ['r64', V.real64(0.1)], ['whole', V.real64(3)],
    ['bin', V.binary([0xde, 0xad, 0x01])], ['guid', V.guid([...Array(16).keys()])],
    ['size4', V.sizeT(0x1fn, 4)], ['size8', V.sizeT(0x100000000n, 8)],
    ['h32', V.hex32(0xabc)], ['h64', V.hex64(0x8020000000000000n)], ['h64small', V.hex64(0x3e7n)],
  ]);
  assert.deepEqual(data(r), {
    r32: '1.5', r64: '0.1', whole: '3.0', bin: 'DEAD01', guid: '03020100-0504-0706-0809-0A0B0C0D0E0F',
    size4: '0x1f', size8: '0x100000000', h32: '0xabc', h64: '0x8020000000000000', h64small: '0x3e7',
  });
});

test('FILETIME and SYSTEMTIME become UTC ISO times with microseconds; SIDs their S- form', () => {
  const r = recordWith([
    ['ft', V.filetime(ticksOf('2016-07-08T18:12:51.681Z') + 6408n)],
    ['st', V.systime([2017, 5, 5, 19, 2, 3, 36, 789])],
    ['sid', V.sid(1, 5, [21, 1, 2, 3, 500])],
    ['system', V.sid(1, 5, [18])],
  ]);
  assert.deepEqual(data(r), { ft: '2016-07-08T18:12:51.681640Z', st: '2017-05-19T02:03:36.789000Z', sid: 'S-1-5-21-1-2-3-500', system: 'S-1-5-18' });
  assert.equal(r.timestamp, '2020-01-02T03:04:05.000000Z');
  assert.equal(r.timestampMs, Date.parse('2020-01-02T03:04:05.000Z'));
});

test('strings: UTF-16 cut at the first NUL, ANSI as Windows-1252, XML-escaped in XML but not in JSON', () => {
  const r = recordWith([
    ['nul', V.raw(0x01, [0x78, 0, 0, 0, 0x79, 0])],
    ['ansi', V.ansi([0x48, 0x80, 0xe9, 0x00, 0x41])],
    ['markup', V.string('a<b & "c" \'d\'')],
    ['unicode', V.string('Portée « x » ☃')],
  ]);
  assert.deepEqual(data(r), { nul: 'x', ansi: 'H€é', markup: 'a<b & "c" \'d\'', unicode: 'Portée « x » ☃' });
  assert.match(r.xml(), /<Data Name="markup">a&lt;b &amp; "c" 'd'<\/Data>/);
});

test('a non-optional empty value keeps its element open/close inline; empty Data is "" in JSON', () => {
  const r = recordWith([['none', V.null()], ['empty', V.string('')], ['bin', V.binary([])]]);
  assert.deepEqual(data(r), { none: '', empty: '', bin: '' });
  assert.match(r.xml(), /<Data Name="none"><\/Data>/);
  assert.match(r.xml(), /<Data Name="empty"><\/Data>/);
});

test('a value whose size does not fit its type is a record error naming the substitution', () => {
  const w = new ChunkWriter();
  w.record(7, 0n, (r) => {
    r.fragmentHeader();
    r.template('t', (d) => d.open('Event').closeStart().sub(0, 0x08).end(), [V.raw(0x08, [1, 2])]);
    r.eof();
  });
  const items = [...readEvtxBuffer(buildEvtxFile([w.finish()]))];
  const damage = items.flatMap((i) => (i.kind === 'damage' ? [i.damage] : []));
  assert.equal(items.filter((i) => i.kind === 'record').length, 0);
  assert.equal(damage.length, 1);
  assert.equal(damage[0].recordId, 7);
  assert.equal(damage[0].severity, 'error');
  assert.match(damage[0].message, /substitution 0: 2 bytes for a 4-byte value/);
  assert.ok(damage[0].offset > 4096 + 512, 'offset is a file offset inside the record');
});
