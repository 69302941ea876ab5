import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import type { EvtxDamage } from './damage.js';
import { EvtxFileError, readEvtxBuffer } from './file.js';
import { CHUNK_FLAG_NO_CRC32, makeFileHeader } from './headers.js';
import { ChunkWriter, V, buildEvtxFile } from './testdata/evtx-builder.js';
import { seededFloats } from '../../demo/prng.js';

interface Outcome {
  ids: number[];
  damage: EvtxDamage[];
  fatal?: EvtxFileError;
}

function readAll(bytes: Uint8Array): Outcome {
  const out: Outcome = { ids: [], damage: [] };
  try {
    for (const item of readEvtxBuffer(bytes)) {
      if (item.kind === 'record') {
        out.ids.push(item.record.recordId);
        item.record.xml(); // rendering must not throw either
      } else out.damage.push(item.damage);
      assert.ok(out.ids.length + out.damage.length < 100_000, 'reader keeps producing items: a loop');
    }
  } catch (err) {
    if (!(err instanceof EvtxFileError)) throw err;
    out.fatal = err;
  }
  return out;
}

const errors = (o: Outcome) => o.damage.filter((d) => d.severity === 'error');
const warnings = (o: Outcome) => o.damage.filter((d) => d.severity === 'warning');

function chunkOf(firstId: number, count: number, flags = 0): Uint8Array {
  const w = new ChunkWriter();
  const body = (d: ChunkWriter) => d.open('Event').closeStart().open('EventData').closeStart()
    .open('Data', { attributes: true }).attribute('Name').text('Id').closeStart().sub(0, 0x08).end()
    .open('Data', { attributes: true }).attribute('Name').text('Text').closeStart().sub(1, 0x01).end()
    .open('Data', { attributes: true }).attribute('Name').text('Nested').closeStart().sub(2, 0x21, true).end()
    .end().end();
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    const nested = V.binxml((n) => n.open('N', { dependencyId: false, attributes: true }).attribute('a').text(`v${id}`).closeEmpty());
    w.record(id, BigInt(id) * 10_000_000n, (r) => r.fragmentHeader().template('t', body, [V.uint32(id), V.string(`record number ${id} `.repeat(3)), nested]).eof());
  }
  return w.finish({ flags });
}


const SAMPLE = buildEvtxFile([chunkOf(1, 40), chunkOf(41, 40)], 81);
const ALL_IDS = Array.from({ length: 80 }, (_, i) => i + 1);

test('the synthetic sample itself reads cleanly', () => {
  const o = readAll(SAMPLE);
  assert.deepEqual(o.ids, ALL_IDS);
  assert.deepEqual(o.damage, []);
});

test('truncated at many offsets: no throw, earlier records kept, the cut reported', { timeout: 60_000 }, () => {
  for (let cut = 0; cut <= SAMPLE.length; cut += 173) {
    const o = readAll(SAMPLE.subarray(0, cut));
    if (cut < 128) {
      assert.ok(o.fatal, `cut at ${cut}: a file shorter than its header cannot be read`);
      continue;
    }
    assert.equal(o.fatal, undefined, `cut at ${cut}`);
    assert.deepEqual(o.ids, ALL_IDS.slice(0, o.ids.length), `cut at ${cut}: records are a prefix of the full file's`);
    const insideChunks = cut > 4096 + 512 && o.ids.length < ALL_IDS.length;
    if (insideChunks) assert.ok(o.damage.length > 0, `cut at ${cut}: the truncation is reported`);
  }
});

test('random byte flips: no throw, no loop, damage reported with file offsets', { timeout: 60_000 }, () => {
  const random = seededFloats(0xe17c);
  let reported = 0;
  for (let round = 0; round < 300; round++) {
    const bytes = SAMPLE.slice();
    const flips = 1 + Math.floor(random() * 8);
    for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] ^= 1 + Math.floor(random() * 255);
    const o = readAll(bytes);
    for (const d of o.damage) assert.ok(d.offset >= 0 && d.offset <= bytes.length, `offset ${d.offset} inside the file`);
    if (o.damage.length > 0) reported++;
  }
  assert.ok(reported > 100, `flips are noticed (${reported}/300 rounds reported damage)`);
});

