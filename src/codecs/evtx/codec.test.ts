import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvtxNormalized } from './codec.js';
import { ChunkWriter, V, buildEvtxFile } from './testdata/evtx-builder.js';

test('the codec adapter yields normalized records, rejections with offsets, and warnings', async () => {
  const chunk = (first: number, damaged: boolean) => {
    const w = new ChunkWriter();
    for (let id = first; id < first + 2; id++) {
      w.record(id, 0n, (r) => r.fragmentHeader().template('t', (d) => d.open('Event').closeStart().open('System').closeStart()
        .open('EventID').closeStart().sub(0, 0x06).end().open('Channel').closeStart().sub(1, 0x01).end().end().end(), [V.uint16(4624), V.string('Security')]).eof());
    }
    const bytes = w.finish();
    if (damaged) bytes[0] = 0;
    return bytes;
  };
  const file = buildEvtxFile([chunk(1, false), chunk(3, true)]);
  file[124] ^= 1; // file header checksum: a warning, not a rejection
  const dir = await mkdtemp(join(tmpdir(), 'vigil-evtx-codec-'));
  try {
    await writeFile(join(dir, 'x.evtx'), file);
    const warnings: string[] = [];
    const results = [];
    for await (const r of readEvtxNormalized(join(dir, 'x.evtx'), { onWarning: (d) => warnings.push(d.message) })) results.push(r);
    assert.deepEqual(results.map((r) => (r.ok ? r.record.fields['event.code'] : r.rejected.position)), ['4624', '4624', { offset: 4096 + 65536, index: 3 }]);
    assert.equal(results[0].ok && results[0].record.logsource?.service, 'security');
    assert.match(warnings.join(';'), /file header checksum mismatch/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
