import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvtxBuffer } from './file.js';
import type { EvtxDamage } from './damage.js';
import type { EvtxRecord } from './record.js';
import { ChunkWriter, V, buildEvtxFile } from './testdata/evtx-builder.js';
import type { ValueSpec } from './testdata/evtx-builder.js';

function read(body: (w: ChunkWriter) => void): { records: EvtxRecord[]; damage: EvtxDamage[] } {
  const w = new ChunkWriter();
  w.record(1, 0n, (r) => {
    r.fragmentHeader();
    body(r);
    r.eof();
  });
  const items = [...readEvtxBuffer(buildEvtxFile([w.finish()]))];
  return {
    records: items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])),
    damage: items.flatMap((i) => (i.kind === 'damage' ? [i.damage] : [])),
  };
}

/** A chain of BinXML values, each a template instance `<L>%0</L>` holding the next level. */
function chain(levels: number): ValueSpec {
  if (levels === 0) return V.string('leaf');
  return V.binxml((n) => n.template(`level${levels}`, (d) => d.open('L').closeStart().sub(0, levels === 1 ? 0x01 : 0x21).end(), [chain(levels - 1)]));
}

test('nested BinXML values render through the template view and as XML', () => {
  const { records, damage } = read((r) => r.template('top', (d) => d.open('E').closeStart().sub(0, 0x21).end(), [chain(5)]));
  assert.deepEqual(damage, []);
  assert.deepEqual(records[0].event, { E: { L: { L: { L: { L: { L: 'leaf' } } } } } });
  assert.equal((records[0].xml().match(/<L>/g) ?? []).length, 5);
});

test('BinXML nested deeper than 8 fragments is a record error, not a stack overflow', () => {
  const { records, damage } = read((r) => r.template('top', (d) => d.open('E').closeStart().sub(0, 0x21).end(), [chain(12)]));
  assert.equal(records.length, 0);
  assert.match(damage[0].message, /nested too deeply/);
});

test('elements nested deeper than 64 are a record error', () => {
  const { records, damage } = read((r) => {
    for (let i = 0; i < 100; i++) r.open('D', { dependencyId: false }).closeStart();
    for (let i = 0; i < 100; i++) r.end();
  });
  assert.equal(records.length, 0);
  assert.match(damage[0].message, /elements nested too deeply/);
});

test('a value referenced many times at every level cannot multiply the work without bound', { timeout: 30_000 }, () => {
  const fanout = (levels: number): ValueSpec => {
    if (levels === 0) return V.string('x');
    return V.binxml((n) => n.template(`fan${levels}`, (d) => {
      d.open('F').closeStart();
      for (let i = 0; i < 40; i++) d.sub(0, levels === 1 ? 0x01 : 0x21);
      d.end();
    }, [fanout(levels - 1)]));
  };
  const { records, damage } = read((r) => r.template('top', (d) => d.open('E').closeStart().sub(0, 0x21).end(), [fanout(5)]));
  assert.equal(records.length, 0);
  assert.match(damage[0].message, /too many/);
});