test('a bad chunk in the middle is skipped; the chunks after it are read', () => {
  const bad = chunkOf(41, 40);
  bad[0] = 0x58;
  const o = readAll(buildEvtxFile([chunkOf(1, 40), bad, chunkOf(81, 5)], 86));
  assert.deepEqual(o.ids, [...ALL_IDS.slice(0, 40), 81, 82, 83, 84, 85]);
  assert.equal(errors(o).length, 1);
  assert.equal(errors(o)[0].offset, 4096 + 65536);
  assert.match(errors(o)[0].message, /bad chunk signature/);
});

test('a header that lies about the chunk count, and zeroed chunks, are handled quietly', () => {
  const file = buildEvtxFile([chunkOf(1, 3), new Uint8Array(65536), chunkOf(4, 3)], 7);
  file.set(makeFileHeader(1, 7));
  const o = readAll(file);
  assert.deepEqual(o.ids, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(errors(o), []);
  assert.deepEqual(warnings(o).map((d) => d.message), ['file header lists 1 chunks, the file holds 2 with data']);
});

test('checksum mismatches are reported as warnings and the records still read; NO_CRC32 chunks are not checked', () => {
  const chunk = chunkOf(1, 3);
  chunk[100] ^= 0xff; // inside the header's unused area: header checksum breaks, records intact
  const o = readAll(buildEvtxFile([chunk]));
  assert.deepEqual(o.ids, [1, 2, 3]);
  assert.equal(warnings(o).length, 1);
  assert.match(warnings(o)[0].message, /chunk header checksum mismatch/);
  const unchecked = chunkOf(1, 3, CHUNK_FLAG_NO_CRC32);
  unchecked[100] ^= 0xff;
  assert.deepEqual(readAll(buildEvtxFile([unchecked])).damage, []);
});

test('a zero-size record ends its chunk with one error; the next chunk is read', () => {
  const chunk = chunkOf(1, 5);
  const view = new DataView(chunk.buffer);
  let off = 512;
  for (let i = 0; i < 2; i++) off += view.getUint32(off + 4, true);
  view.setUint32(off + 4, 0, true);
  const o = readAll(buildEvtxFile([chunk, chunkOf(6, 2)]));
  assert.deepEqual(o.ids, [1, 2, 6, 7]);
  assert.equal(errors(o).length, 1);
  assert.equal(errors(o)[0].offset, 4096 + off);
  assert.match(errors(o)[0].message, /record size 0 is smaller than the 28-byte minimum/);
});

test('not an EVTX file at all: EvtxFileError; a broken header before good chunks: reported, chunks read', () => {
  assert.throws(() => [...readEvtxBuffer(new TextEncoder().encode('hello, not a log'.repeat(400)))], EvtxFileError);
  const file = buildEvtxFile([chunkOf(1, 2)]);
  file[0] = 0;
  const o = readAll(file);
  assert.deepEqual(o.ids, [1, 2]);
  assert.equal(errors(o)[0].scope, 'file');
});

test('a real log truncated and flipped: no throw, no loop', { timeout: 60_000 }, (t) => {
  const dir = corpusPath(t, 'evtx-parser-samples', 'samples');
  if (!dir) return;
  const full = readFileSync(join(dir, 'security.evtx')).subarray(0, 4096 + 2 * 65536);
  const baseline = readAll(full).ids.length;
  assert.ok(baseline > 100);
  for (let cut = 4096; cut < full.length; cut += 4099) readAll(full.subarray(0, cut));
  const random = seededFloats(7);
  for (let round = 0; round < 40; round++) {
    const bytes = full.slice();
    for (let f = 0; f < 4; f++) bytes[4096 + Math.floor(random() * (bytes.length - 4096))] ^= 1 + Math.floor(random() * 255);
    const o = readAll(bytes);
    assert.ok(o.ids.length <= baseline + 1);
  }
});
