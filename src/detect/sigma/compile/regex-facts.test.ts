/**
 * The facts of a regular expression are necessary conditions: whatever the expression matches
 * must satisfy them. Checked on random expressions over a small alphabet (so that they match
 * often) against random texts, with case variants, the Kelvin sign and the long s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRegex } from './regex.js';
import { factsHold, regexFacts } from './regex-facts.js';
import { seededFloats } from '../../../demo/prng.js';


const ATOMS = ['a', 'b', 'k', 's', 'S', '\\.', '\\\\', ' ', '"', '.', '\\s', '\\d', '\\w', '[ab]', '[a-c.]', '[^a]', '[k"]', '(?:ab|c)', '(a|\\.b)', '^', '$', '\\b', '-'];
const QUANTS = ['', '', '', '?', '*', '+', '{2}', '{1,3}', '{2,}', '{8,}'];
const TEXT = ['a', 'b', 'c', 'k', 's', 'A', 'B', 'K', 'S', '\u212a', '\u017f', '.', '\\', ' ', '"', '1', '-', 'é'];

test('whatever the expression matches satisfies its facts', () => {
  const r = seededFloats(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  let checked = 0;
  let withFacts = 0;
  for (let i = 0; i < 600; i++) {
    const parts = Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(ATOMS) + (r() < 0.4 ? pick(QUANTS) : ''));
    const source = (r() < 0.15 ? '(?i)' : '') + parts.join('') + (r() < 0.1 ? `|${pick(ATOMS)}` : '');
    const flags = { i: r() < 0.15, m: false, s: false };
    let re;
    try {
      re = compileRegex(source, flags, { line: 1, col: 1 }).re;
    } catch {
      continue; // e.g. a quantifier after an anchor
    }
    const facts = regexFacts(source, flags);
    if (facts) withFacts++;
    for (let k = 0; k < 60; k++) {
      const text = Array.from({ length: Math.floor(r() * 14) }, () => pick(TEXT)).join('');
      if (!re.test(text)) continue;
      checked++;
      if (facts) assert.ok(factsHold(facts, text, text.toLowerCase()), `/${source}/${flags.i ? 'i' : ''} matches ${JSON.stringify(text)} but ${JSON.stringify(facts)}`);
    }
  }
  assert.ok(checked > 2000 && withFacts > 300, `${checked} matches checked, ${withFacts} expressions with facts`);
});

test('facts of SigmaHQ-like expressions', () => {
  const f = (s: string) => regexFacts(s, { i: false, m: false, s: false });
  assert.deepEqual(f('\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ "\']{1}')?.factors?.[0], ['. ', '."', ".'"]);
  assert.equal(f('\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}')?.run?.length, 64);
  assert.equal(f('.{1000,}')?.minLength, 1000);
  assert.deepEqual(f('"(?:\\{\\d\\})+"\\s*-f')?.factors, [['-f'], ['"'], ['{']], 'strings inside a group that must occur count too');
  assert.equal(f('a(?=b)'), undefined, 'syntax outside the subset gives no facts');
  assert.equal(regexFacts('(?i)ks', { i: false, m: false, s: false })?.factors, undefined, 'case-insensitive k and s have non-ASCII folds');
});
