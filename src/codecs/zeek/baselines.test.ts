/**
 * Zeek's own writer baselines (zeek-format-baselines): the TSV tokenizer edge cases —
 * escapes, separators, empty vs unset, UTF-8 — and TSV/JSON agreement for the same values.
 * The first line of each baseline is a btest banner; timestamps masked as
 * XXXXXXXXXX.XXXXXX are replaced by one fixed value in both renderings.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { parseZeekJsonLine, type ZeekJsonOptions } from './json-reader.js';
import type { ZeekRecord } from './record.js';
import { canonicalText, decodeZeekText } from './text.js';
import { ZeekTsvReader, type ZeekTsvOptions } from './tsv-reader.js';

const MASKED_TS = 'XXXXXXXXXX.XXXXXX';
const FIXED_TS = '1234567890.123456';

function baselineLines(t: TestContext, test: string, file: string): string[] | undefined {
  const dir = corpusPath(t, 'zeek-format-baselines', `scripts.base.frameworks.logging.${test}`);
  if (!dir) return undefined;
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(1).map((l) => l.split(MASKED_TS).join(FIXED_TS));
}

function readTsv(lines: string[], options?: ZeekTsvOptions): ZeekRecord[] {
  const reader = new ZeekTsvReader(options);
  const out: ZeekRecord[] = [];
  for (const line of lines) {
    const r = reader.push(line);
    if (r.kind === 'error') assert.fail(`unexpected error: ${r.reason} in ${line}`);
    if (r.kind === 'record') out.push(r.record);
  }
  return out;
}

function readJson(lines: string[], options?: ZeekJsonOptions): ZeekRecord[] {
  return lines.map((line) => {
    const r = parseZeekJsonLine(line, options);
    if (!r.ok) assert.fail(r.reason);
    return r.record;
  });
}

test('escaped set separators inside set elements', (t) => {
  const lines = baselineLines(t, 'ascii-escape-set-separator', 'test.log');
  if (!lines) return;
  assert.deepEqual(readTsv(lines)[0].fields.ss, [',', 'CC', ',,', 'AA']);
});

test('a value spelled like the empty marker is escaped and is not empty', (t) => {
  const lines = baselineLines(t, 'ascii-escape-empty-str', 'test.log');
  if (!lines) return;
  assert.deepEqual(readTsv(lines)[0].fields.ss, ['EMPTY']);
});

test('escaped "-" is a string, bare "-" is unset, (empty) is the empty string', (t) => {
  const lines = baselineLines(t, 'ascii-escape-notset-str', 'test.log');
  if (!lines) return;
  assert.deepEqual(readTsv(lines)[0].fields, { x: '-', z: '' });
});

test('multi-character separator with escaped occurrences in values', (t) => {
  const lines = baselineLines(t, 'ascii-escape', 'ssh.log');
  if (!lines) return;
  const recs = readTsv(lines);
  assert.deepEqual(
    recs.map((r) => r.fields.status),
    ['success', 'failure', 'fa||ure', 'su||ess', 'failure'],
  );
  assert.equal(recs[0].fields['id.orig_p'], 1234);
});

test('custom meta prefix and markers (LogAscii::meta_prefix, empty_field, unset_field)', (t) => {
  const lines = baselineLines(t, 'ascii-empty', 'ssh-filtered.log');
  if (!lines) return;
  const recs = readTsv(lines, { metaPrefix: 'PREFIX<>' });
  assert.equal(recs.length, 5);
  assert.deepEqual(recs[1].fields, {
    t: Number(FIXED_TS),
    'id.orig_h': '1.2.3.4',
    'id.orig_p': 1234,
    'id.resp_h': '2.3.4.5',
    'id.resp_p': 80,
    country: 'US',
  });
  assert.deepEqual([recs[4].fields.country, recs[4].fields.b], ['', true]);
});

test('a UTF-8 set separator given escaped in the header', (t) => {
  const lines = baselineLines(t, 'ascii-utf8-enabled-set-separator-escape', 'test.log');
  if (!lines) return;
  assert.deepEqual(readTsv(lines)[0].fields.ss, ['®']);
});

test('a data line that starts with an escaped # is data', (t) => {
  const lines = baselineLines(t, 'ascii-line-like-comment', 'test.log');
  if (!lines) return;
  assert.deepEqual(
    readTsv(lines).map((r) => r.fields.data),
    ['Test1', '#Kaputt', 'Test2'],
  );
});

test('binary bytes: escaped separators, invalid UTF-8 rendered as \\xNN', (t) => {
  const lines = baselineLines(t, 'ascii-binary', 'ssh.log');
  if (!lines) return;
  assert.deepEqual(
    readTsv(lines).map((r) => r.fields.data),
    ['abc\n\\xffdef', 'abc|\\xffdef', 'abc\\xff|def'],
  );
});

test('escape-binary: controls, literal backslashes and valid UTF-8 bytes', (t) => {
  const lines = baselineLines(t, 'ascii-escape-binary', 'test.log');
  if (!lines) return;
  const s = readTsv(lines).map((r) => r.fields.s);
  assert.equal(s[0], 'AB\\x00CD\\x00');
  assert.equal(s[3], ' ');
  assert.equal(s[8], 'foo ® bar \\xc2\\xae baz');
  assert.equal(s[10], 'foo \\x0e bar ^N baz');
});

test('control characters and raw UTF-8 in strings', (t) => {
  const ctl = baselineLines(t, 'ascii-utf8-enabled-control-characters', 'test.log');
  const utf8 = baselineLines(t, 'ascii-utf8-enabled', 'test.log');
  if (!ctl || !utf8) return;
  assert.equal(readTsv(ctl)[0].fields.s, 'foo \n\t\\x00 bar');
  assert.deepEqual(
    readTsv(utf8).map((r) => r.fields.s),
    ['foo ® bar', 'दुनिया को नमस्ते', 'hello 𠜎'],
  );
});

test('every Zeek type in one row (TSV) equals the JSON rendering of the same row', (t) => {
  const tsv = baselineLines(t, 'ascii-gz', 'ssh.log');
  const json = baselineLines(t, 'ascii-json', 'ssh.log');
  if (!tsv || !json) return;
  const a = readTsv(tsv)[0];
  const b = readJson(json)[0];
  assert.deepEqual(a.fields, {
    b: true,
    i: -42,
    e: 'SSH::LOG',
    c: 21,
    p: 123,
    sn: '10.0.0.0/24',
    a: '1.2.3.4',
    d: 3.14,
    t: Number(FIXED_TS),
    iv: 100,
    s: 'hurz',
    sc: [4, 2, 3, 1],
    ss: ['CC', 'BB', 'AA'],
    se: [],
    vc: [10, 20, 30],
    ve: [],
    f: 'SSH::foo: function(i:count) : string\n{ \nif (0 < SSH::i) \n\treturn (Foo);\nelse\n\treturn (Bar);\n\n}',
  });
  // The JSON test logs one extra column (a vector with an unset element).
  const { vn, ...rest } = b.fields;
  assert.deepEqual(vn, [0, null, 2]);
  assert.deepEqual(rest, a.fields);
});

test('doubles: the TSV and JSON renderings of the same values agree', (t) => {
  const tsv = baselineLines(t, 'ascii-double', 'test.log');
  const json = baselineLines(t, 'ascii-double', 'json.log');
  if (!tsv || !json) return;
  const a = readTsv(tsv).map((r) => r.fields.d);
  const b = readJson(json).map((r) => r.fields.d);
  assert.equal(a.length, 22);
  assert.deepEqual(a, b);
  assert.equal(a[5], 1.123457);
  assert.equal(a[13], 1.79e308);
});

test('timestamps keep microseconds', (t) => {
  const lines = baselineLines(t, 'ascii-timestamps', 'test.log');
  if (!lines) return;
  assert.deepEqual(
    readTsv(lines).map((r) => r.fields.data),
    [1234567890, 1234567890, 1234567890.01, 1234567890.001, 1234567890.0001, 1234567890.00001, 1234567890.000001, 1234567890, 2385642157],
  );
});

test('negative times: epoch, ISO 8601 and milliseconds renderings agree', (t) => {
  const epoch = baselineLines(t, 'ascii-negative-ts', 'test.log.ts_epoch');
  const iso = baselineLines(t, 'ascii-negative-ts', 'test.log.ts_iso8601');
  const millis = baselineLines(t, 'ascii-negative-ts', 'test.log.ts_millis');
  if (!epoch || !iso || !millis) return;
  assert.equal(readJson(epoch)[0].fields.ts, -315619200);
  assert.equal(readJson(iso)[0].fields.ts, -315619200);
  const r = parseZeekJsonLine(millis[0], { numericTime: 'millis' });
  assert.ok(r.ok);
  assert.equal(r.record.fields.ts, -315619200);
});

test('ISO 8601 timestamps before and after the epoch', (t) => {
  const lines = baselineLines(t, 'ascii-json-iso-timestamps', 'ssh.log');
  if (!lines) return;
  assert.deepEqual(
    readJson(lines, { timeFields: ['t'] }).map((r) => r.fields.t),
    [1215620010.005432, 533782861.9, -0.4, -0.5, -0.6, -1, -1.4, -1.5, -1.6, -99],
  );
});

test('JSON null fields are unset, like TSV "-"', (t) => {
  const lines = baselineLines(t, 'ascii-json-optional', 'testing_nullfields.log');
  if (!lines) return;
  assert.deepEqual(readJson(lines)[0].fields, { msg: 'Testing 1 2 3 ' });
});

/** Canonical text back to bytes: `\xNN` is a byte, every other character its UTF-8. */
function canonicalBytes(text: string): number[] {
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const m = /^\\x([0-9a-f]{2})/.exec(text.slice(i, i + 4));
    if (m) {
      out.push(parseInt(m[1], 16));
      i += 3;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    out.push(...encoder.encode(String.fromCodePoint(cp)));
    if (cp > 0xffff) i += 1;
  }
  return out;
}

