/**
 * The automaton against the obvious answer (each pattern's `includes` in the folded text), over
 * random pattern sets of every size (short ones that cannot skip, long ones that do; tables
 * that grow), texts with characters that fold into ASCII (Kelvin sign) and outside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AhoCorasick } from './aho-corasick.js';
import { foldUnit } from './fold.js';
import { seededFloats } from '../../../demo/prng.js';


const PIECES = ['a', 'b', 'c', 'ab', '.', '\\', 'é', 'É', 'K', 'k', '\u212a', 'x', 'yz', ' ', 'exe'];

test('collect and test report exactly the patterns the folded text contains', () => {
  const r = seededFloats(3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const word = (n: number): string => Array.from({ length: n }, () => pick(PIECES)).join('');
  const marks = new Uint32Array(1024);
  const out = new Int32Array(1024);
  let epoch = 0;
  let found = 0;
  for (let iter = 0; iter < 400; iter++) {
    const fold = r() < 0.5;
    const minLen = pick([1, 3, 6, 16]);
    const pats = Array.from({ length: 1 + Math.floor(r() * (r() < 0.2 ? 300 : 8)) }, () => word(minLen + Math.floor(r() * 4))).map((p) => (fold ? p.toLowerCase() : p));
    const ac = new AhoCorasick(pats, undefined, { foldCase: fold });
    for (let k = 0; k < 20; k++) {
      const text = word(Math.floor(r() * 20));
      const folded = fold ? Array.from(text, (c) => String.fromCharCode(foldUnit(c.charCodeAt(0)))).join('') : text;
      const want = pats.flatMap((p, i) => (folded.includes(p) ? [i] : []));
      const n = ac.collect(text, marks, ++epoch, out, 0);
      assert.deepEqual([...out.slice(0, n)].sort((a, b) => a - b), want, `${JSON.stringify(pats)} in ${JSON.stringify(text)}`);
      assert.equal(ac.test(text), want.length > 0);
      found += want.length;
    }
  }
  assert.ok(found > 1000, `patterns were found ${found} times (the test must exercise matches)`);
});
