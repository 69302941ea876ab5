import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvtxBuffer } from './file.js';
import type { ReadOptions } from './file.js';
import type { EvtxDamage } from './damage.js';
import type { EvtxRecord } from './record.js';
import { ChunkWriter, V, buildEvtxFile } from './testdata/evtx-builder.js';

function read(chunk: Uint8Array, options: ReadOptions = {}): { records: EvtxRecord[]; damage: EvtxDamage[] } {
  const items = [...readEvtxBuffer(buildEvtxFile([chunk]), options)];
  return {
    records: items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])),
    damage: items.flatMap((i) => (i.kind === 'damage' ? [i.damage] : [])),
  };
}

/** <Event xmlns="…"><System><Provider Name="%0"/><EventID Qualifiers="%1">%2</EventID><Channel>%3</Channel></System><EventData>…</EventData></Event> */
function eventTemplate(d: ChunkWriter): void {
  d.open('Event', { attributes: true }).attribute('xmlns').text('http://schemas.microsoft.com/win/2004/08/events/event').closeStart();
  d.open('System').closeStart();
  d.open('Provider', { attributes: true }).attribute('Name').sub(0, 0x01).closeEmpty();
  d.open('EventID', { attributes: true }).attribute('Qualifiers').sub(1, 0x06, true).closeStart().sub(2, 0x06).end();
  d.open('Channel').closeStart().sub(3, 0x01).end();
  d.end();
  d.open('EventData').closeStart();
  d.open('Data', { attributes: true }).attribute('Name').text('TargetUserName').closeStart().sub(4, 0x01).end();
  d.open('Data', { attributes: true }).attribute('Name').text('Optional').closeStart().sub(5, 0x01, true).end();
  d.end();
  d.end();
}

test('a template defined once is reused by later records through its offset, names too', () => {
  const w = new ChunkWriter();
  const values = (user: string, qualifiers: number | null) => [
    V.string('Microsoft-Windows-Security-Auditing'), qualifiers === null ? V.null() : V.uint16(qualifiers), V.uint16(4624), V.string('Security'), V.string(user), V.string(''),
  ];
  w.record(1, 0n, (r) => r.fragmentHeader().template('event', eventTemplate, values('alice', 16384)).eof());
  w.record(2, 0n, (r) => r.fragmentHeader().template('event', eventTemplate, values('bob', null)).eof());
  const { records, damage } = read(w.finish());
  assert.deepEqual(damage, []);
  assert.deepEqual(records.map((r) => r.event), [
    {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } }, EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 4624 }, Channel: 'Security' },
        EventData: { TargetUserName: 'alice', Optional: '' },
      },
    },
    {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } }, EventID: 4624, Channel: 'Security' },
        EventData: { TargetUserName: 'bob', Optional: '' },
      },
    },
  ]);
  assert.equal(records[1].xml(), [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">',
    '  <System>',
    '    <Provider Name="Microsoft-Windows-Security-Auditing">',
    '    </Provider>',
    '    <EventID>4624</EventID>',
    '    <Channel>Security</Channel>',
    '  </System>',
    '  <EventData>',
    '    <Data Name="TargetUserName">bob</Data>',
    '    <Data Name="Optional">',
    '    </Data>',
    '  </EventData>',
    '</Event>',
    '',
  ].join('\n'));
});

