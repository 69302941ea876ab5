/**
 * Conformance against the upstream evtx parser's samples (../shared/corpora/evtx-parser-samples):
 * exact good/bad record counts per file, and byte-identical renderings of the snapshot records.
 * "Bad" records are what upstream counts as errors: our damage reports of severity "error".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { parseChunk } from './chunk.js';
import type { ParsedRecord } from './chunk.js';
import { readEvtxBuffer } from './file.js';
import { CHUNK_SIZE, FILE_HEADER_SIZE } from './headers.js';
import type { EvtxRecord } from './record.js';
import { renderJson } from './render-json.js';

interface CountEntry {
  sample: string;
  ok_records?: number;
  err_records?: number;
  total_iterated?: number;
  present?: boolean;
}

interface SnapshotEntry {
  snapshot: string;
  sample: string;
  select: string;
  format: string;
  separate_json_attributes?: boolean;
  /** false when upstream's sample file is not part of the corpus. */
  present?: boolean;
}

function count(path: string): { ok: number; err: number } {
  let ok = 0;
  let err = 0;
  for (const item of readEvtxBuffer(readFileSync(path))) {
    if (item.kind === 'record') ok++;
    else if (item.damage.severity === 'error') err++;
  }
  return { ok, err };
}

test('record counts match EXPECTED.json for every sample present', (t) => {
  const root = corpusPath(t, 'evtx-parser-samples');
  if (!root) return;
  const expected = JSON.parse(readFileSync(join(root, 'EXPECTED.json'), 'utf8')) as { record_counts: CountEntry[]; special: CountEntry[] };
  let checked = 0;
  for (const e of expected.record_counts) {
    if (e.present === false) continue;
    const got = count(join(root, 'samples', e.sample));
    assert.deepEqual(got, { ok: e.ok_records, err: e.err_records }, e.sample);
    checked++;
  }
  for (const e of expected.special) {
    const path = join(root, 'samples', e.sample);
    if (e.present === false || !existsSync(path)) continue;
    const got = count(path);
    if (e.total_iterated !== undefined) assert.equal(got.ok + got.err, e.total_iterated, `${e.sample}: items iterated`);
    if (e.ok_records !== undefined) assert.equal(got.ok, e.ok_records, e.sample);
    checked++;
  }
  assert.ok(checked >= 13, `checked ${checked} samples`);
});

test('the zero-size record is reported with upstream\'s reason', (t) => {
  const root = corpusPath(t, 'evtx-parser-samples');
  if (!root) return;
  const damage = [...readEvtxBuffer(readFileSync(join(root, 'samples', 'sample-with-zero-data-size-event.evtx')))]
    .flatMap((i) => (i.kind === 'damage' && i.damage.severity === 'error' ? [i.damage] : []));
  assert.equal(damage.length, 1);
  assert.match(damage[0].message, /record size 0 is smaller than the 28-byte minimum/);
});

/** Snapshot files are insta snapshots: a header between the first two `---` lines, then the expected output. */
function snapshotBody(text: string): string {
  const lines = text.split('\n');
  const first = lines.indexOf('---');
  const second = lines.indexOf('---', first + 1);
  return lines.slice(second + 1).join('\n').replace(/\n+$/, '');
}

function selectRecord(path: string, select: string, separate: boolean): EvtxRecord | undefined {
  const wanted = select === 'first record' ? undefined : Number(/EventRecordID (\d+)/.exec(select)?.[1]);
  for (const item of readEvtxBuffer(readFileSync(path), { separateJsonAttributes: separate })) {
    if (item.kind === 'record' && (wanted === undefined || item.record.recordId === wanted)) return item.record;
  }
  return undefined;
}

test('every snapshot whose sample is present renders identically', async (t) => {
  const root = corpusPath(t, 'evtx-parser-samples');
  if (!root) return;
  const expected = JSON.parse(readFileSync(join(root, 'EXPECTED.json'), 'utf8')) as { snapshots: SnapshotEntry[] };
  const files = readdirSync(join(root, 'snapshots')).filter((f) => f.endsWith('.snap')).sort();
  // Upstream snapshots of samples the corpus does not ship (EXPECTED.json says present: false)
  // have nothing to render against: listed, not run.
  const absent = expected.snapshots.filter((s) => s.present === false);
  for (const a of absent) t.diagnostic(`not in the corpus, not rendered: ${a.snapshot} (sample ${a.sample})`);
  let rendered = 0;
  for (const file of files) {
    const entry = expected.snapshots.find((s) => s.snapshot === file);
    if (entry?.present === false) continue;
    await t.test(file, () => {
      assert.ok(entry, `${file} is described in EXPECTED.json`);
      const sample = join(root, 'samples', entry.sample);
      assert.ok(existsSync(sample), `sample ${entry.sample} of ${file} is present`);
      const record = selectRecord(sample, entry.select, entry.separate_json_attributes === true);
      assert.ok(record, `${entry.select} of ${entry.sample}`);
      const want = snapshotBody(readFileSync(join(root, 'snapshots', file), 'utf8'));
      const got = entry.format.startsWith('xml') ? record.xml() : JSON.stringify(record.event, null, 2);
      assert.equal(got.replace(/\n+$/, ''), want);
      rendered++;
    });
  }
  assert.ok(rendered >= 10, `rendered ${rendered} snapshots`);
});

test('rendering JSON straight from templates equals rendering the built tree, for every sample record', (t) => {
  const root = corpusPath(t, 'evtx-parser-samples', 'samples');
  if (!root) return;
  let direct = 0;
  for (const name of readdirSync(root).filter((f) => f.endsWith('.evtx'))) {
    const data: Buffer = readFileSync(join(root, name));
    for (let off = FILE_HEADER_SIZE; off < data.length; off += CHUNK_SIZE) {
      const records: ParsedRecord[] = parseChunk(data.subarray(off, off + CHUNK_SIZE), { index: 0, fileOffset: off }).records;
      for (const rec of records) {
        if (!rec.instance) continue;
        direct++;
        for (const separateAttributes of [false, true]) {
          assert.deepEqual(renderJson(rec.instance, { separateAttributes }), renderJson(rec.root, { separateAttributes }), `${name} record ${rec.recordId}`);
        }
      }
    }
  }
  assert.ok(direct > 15000, `${direct} records took the direct path`);
});
