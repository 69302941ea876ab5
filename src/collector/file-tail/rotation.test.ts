/**
 * Rotating while writing: a writer appends numbered lines while the test renames, truncates,
 * and stops and restarts the source; every number must arrive exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, openSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { fileTailConfig } from './config.js';
import { FileTailSource } from './file-tail-source.js';
import { assertExactlyOnce, buildContext, CollectingOutput, lineCounts, tempDir, waitFor } from './test-helpers.js';

function makeSource(dir: string, output: CollectingOutput, overrides: Record<string, unknown> = {}): FileTailSource {
  const config = fileTailConfig.parse({
    inputs: [{ path: join(dir, 'app.log'), format: 'lines' }],
    start_at: 'beginning',
    poll_interval_ms: 10,
    rotate_wait_ms: 500, // longer than any pause of the writer between its last writes to a renamed file
    max_batch_lines: 64,
    ...overrides,
  });
  return new FileTailSource(config, buildContext('tail', join(dir, 'data')), output);
}

/** Appends `line <n>` to whatever file it has open, yielding to the event loop now and then. */
class Writer {
  n = 0;
  private fd: number;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }
  async write(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      writeSync(this.fd, `line ${++this.n}\n`);
      if (i % 7 === 0) await yieldToLoop();
    }
  }
  reopen(): void {
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
  }
  close(): void {
    closeSync(this.fd);
  }
}

test('rename rotation while writing: the old file is read to its end, the new one from its start', async () => {
  const tmp = tempDir('rotate');
  const path = join(tmp.path, 'app.log');
  const writer = new Writer(path);
  const output = new CollectingOutput();
  const source = makeSource(tmp.path, output);
  try {
    await source.start();
    await source.pollOnce(); // the log is being followed before the writer gets going
    for (let round = 1; round <= 4; round++) {
      await writer.write(250);
      renameSync(path, `${path}.${round}`);
      await writer.write(40); // the writer has not noticed yet: still appending to the renamed file
      writer.reopen();
      await writer.write(60);
    }
    await waitFor(() => output.messages().length >= writer.n, `${writer.n} lines`);
    // Rotated files are closed once quiet; nothing more arrives meanwhile.
    await waitFor(() => (source.health().files as unknown[]).length === 1, 'rotated files closed');
    assert.deepEqual(assertExactlyOnce(lineCounts(output.messages()), writer.n), []);
    assert.equal(source.metrics.rotations, 4);
    const health = source.health() as { files: Array<{ path: string; offset: number; size: number }> };
    assert.equal(health.files[0].path, path);
    assert.equal(health.files[0].offset, statSync(path).size);
  } finally {
    writer.close();
    await source.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});

test('copytruncate: the shrunk file is read again from its start, nothing twice', async () => {
  const tmp = tempDir('truncate');
  const path = join(tmp.path, 'app.log');
  const writer = new Writer(path);
  const output = new CollectingOutput();
  const source = makeSource(tmp.path, output);
  try {
    await source.start();
    await source.pollOnce();
    for (let round = 1; round <= 3; round++) {
      await writer.write(300);
      // logrotate's copytruncate loses what is written between copy and truncate; a test of
      // the tail, not of logrotate, lets the tail catch up first.
      await waitFor(() => output.messages().length === writer.n, `catch-up before truncation ${round}`);
      copyFileSync(path, `${path}.${round}`);
      truncateSync(path, 0);
      await writer.write(20 + round); // shorter than before: a size check alone would miss nothing here
      await waitFor(() => source.metrics.truncations === round, `truncation ${round} noticed`);
    }
    await writer.write(100);
    await waitFor(() => output.messages().length >= writer.n, `${writer.n} lines`);
    assert.deepEqual(assertExactlyOnce(lineCounts(output.messages()), writer.n), []);
    assert.equal(source.metrics.truncations, 3);
  } finally {
    writer.close();
    await source.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});

test('a file truncated and refilled past the old offset is noticed by its changed first bytes', async () => {
  const tmp = tempDir('rewrite');
  const path = join(tmp.path, 'app.log');
  const output = new CollectingOutput();
  const source = makeSource(tmp.path, output);
  try {
    const fd = openSync(path, 'a');
    writeSync(fd, 'line 1\nline 2\n');
    await source.start();
    await waitFor(() => output.messages().length === 2, 'first lines');
    await source.pollOnce();
    // Rewritten from the start with more bytes than were read: same size check would not tell.
    truncateSync(path, 0);
    writeSync(fd, 'line 3\nline 4\nline 5\n');
    closeSync(fd);
    await waitFor(() => output.messages().length === 5, 'rewritten lines');
    assert.deepEqual(assertExactlyOnce(lineCounts(output.messages()), 5), []);
    assert.equal(source.metrics.truncations, 1);
  } finally {
    await source.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});

test('stop and restart mid-stream, with a rotation while stopped: every line exactly once', async () => {
  const tmp = tempDir('restart');
  const path = join(tmp.path, 'app.log');
  const writer = new Writer(path);
  const output = new CollectingOutput();
  try {
    const first = makeSource(tmp.path, output);
    await first.start();
    await first.pollOnce();
    await writer.write(300);
    renameSync(path, `${path}.1`);
    writer.reopen();
    await writer.write(200);
    await waitFor(() => output.messages().length > 100, 'some lines before the stop');
    await first.stop(Date.now() + 5000); // mid-stream: some lines are not read yet
    const before = output.messages().length;
    await writer.write(150);
    renameSync(path, `${path}.2`); // rotated while the source is down
    writer.reopen();
    await writer.write(150);
    const second = makeSource(tmp.path, output);
    await second.start();
    await waitFor(() => output.messages().length >= writer.n, `${writer.n} lines after restart`);
    assert.ok(before < writer.n);
    assert.deepEqual(assertExactlyOnce(lineCounts(output.messages()), writer.n), []);
    await second.stop(Date.now() + 5000);
  } finally {
    writer.close();
    tmp.cleanup();
  }
});

test('a refused batch is read again: nothing lost, nothing twice', async () => {
  const tmp = tempDir('refuse');
  const path = join(tmp.path, 'app.log');
  const writer = new Writer(path);
  const output = new CollectingOutput();
  const source = makeSource(tmp.path, output);
  try {
    output.refuseNext = 3;
    await source.start();
    await source.pollOnce();
    await writer.write(500);
    await waitFor(() => output.messages().length >= writer.n, `${writer.n} lines`);
    assert.equal(output.refused, 3);
    assert.deepEqual(assertExactlyOnce(lineCounts(output.messages()), writer.n), []);
    assert.equal((source.health() as { failures: Record<string, number> }).failures.emit_failed, 3);
  } finally {
    writer.close();
    await source.stop(Date.now() + 5000);
    tmp.cleanup();
  }
});
