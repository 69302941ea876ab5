import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FilterNode, Match, TermNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { parseQuery } from './parser.js';

function syntaxError(q: string, column: number, message: RegExp, expected?: string): void {
  assert.throws(
    () => parseQuery(q),
    (e: unknown) => {
      assert.ok(e instanceof QuerySyntaxError, String(e));
      assert.equal(e.column, column, `${q}: ${e.message}`);
      assert.match(e.message, message);
      if (expected) assert.ok(e.expected.includes(expected), `${q}: expected ${JSON.stringify(e.expected)}`);
      return true;
    },
  );
}

/** A compact rendering of the tree: (and …), (or …), (not …), field:kind, text:"…". */
function shape(n: FilterNode | null): string {
  if (!n) return 'ALL';
  switch (n.type) {
    case 'and':
    case 'or':
      return `(${n.type} ${n.children.map(shape).join(' ')})`;
    case 'not':
      return `(not ${shape(n.child)})`;
    case 'term':
      return `${n.field.name}:${n.match.kind}`;
    case 'text':
      return `text:${JSON.stringify(n.text)}`;
  }
}

function term(q: string): TermNode {
  const f = parseQuery(q).filter;
  assert.equal(f?.type, 'term');
  return f as TermNode;
}

function match(q: string): Match {
  return term(q).match;
}

test('precedence: NOT binds tighter than AND (explicit or implicit), AND tighter than OR', () => {
  assert.equal(shape(parseQuery('a:1 b:2 OR NOT c:3 AND d:4').filter), '(or (and a:value b:value) (and (not c:value) d:value))');
  assert.equal(shape(parseQuery('a:1 AND (b:2 OR c:3)').filter), '(and a:value (or b:value c:value))');
  assert.equal(shape(parseQuery('-a:1 !b:2 NOT NOT c:3').filter), '(and (not a:value) (not b:value) (not (not c:value)))');
  assert.equal(shape(parseQuery('a:1 && b:2 || c:3').filter), '(or (and a:value b:value) c:value)');
  assert.equal(shape(parseQuery('error OR warn* "disk full"').filter), '(or text:"error" (and text:"warn*" text:"disk full"))');
  assert.equal(shape(parseQuery('and or ORDER').filter), '(and text:"and" text:"or" text:"ORDER")', 'keywords are upper case and whole words');
});

test('every node carries its 1-based columns', () => {
  const q = parseQuery('user.name:alice AND (host.name:"web 1" OR -tags:x)');
  const and = q.filter as Extract<FilterNode, { type: 'and' }>;
  assert.deepEqual([and.column, and.end], [1, 51]);
  const t = and.children[0] as TermNode;
  assert.deepEqual([t.column, t.end, t.field.column, t.field.end, t.value.column, t.value.end], [1, 16, 1, 10, 11, 16]);
  const or = and.children[1] as Extract<FilterNode, { type: 'or' }>;
  assert.deepEqual([or.column, or.end], [21, 51]);
  const phrase = or.children[0] as TermNode;
  assert.deepEqual([phrase.value.column, phrase.value.end], [32, 39]);
  const not = or.children[1] as Extract<FilterNode, { type: 'not' }>;
  assert.deepEqual([not.column, not.end], [43, 50]);
});

