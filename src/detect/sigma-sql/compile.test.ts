/**
 * The compiler's contract: values are bound (no rule value or JSON key in the SQL text), what
 * SQL cannot express is refused with a reason, DuckDB's RE2 spelling, merged or-tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duckdbDialect, render } from '../../query/index.js';
import type { RecordShape } from '../sigma/index.js';
import { compileText, procRule } from '../sigma/testing/helpers.js';
import { compileSigmaToSql } from './compile.js';
import { classifiedEvents } from './relation.js';
import { sql } from './sql-kit.js';
import { duckdbRegex, globRegex, searchRegex } from './text-tests.js';

const P = { line: 1, col: 1 };

function compiled(detection: string, shapes?: readonly RecordShape[]) {
  const res = compileText(procRule(detection));
  assert.deepEqual(res.rejected, []);
  const c = compileSigmaToSql(res.bundle.rules[0].ir, shapes ? { shapes } : {});
  assert.ok(c.ok, c.ok ? '' : c.reason);
  return c;
}

test('rule values, field names and JSON keys are bound parameters, never SQL text', () => {
  const c = compiled("  sel:\n    CommandLine|contains: [\"x' OR 1=1 --\", 'evil$\"quote']\n    'Weird\"Field': 'v'\n  condition: sel");
  for (const where of [c.where, c.scalarWhere]) {
    const r = render(sql`SELECT 1 FROM (${classifiedEvents({ slots: c.slots, facets: c.facets })}) WHERE ${where}`, duckdbDialect);
    for (const text of ["x' or 1=1", 'evil', 'Weird', 'CommandLine', 'process_creation', 'windows', 'Sysmon']) assert.ok(!r.sql.toLowerCase().includes(text.toLowerCase()), `${text} in SQL text`);
    assert.ok(!/'[^']*'/.test(r.sql), 'no string literal in the SQL text');
    assert.ok(r.params.some((p) => typeof p === 'string' && p.includes("x' or 1=1 --")), 'the value is bound (lower-cased)');
  }
});

test('what SQL cannot express exactly is refused with a reason', () => {
  const res = compileText(procRule('  sel: {UtcTime|hour: 3}\n  condition: sel'));
  const c = compileSigmaToSql(res.bundle.rules[0].ir);
  assert.equal(c.ok, false);
  assert.match(c.ok ? '' : c.reason, /hour modifier .* Date\.parse/);
  const ir = { ...res.bundle.rules[0].ir, logsource: {} };
  const none = compileSigmaToSql(ir);
  assert.equal(none.ok, false);
  assert.match(none.ok ? '' : none.reason, /names no product, service or category/);
});

test('keywords are flagged; routes keep only the logsource; shapes limit the renderings', () => {
  const res = compileText("title: k\nlogsource: {product: windows, service: security}\ndetection:\n  keywords: [mimikatz]\n  condition: keywords\n");
  const c = compileSigmaToSql(res.bundle.rules[0].ir, { shapes: ['evtx'] });
  assert.ok(c.ok && c.keywords);
  const route = render(c.route, duckdbDialect);
  assert.deepEqual(route.params, ['evtx', 'windows', 'security']);
  const all = compileSigmaToSql(res.bundle.rules[0].ir);
  assert.ok(all.ok && render(all.where, duckdbDialect).params.filter((p) => p === 'generic').length === 1);
});

test('or-ed values on one field merge into one test: an equality list or one RE2 search', () => {
  const c = compiled("  sel:\n    Image|endswith: ['\\a.exe', '\\b.exe', '\\c.exe']\n    OriginalFileName: ['A.EXE', 'B.EXE']\n  condition: sel", ['evtx']);
  const r = render(c.scalarWhere, duckdbDialect);
  assert.equal((r.sql.match(/regexp_matches/g) ?? []).length, 1);
  assert.ok(r.params.includes('(?s)\\\\a\\.exe$|\\\\b\\.exe$|\\\\c\\.exe$'), JSON.stringify(r.params));
  assert.ok(r.params.includes('a.exe') && r.params.includes('b.exe'));
  assert.match(r.sql, /list_contains\(\[\$\d+, \$\d+\]/);
});

test('RE2 spelling for DuckDB: flags inline, named groups as (?P<…>), Python \\Z as \\z', () => {
  assert.equal(duckdbRegex('(?<verb>get|set)-item', { i: true, m: false, s: true }, P), '(?is)(?P<verb>get|set)-item');
  assert.equal(duckdbRegex('[(?<x>]a\\(?<y>b\\Z', { i: false, m: false, s: false }, P), '[(?<x>]a\\(?<y>b\\z');
  assert.equal(searchRegex([{ k: 'star' }, { k: 'lit', s: 'a.b' }, { k: 'one' }]), 'a\\.b.$');
  assert.equal(searchRegex([{ k: 'lit', s: 'x' }, { k: 'star' }]), '^x');
  assert.equal(searchRegex([]), '^$');
  assert.equal(globRegex([{ k: 'lit', s: 'a' }, { k: 'class', chars: ['-', '/', ']'] }, { k: 'star' }]), '(?s)a[\\-/\\]].*');
});
