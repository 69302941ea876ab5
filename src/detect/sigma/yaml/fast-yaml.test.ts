/**
 * The fast reader must agree exactly with the `yaml` package path (values, key order and every
 * position) wherever it does not give up, and it must give up on what it does not handle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corporaRoot } from '../../../testing/corpora.js';
import { corpusPath } from '../../../testing/corpora.js';
import { fastParseDocuments, plainValue } from './fast-yaml.js';
import { parseYamlDocumentsWithLibrary } from './located-yaml.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

function same(text: string, name: string): boolean {
  const fast = fastParseDocuments(text);
  if (!fast) return false;
  const lib = parseYamlDocumentsWithLibrary(text, name);
  assert.deepEqual(lib.errors, [], `${name}: the fast reader accepted what the library rejects`);
  assert.deepEqual(fast.map((d) => d.node), lib.docs.map((d) => d.node), name);
  return true;
}

test('fast reader equals the library on every corpus rule file', (t) => {
  if (!corpusPath(t, 'sigmahq-rules')) return;
  const files = ['sigmahq-rules', 'hayabusa-rules', 'sigma-specification', 'pysigma-fixtures'].flatMap((d) => yamlFiles(join(corporaRoot(), d)));
  let fastCount = 0;
  for (const f of files) if (same(readFileSync(f, 'utf8'), f)) fastCount++;
  t.diagnostic(`${fastCount} of ${files.length} files read by the fast reader`);
  assert.ok(fastCount / files.length > 0.95, `${fastCount}/${files.length}`);
});

test('fast reader: edge cases agree with the library, unsupported input falls back', () => {
  const cases = [
    'a: 1\nb:\n- x\n- y\nc: {d: [1, two, "3"], e: null}\n',
    "k: 'it''s'\nl: \"tab\\there \\u00e9\"\nm: |\n  line1\n\n  line3\nn: >-\n  folded\n  text\no: |+\n  keep\n\np: x # comment\n",
    '---\ntitle: a\n---\n---\ntitle: b\n...\n',
    "- a: 1\n  b: [x, 'y']\n-\n- - nested\n",
    'plain: multi\n  line value\nnum: 0x1F\noct: 0o17\nf: 1.5e3\nneg: -3\ninf: .inf\nt: True\nempty:\nq: "a # not comment"\n',
    "'|all': [a, b]\nsel|contains|all:\n    - 'x'\n    - \"y\"\n",
  ];
  for (const c of cases) {
    const fast = fastParseDocuments(c);
    if (fast) assert.deepEqual(fast.map((d) => d.node), parseYamlDocumentsWithLibrary(c, 'x').docs.map((d) => d.node), c);
  }
  for (const unsupported of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', 'a: 1\na: 2\n', 'a:\n\tb: 1\n', '? complex\n: key\n']) {
    assert.equal(fastParseDocuments(unsupported), undefined, unsupported);
  }
  assert.deepEqual([plainValue('~'), plainValue('0x10'), plainValue('1e3'), plainValue('yes'), plainValue('2019-10-23')], [null, 16, 1000, 'yes', '2019-10-23']);
});
