import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFinalLine, readLines, type ReadPosition } from './line-reader.js';
import { positionAtEnd, headLines } from './start-position.js';
import { tempDir } from './test-helpers.js';

const START: ReadPosition = { offset: 0, line: 0, skipping: false };

async function withFile(content: string | Buffer, fn: (path: string) => Promise<void>): Promise<void> {
  const tmp = tempDir('reader');
  const path = join(tmp.path, 'f.log');
  try {
    await writeFile(path, content);
    await fn(path);
  } finally {
    tmp.cleanup();
  }
}

test('complete lines are read; an unterminated last line waits', async () => {
  await withFile('a\nbb\nccc', async (path) => {
    const h = await open(path, 'r');
    // The size is one byte larger than the file: a file that shrank meanwhile must not hang the reader.
    const r = await readLines(h, START, 9, { maxLineBytes: 100, maxLines: 10 });
    assert.deepEqual(r.lines, [
      { text: 'a', lineNo: 1 },
      { text: 'bb', lineNo: 2 },
    ]);
    assert.equal(r.offset, 5);
    assert.equal(r.line, 2);
    assert.equal(r.caughtUp, true);
    const final = await readFinalLine(h, r, 8, 100);
    assert.deepEqual(final.lines, [{ text: 'ccc', lineNo: 3 }]);
    assert.equal(final.offset, 8);
    await h.close();
  });
});

test('a batch stops at maxLines and the next call continues', async () => {
  await withFile('1\n2\n3\n4\n5\n', async (path) => {
    const h = await open(path, 'r');
    const a = await readLines(h, START, 10, { maxLineBytes: 100, maxLines: 2 });
    assert.deepEqual(a.lines.map((l) => l.text), ['1', '2']);
    assert.equal(a.caughtUp, false);
    const b = await readLines(h, a, 10, { maxLineBytes: 100, maxLines: 10 });
    assert.deepEqual(b.lines.map((l) => [l.text, l.lineNo]), [['3', 3], ['4', 4], ['5', 5]]);
    await h.close();
  });
});

test('oversized lines are reported once and skipped, also across reads and checkpoints', async () => {
  const long = 'x'.repeat(200_000);
  const content = `ok1\n${long}\nok2\n${long}`;
  await withFile(content, async (path) => {
    const h = await open(path, 'r');
    const size = Buffer.byteLength(content);
    const r = await readLines(h, START, size, { maxLineBytes: 1000, maxLines: 100 });
    assert.deepEqual(r.lines.map((l) => [l.text, l.lineNo]), [['ok1', 1], ['ok2', 3]]);
    assert.deepEqual(r.oversized.map((o) => o.lineNo), [2, 4]);
    assert.equal(r.oversized[0].head, 'x'.repeat(256));
    // Inside the unterminated oversized last line: everything consumed, skipping remembered.
    assert.equal(r.skipping, true);
    assert.equal(r.offset, size);
    await h.close();
  });
  // The oversized line ends after a restart: the newline closes it without a second report.
  await withFile(`${'y'.repeat(5000)}\nafter\n`, async (path) => {
    const h = await open(path, 'r');
    const resumed = await readLines(h, { offset: 3000, line: 7, skipping: true }, 5007, { maxLineBytes: 1000, maxLines: 100 });
    assert.deepEqual(resumed.oversized, []);
    assert.deepEqual(resumed.lines, [{ text: 'after', lineNo: 9 }]);
    await h.close();
  });
});

test('multi-byte characters and CRLF are kept; invalid UTF-8 becomes U+FFFD', async () => {
  await withFile(Buffer.concat([Buffer.from('héllo\r\n'), Buffer.from([0xff, 0x41, 0x0a])]), async (path) => {
    const h = await open(path, 'r');
    const r = await readLines(h, START, 11, { maxLineBytes: 100, maxLines: 10 });
    assert.deepEqual(r.lines.map((l) => l.text), ['héllo\r', '\ufffdA']);
    await h.close();
  });
});

test('start at end: after the last complete line, lines counted; head lines for headers', async () => {
  await withFile('#h1\n#h2\nrow1\nrow2\npart', async (path) => {
    const h = await open(path, 'r');
    assert.deepEqual(await positionAtEnd(h, 22), { offset: 18, line: 4, skipping: false });
    assert.deepEqual(await headLines(h), ['#h1', '#h2', 'row1', 'row2']);
    await h.close();
  });
});
