import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuleError } from '../diagnostics.js';
import { compileRegex, requiredLiteral, translatePcre } from './regex.js';

const P = { line: 3, col: 7 };

test('PCRE constructs a linear-time engine cannot run are refused by name', () => {
  for (const [re, name] of [
    ['a(?=b)', 'lookahead'],
    ['a(?!b)', 'lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['(a)\\1', 'backreference'],
    ['(?<n>a)\\k<n>', 'named backreference'],
    ['(?>a)', 'atomic group'],
    ['a++', 'possessive'],
    ['(?(1)a|b)', 'conditional'],
  ] as const) {
    assert.throws(() => translatePcre(re, P), (e: unknown) => e instanceof RuleError && e.message.includes(name) && e.pos === P, re);
  }
  assert.equal(translatePcre('x\\Z', P), 'x\\z');
  assert.equal(translatePcre('(?<word>\\w+)', P), '(?P<word>\\w+)');
  assert.equal(translatePcre('[(?=]', P), '[(?=]', 'inside a class it is plain text');
  assert.throws(() => compileRegex('a{2,1}', { i: false, m: false, s: false }, P), RuleError);
});

test('flags i, m, s and catastrophic patterns stay linear', () => {
  assert.ok(compileRegex('^b$', { i: false, m: true, s: false }, P).re.test('a\nb\nc'));
  assert.ok(!compileRegex('^b$', { i: false, m: false, s: false }, P).re.test('a\nb\nc'));
  assert.ok(compileRegex('a.b', { i: false, m: false, s: true }, P).re.test('a\nb'));
  assert.ok(compileRegex('ABC', { i: true, m: false, s: false }, P).re.test('xabcx'));
  // (a+)+b on a long run of a's backtracks exponentially elsewhere; here it is one linear pass.
  assert.equal(compileRegex('(a+)+b', { i: false, m: false, s: false }, P).re.test('a'.repeat(20_000)), false);
});

test('a literal every match must contain is found for guards and prefilters', () => {
  assert.equal(requiredLiteral('cmd.{0,5}(?:/c|/r)(?:\\s|)"set\\s[a-z]{3,6}', false), '"set');
  assert.equal(requiredLiteral('\\\\Windows\\\\__1\\d{9}\\.\\d{1,7}$', false), '\\windows\\__1');
  assert.equal(requiredLiteral('abc|def', false), undefined, 'top-level alternation');
  assert.equal(requiredLiteral('ab?cdef', false), 'cdef', 'an optional character ends the run');
  assert.equal(requiredLiteral('(?i)powershell', true), 'power', 'case-insensitive guards avoid s (long s folds to it)');
  assert.equal(requiredLiteral('[0-9]{2}xyz', false), 'xyz');
});