test('TSV-escaped strings decode to what the JSON writer renders', (t) => {
  const tsvStyle = baselineLines(t, 'ascii-json-utf8', 'ssh-tsv.log');
  const hexStyle = baselineLines(t, 'ascii-json-utf8', 'ssh.log.hex');
  if (!tsvStyle || !hexStyle) return;
  assert.equal(tsvStyle.length, hexStyle.length);
  for (let i = 0; i < tsvStyle.length; i++) {
    const ours = decodeZeekText((JSON.parse(tsvStyle[i]) as { s: string }).s);
    const zeeks = canonicalText((JSON.parse(hexStyle[i]) as { s: string }).s);
    // Once a string needs any escape, this Zeek version also escapes its valid multi-byte
    // characters; we only escape what is not valid UTF-8. Same bytes either way.
    if (!/[^\x00-\x7f]/.test(ours)) assert.equal(ours, zeeks, `line ${i + 2}`);
    assert.deepEqual(canonicalBytes(ours), canonicalBytes(zeeks), `line ${i + 2}`);
  }
});

test('non-printable bytes in an HTTP log: TSV and JSON rows are identical', (t) => {
  const tsv = baselineLines(t, 'json-non-printable-escaping', 'http.log.tsv');
  const json = baselineLines(t, 'json-non-printable-escaping', 'http.log.json');
  if (!tsv || !json) return;
  const a = readTsv(tsv);
  const b = readJson(json).map((r) => ({ ...r, path: 'http' }));
  assert.equal(a.length, 4);
  assert.deepEqual(a, b);
  assert.equal(a[2].fields.uri, '/non_printable_\\x07');
});