test('term kinds: values, phrases, wildcards, comparisons, ranges, exists, regex, CIDR', () => {
  assert.deepEqual(match('user.name:"Alice Smith"'), { kind: 'value', parts: [{ kind: 'literal', text: 'Alice Smith' }], quoted: true, text: 'Alice Smith' });
  assert.deepEqual(match('host.name:web-*-0?'), { kind: 'value', parts: [{ kind: 'literal', text: 'web-' }, { kind: 'any' }, { kind: 'literal', text: '-0' }, { kind: 'one' }], quoted: false, text: 'web-*-0?' });
  assert.deepEqual(match('bytes:>=100'), { kind: 'compare', op: '>=', value: '100' });
  assert.deepEqual(match('bytes:<5'), { kind: 'compare', op: '<', value: '5' });
  assert.deepEqual(match('port:[10 TO 20]'), { kind: 'range', lower: '10', upper: '20', lowerInclusive: true, upperInclusive: true });
  assert.deepEqual(match('port:{10 TO *]'), { kind: 'range', lower: '10', upper: null, lowerInclusive: false, upperInclusive: true });
  assert.deepEqual(match('@timestamp:[2026-01-01 TO 2026-01-02T10:00:00Z}'), { kind: 'range', lower: '2026-01-01', upper: '2026-01-02T10:00:00Z', lowerInclusive: true, upperInclusive: false });
  assert.deepEqual(match('tags:*'), { kind: 'exists' });
  assert.deepEqual(match('url.full:/admin\\/login\\d+/'), { kind: 'regex', pattern: 'admin/login\\d+' });
  const cidr = match('source.ip:10.0.0.0/8');
  assert.equal(cidr.kind === 'cidr' && `${cidr.network.version}/${cidr.network.prefix}/${cidr.network.first}/${cidr.network.last}`, '4/8/167772160/184549375');
  const v6 = match('source.ip:2001:db8::/32');
  assert.equal(v6.kind === 'cidr' && v6.network.version, 6);
  assert.equal(match('source.ip:"10.0.0.0/8"').kind, 'value', 'quoting makes it literal');
  assert.equal(match('file.path:/etc/passwd').kind, 'value', 'a path is not a regex');
  assert.equal(match('version:1.2.3/4').kind, 'value', 'not an address');
});

test('values may hold colons (times, IPv6, Windows paths) and escapes follow Sigma', () => {
  assert.deepEqual(match('source.ip:fe80::1'), { kind: 'value', parts: [{ kind: 'literal', text: 'fe80::1' }], quoted: false, text: 'fe80::1' });
  assert.deepEqual(match('file.path:C:\\Windows\\\\*'), { kind: 'value', parts: [{ kind: 'literal', text: 'C:\\Windows\\' }, { kind: 'any' }], quoted: false, text: 'C:\\Windows\\*' });
  assert.deepEqual(match('file.path:C:\\Windows\\*'), { kind: 'value', parts: [{ kind: 'literal', text: 'C:\\Windows*' }], quoted: false, text: 'C:\\Windows*' }, 'as in Sigma, \\* is a literal star');
  assert.deepEqual(match('file.name:a\\*b'), { kind: 'value', parts: [{ kind: 'literal', text: 'a*b' }], quoted: false, text: 'a*b' });
  assert.deepEqual(match('msg:a\\ b\\(c\\)'), { kind: 'value', parts: [{ kind: 'literal', text: 'a b(c)' }], quoted: false, text: 'a b(c)' });
  assert.deepEqual(match('msg:"say \\"hi\\" C:\\temp"'), { kind: 'value', parts: [{ kind: 'literal', text: 'say "hi" C:\\temp' }], quoted: true, text: 'say "hi" C:\\temp' });
  assert.equal(shape(parseQuery('http://evil.example/x').filter), 'text:"http://evil.example/x"', 'a URL is free text');
});

test('field groups apply every value to the field', () => {
  assert.equal(shape(parseQuery('user.name:(alice OR bob* OR NOT "c d")').filter), '(or user.name:value user.name:value (not user.name:value))');
  assert.equal(shape(parseQuery('port:(>1024 AND <2048) source.ip:(10.0.0.0/8 OR fe80::1)').filter), '(and (and port:compare port:compare) (or source.ip:cidr source.ip:value))');
});

test('a lone * and an empty query match everything', () => {
  assert.equal(parseQuery('*').filter, null);
  assert.equal(parseQuery('').filter, null);
  assert.equal(parseQuery('   | stats count()').filter, null);
  assert.equal(shape(parseQuery('* AND x').filter), '(and text:"*" text:"x")');
});

