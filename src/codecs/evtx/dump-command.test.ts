import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../cli/command.js';
import { evtxDumpCommand } from '../../cli/commands/evtx-dump.js';
import { ChunkWriter, V, buildEvtxFile } from './testdata/evtx-builder.js';
import { captureCliIo } from '../../testing/cli-io.js';

const io = (cwd: string): ReturnType<typeof captureCliIo> => captureCliIo({ cwd });

function chunk(firstId: number, count: number): Uint8Array {
  const w = new ChunkWriter();
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    w.record(id, 0n, (r) => r.fragmentHeader().template('t', (d) => d.open('Event').closeStart().open('EventData').closeStart()
      .open('Data', { attributes: true }).attribute('Name').text('N').closeStart().sub(0, 0x08).end().end().end(), [V.uint32(id)]).eof());
  }
  return w.finish();
}

async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-evtx-dump-'));
  try {
    const bad = chunk(3, 2);
    bad[0] = 0x21;
    await writeFile(join(dir, 'log.evtx'), buildEvtxFile([chunk(1, 2), bad, chunk(5, 1)]));
    await writeFile(join(dir, 'notes.txt'), 'plain text, not an event log\n'.repeat(200));
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('jsonl: one record per line on stdout, damage with its offset on stderr, exit 0', async () => {
  await inTempDir(async (dir) => {
    const t = io(dir);
    assert.equal(await evtxDumpCommand.run(['log.evtx', '--format', 'jsonl'], t.io), 0);
    const lines = t.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.Event.EventData.N), [1, 2, 5]);
    assert.match(t.err(), /error: offset 0x11000 \(69632\), chunk 1: bad chunk signature/);
    assert.match(t.err(), /3 records printed, 1 damaged parts skipped/);
  });
});

test('json: a single JSON array; xml: "Record N" and the XML of each record', async () => {
  await inTempDir(async (dir) => {
    const j = io(dir);
    assert.equal(await evtxDumpCommand.run(['log.evtx', '--format=json', '--workers', '2'], j.io), 0);
    assert.deepEqual((JSON.parse(j.out()) as Array<{ Event: { EventData: { N: number } } }>).map((e) => e.Event.EventData.N), [1, 2, 5]);
    const x = io(dir);
    assert.equal(await evtxDumpCommand.run([join(dir, 'log.evtx')], x.io), 0);
    assert.equal(x.out().match(/^Record \d+$/gm)?.join(','), 'Record 1,Record 2,Record 5');
    assert.match(x.out(), /<\?xml version="1.0" encoding="utf-8"\?>\n<Event>\n {2}<EventData>\n {4}<Data Name="N">1<\/Data>/);
  });
});

test('a file that cannot be read at all exits 1 with the reason; bad usage throws UsageError', async () => {
  await inTempDir(async (dir) => {
    const notEvtx = io(dir);
    assert.equal(await evtxDumpCommand.run(['notes.txt'], notEvtx.io), 1);
    assert.match(notEvtx.err(), /notes.txt: not an EVTX file/);
    assert.equal(notEvtx.out(), '');
    const missing = io(dir);
    assert.equal(await evtxDumpCommand.run(['missing.evtx'], missing.io), 1);
    assert.match(missing.err(), /missing.evtx: .*ENOENT/);
    await assert.rejects(evtxDumpCommand.run([], io(dir).io), UsageError);
    await assert.rejects(evtxDumpCommand.run(['a', 'b'], io(dir).io), UsageError);
    await assert.rejects(evtxDumpCommand.run(['log.evtx', '--format', 'csv'], io(dir).io), /--format must be one of xml, json, jsonl/);
    await assert.rejects(evtxDumpCommand.run(['log.evtx', '--workers', '-1'], io(dir).io), UsageError);
    const help = io(dir);
    assert.equal(await evtxDumpCommand.run(['--help'], help.io), 0);
    assert.match(help.out(), /^vigil evtx dump FILE/);
  });
});