test('LogAscii::tsv: a plain header line of field names', (t) => {
  const lines = baselineLines(t, 'ascii-tsv', 'ssh-filtered.log');
  if (!lines) return;
  const recs = readTsv(lines, { firstLineIsFieldNames: true, defaultPath: 'ssh' });
  assert.equal(recs.length, 5);
  assert.equal(recs[2].fields.country, 'UK');
  assert.equal('status' in recs[1].fields, false);
});

test('headerless logs (LogAscii::include_meta=F) with a configured header', (t) => {
  const lines = baselineLines(t, 'ascii-options', 'ssh.log');
  if (!lines) return;
  const recs = readTsv(lines, {
    defaultPath: 'ssh',
    initial: {
      separator: '|',
      fields: ['t', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'status', 'country'],
      types: ['time', 'addr', 'port', 'addr', 'port', 'string', 'string'],
    },
  });
  assert.deepEqual(
    recs.map((r) => r.fields.country),
    ['unknown', 'US', 'UK', 'BR', 'MX'],
  );
});

test('an odd URL with an invalid byte', (t) => {
  const lines = baselineLines(t, 'ascii-escape-odd-url', 'http.log');
  if (!lines) return;
  const [rec] = readTsv(lines);
  assert.match(String(rec.fields.uri), /arheoloogia_uurimisr\\xfchma_seminar/);
  assert.deepEqual(rec.fields.tags, []);
  assert.deepEqual(rec.fields.resp_mime_types, ['text/html']);
});
