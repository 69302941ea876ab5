import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder, type FrameSink, type FramingMode } from '../index.js';

/** Frames as text and drops as [reason, detail], in stream order. */
function collector(): FrameSink & { out: Array<string | [string, string]> } {
  const out: Array<string | [string, string]> = [];
  return {
    out,
    frame: (buf, start, end) => out.push(buf.toString('utf8', start, end)),
    dropped: (reason, detail) => out.push([reason, detail]),
  };
}

function run(mode: FramingMode, chunks: string[], max = 100): Array<string | [string, string]> {
  const d = new FrameDecoder({ mode, maxFrameBytes: max });
  const sink = collector();
  for (const c of chunks) d.read(Buffer.from(c), sink);
  d.finish(sink);
  return sink.out;
}

test('newline framing: CRLF, blank lines, split chunks, unterminated tail', () => {
  assert.deepEqual(run('newline', ['a\r\n\nb', '\nc']), ['a', 'b', 'c']);
  assert.deepEqual(run('newline', ['12 looks like a count\n']), ['12 looks like a count']);
});

test('octet counting: frames split anywhere, embedded LF, trailers between frames', () => {
  const stream = '5 hello11 hello\nworld\n3 abc';
  for (let size = 1; size <= stream.length; size++) {
    const chunks: string[] = [];
    for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
    assert.deepEqual(run('octet_counting', chunks), ['hello', 'hello\nworld', 'abc'], `chunk size ${size}`);
  }
});

test('auto: decides per frame', () => {
  assert.deepEqual(run('auto', ['<13>a\n5 hello<13>b\n2024-01-01 starts with digits\n']), ['<13>a', 'hello', '<13>b', '2024-01-01 starts with digits']);
});

test('oversized frames are skipped and reported once, the stream stays in sync', () => {
  const long = 'x'.repeat(250);
  assert.deepEqual(run('newline', [long.slice(0, 120), long.slice(120), '\nok\n']), [['oversized', 'line longer than 100 bytes'], 'ok']);
  assert.deepEqual(run('octet_counting', [`250 ${long}`, '2 ok']), [['oversized', 'octet count 250 exceeds 100'], 'ok']);
  assert.deepEqual(run('newline', [`${'y'.repeat(101)}\nz\n`]), [['oversized', 'line of 101 bytes exceeds 100'], 'z']);
});

test('invalid and truncated octet frames', () => {
  assert.deepEqual(run('octet_counting', ['abc\n3 abc']), [['invalid_frame', 'octet-counted frame without a valid MSG-LEN'], 'abc']);
  assert.deepEqual(run('octet_counting', ['10 abc']), [['invalid_frame', 'connection closed 7 bytes short of an octet-counted frame']]);
  assert.deepEqual(run('octet_counting', ['12']), [['invalid_frame', 'connection closed inside a MSG-LEN']]);
  assert.deepEqual(run('auto', ['12']), ['12']);
  assert.deepEqual(run('auto', ['99999999999 x\n']), ['99999999999 x']);
});

test('buffered bytes stay bounded by the frame limit', () => {
  const d = new FrameDecoder({ mode: 'newline', maxFrameBytes: 1000 });
  const sink = collector();
  for (let i = 0; i < 100; i++) d.read(Buffer.alloc(100, 0x61), sink);
  assert.ok(d.bufferedBytes <= 1100, `buffered ${d.bufferedBytes}`);
});