test('separate JSON attributes put them in <Name>_attributes siblings', () => {
  const w = new ChunkWriter();
  w.record(1, 0n, (r) => r.fragmentHeader().template('event', eventTemplate, [V.string('P'), V.uint16(1), V.uint16(4), V.string('System'), V.string('u'), V.string('x')]).eof());
  const { records } = read(w.finish(), { separateJsonAttributes: true });
  assert.deepEqual(records[0].event, {
    Event_attributes: { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
    Event: { System: { Provider_attributes: { Name: 'P' }, EventID_attributes: { Qualifiers: 1 }, EventID: 4, Channel: 'System' }, EventData: { TargetUserName: 'u', Optional: 'x' } },
  });
});

test('an array value repeats its element once per item; empty string items leave the element empty', () => {
  const w = new ChunkWriter();
  const list = (d: ChunkWriter) => d.open('List').closeStart().open('Item').closeStart().sub(0, 0x81).end().open('N').closeStart().sub(1, 0x86).end().end();
  w.record(1, 0n, (r) => r.fragmentHeader().template('list', list, [V.stringArray(['a', '', 'c']), V.uint16Array([7, 8])]).eof());
  const { records, damage } = read(w.finish());
  assert.deepEqual(damage, []);
  assert.deepEqual(records[0].event, { List: { Item: 'a', Item_1: null, Item_2: 'c', N: 7, N_1: 8 } });
  assert.match(records[0].xml(), /<Item>a<\/Item>\n {2}<Item>\n {2}<\/Item>\n {2}<Item>c<\/Item>\n {2}<N>7<\/N>\n {2}<N>8<\/N>/);
});

test('unnamed Data elements collect under Data.#text, one value or an array', () => {
  const w = new ChunkWriter();
  const body = (n: number) => (d: ChunkWriter) => {
    d.open('Event').closeStart().open('EventData').closeStart();
    for (let i = 0; i < n; i++) d.open('Data').closeStart().sub(i, 0x01, true).end();
    d.open('Binary').closeStart().sub(n, 0x0e, true).end();
    d.end().end();
  };
  w.record(1, 0n, (r) => r.fragmentHeader().template('one', body(1), [V.string('only'), V.binary([])]).eof());
  w.record(2, 0n, (r) => r.fragmentHeader().template('three', body(3), [V.string('10.00.'), V.string(''), V.uint32(5), V.binary([1, 2])]).eof());
  const { records } = read(w.finish());
  assert.deepEqual(records[0].event, { Event: { EventData: { Data: { '#text': 'only' }, Binary: null } } });
  assert.deepEqual(records[1].event, { Event: { EventData: { Data: { '#text': ['10.00.', '', 5] }, Binary: '0102' } } });
  assert.match(records[0].xml(), /<Binary><\/Binary>/);
  assert.match(records[1].xml(), /<Data>\n {4}<\/Data>/);
});

test('BinXML inside a substitution (value type 0x21) becomes nested elements, templates included', () => {
  const w = new ChunkWriter();
  const outer = (d: ChunkWriter) => d.open('Event').closeStart().open('UserData').closeStart().sub(0, 0x21).end().end();
  const inner = (d: ChunkWriter) => d.open('Inner', { attributes: true }).attribute('kind').sub(0, 0x01).closeStart().sub(1, 0x08).end();
  const nested = V.binxml((n) => n.template('inner', inner, [V.string('x&y'), V.uint32(42)]));
  const direct = V.binxml((n) => n.open('Direct', { dependencyId: false }).closeStart().text('plain').end());
  w.record(1, 0n, (r) => r.fragmentHeader().template('outer', outer, [nested]).eof());
  w.record(2, 0n, (r) => r.fragmentHeader().template('outer', outer, [direct]).eof());
  const { records, damage } = read(w.finish());
  assert.deepEqual(damage, []);
  assert.deepEqual(records[0].event, { Event: { UserData: { Inner: { '#attributes': { kind: 'x&y' }, '#text': 42 } } } });
  assert.match(records[0].xml(), /<UserData>\n {4}<Inner kind="x&amp;y">42<\/Inner>\n {2}<\/UserData>/);
  assert.deepEqual(records[1].event, { Event: { UserData: { Direct: 'plain' } } });
});

test('entity and character references, CDATA and processing instructions', () => {
  const w = new ChunkWriter();
  w.record(1, 0n, (r) => {
    r.fragmentHeader();
    r.open('Doc', { dependencyId: false }).closeStart();
    r.open('Header', { dependencyId: false }).closeStart().text('If-None-Match: ').entity('quot').text('x').entity('quot').end();
    r.open('Char', { dependencyId: false }).closeStart().charRef(65).end();
    r.open('Raw', { dependencyId: false }).closeStart().cdata('<b>').end();
    r.piTarget('xml-stylesheet').piData('href="a.xsl"');
    r.end().eof();
  });
  const { records, damage } = read(w.finish());
  assert.deepEqual(damage, []);
  assert.deepEqual(records[0].event, { Doc: { Header: 'If-None-Match: "x"', Char: 'A', Raw: '<b>' } });
  const xml = records[0].xml();
  assert.match(xml, /<Header>If-None-Match: &quot;x&quot;<\/Header>/);
  assert.match(xml, /<Char>&#65;<\/Char>/);
  assert.match(xml, /<Raw><!\[CDATA\[<b>\]\]><\/Raw>/);
  assert.match(xml, /<\?xml-stylesheet href="a.xsl"\?>/);
});

test('element names that collide with Object prototype keys stay plain data', () => {
  const w = new ChunkWriter();
  w.record(1, 0n, (r) => {
    r.fragmentHeader().open('Event', { dependencyId: false }).closeStart();
    r.open('__proto__', { dependencyId: false }).closeStart().text('p').end();
    r.open('constructor', { dependencyId: false }).closeStart().text('c').end();
    r.open('constructor', { dependencyId: false }).closeStart().text('d').end();
    r.end().eof();
  });
  const { records } = read(w.finish());
  const ev = records[0].event.Event as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(ev), Object.prototype);
  assert.deepEqual(Object.keys(ev), ['__proto__', 'constructor', 'constructor_1']);
  assert.equal(JSON.stringify(records[0].event), '{"Event":{"__proto__":"p","constructor":"c","constructor_1":"d"}}');
});

test('a substitution index beyond the values is left out; a template instance in a template is an error', () => {
  const w = new ChunkWriter();
  w.record(1, 0n, (r) => r.fragmentHeader().template('short', (d) => d.open('E').closeStart().sub(5, 0x01).end(), [V.string('unused')]).eof());
  w.record(2, 0n, (r) => r.fragmentHeader().template('bad', (d) => d.open('E').closeStart().template('inner', (x) => x.open('X').closeEmpty(), []).end(), []).eof());
  const { records, damage } = read(w.finish());
  assert.deepEqual(records.map((r) => r.event), [{ E: null }]);
  assert.equal(damage.length, 1);
  assert.equal(damage[0].recordId, 2);
  assert.match(damage[0].message, /template instance inside a template definition/);
});