test('pipes: stats, sort, head, fields, timechart', () => {
  const text = '* | stats count(), sum(network.bytes) as total, dc(user.name) by source.ip, host.name | sort -total, +host.name | head 5 | fields source.ip total';
  const q = parseQuery(text);
  assert.deepEqual(q.pipes.map((p) => p.type), ['stats', 'sort', 'head', 'fields']);
  const [stats, sort, head, fields] = q.pipes;
  assert.ok(stats.type === 'stats' && sort.type === 'sort' && head.type === 'head' && fields.type === 'fields');
  assert.deepEqual(stats.aggregates.map((a) => [a.fn, a.field?.name, a.name]), [['count', undefined, 'count'], ['sum', 'network.bytes', 'total'], ['dc', 'user.name', 'dc(user.name)']]);
  assert.deepEqual(stats.by.map((f) => [f.name, f.column]), [['source.ip', text.indexOf('source.ip') + 1], ['host.name', text.indexOf('host.name') + 1]]);
  assert.deepEqual(sort.keys.map((k) => [k.field.name, k.descending]), [['total', true], ['host.name', false]]);
  assert.equal(head.count, 5);
  assert.deepEqual(fields.fields.map((f) => f.name), ['source.ip', 'total']);
  assert.deepEqual(parseQuery('x | sort -count()').pipes[0], { type: 'sort', keys: [{ field: { name: 'count', column: 11, end: 18 }, descending: true }], column: 5, end: 18 });
  const tc = parseQuery('event.outcome:failure | timechart span=15m count by user.name').pipes[0];
  assert.ok(tc.type === 'timechart');
  assert.deepEqual([tc.span_ms, tc.spanText, tc.aggregates[0].name, tc.by?.name], [900_000, '15m', 'count', 'user.name']);
  const auto = parseQuery('x | timechart avg(network.bytes)').pipes[0];
  assert.ok(auto.type === 'timechart' && auto.span_ms === 0 && auto.aggregates[0].name === 'avg(network.bytes)');
  const h = parseQuery('x | head').pipes[0];
  assert.ok(h.type === 'head' && h.count === 10);
});

test('syntax errors carry the column and what was expected', () => {
  syntaxError('user.name:"unterminated', 11, /unterminated quoted phrase/);
  syntaxError('(a:1 OR b:2', 12, /unexpected the end of the query; expected "\)"/);
  syntaxError('a:1 )', 5, /unexpected "\)"/);
  syntaxError('user.name:', 11, /unexpected the end/, 'a value for user.name');
  syntaxError('port:[1 20]', 9, /unexpected "20"/, 'TO');
  syntaxError('port:[1 TO 2', 13, /unexpected the end/, '"]"');
  syntaxError('port:[a* TO 2]', 7, /range bound cannot hold wildcards/);
  syntaxError('url.full:/a(b/', 10, /invalid regular expression: .*missing closing \)/);
  syntaxError('a:1 | stats bogus()', 13, /unknown aggregation "bogus"/, 'count()');
  syntaxError('a:1 | stats sum()', 13, /sum\(\) needs a field/);
  syntaxError('a:1 | stats sum', 16, /unexpected the end/, '"(" after sum');
  syntaxError('a:1 | frobnicate', 7, /unknown command "frobnicate"/, 'stats');
  syntaxError('a:1 | head zero', 12, /head takes a whole number/);
  syntaxError('a:1 | head 0', 12, /head takes 1 to/);
  syntaxError('a:1 | timechart span=soon count()', 22, /"soon" is not a span/);
  syntaxError('a:1 | stats count() by', 23, /unexpected the end/, 'a field to group by');
  syntaxError('a:1 | stats count() as 9x', 24, /unexpected "9x"/);
  syntaxError('a:1 | sort', 11, /unexpected the end/, 'a field to sort by');
  syntaxError('a:1 | fields a; b', 15, /unexpected ";"/);
  syntaxError('a:1 | stats count() junk', 21, /unexpected "junk"/, '"|"');
});

test('limits: length, depth, terms, pipes, regex length', () => {
  syntaxError(`${'('.repeat(40)}a:1${')'.repeat(40)}`, 33, /nesting is deeper than 32 levels/);
  syntaxError(`${'NOT '.repeat(40)}a:1`, 129, /nesting is deeper than 32 levels/);
  const many = Array.from({ length: 300 }, (_, i) => `f:${i}`).join(' OR ');
  syntaxError(many, many.indexOf('f:256') + 1, /more than 256 terms/);
  assert.throws(() => parseQuery('x'.repeat(10_001)), /longer than 10000 characters/);
  assert.throws(() => parseQuery(`x${' | head 1'.repeat(17)}`), /more than 16 pipes/);
  assert.throws(() => parseQuery(`f:/${'a'.repeat(1001)}/`), /regular expression is longer than 1000/);
  assert.throws(() => parseQuery('a:1 OR b:2 OR c:3', { limits: { max_terms: 2 } }), /more than 2 terms/);
  assert.doesNotThrow(() => parseQuery(`${'('.repeat(30)}a:1${')'.repeat(30)}`));
});
