import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from './parser.js';
import { QuerySyntaxError } from './errors.js';
import { explainQuery } from './explain.js';
import { parseTime } from './time.js';

function syntaxError(q: string, column: number, message: RegExp): void {
  assert.throws(() => parseQuery(q), (e: unknown) => {
    assert.ok(e instanceof QuerySyntaxError, String(e));
    assert.equal(e.column, column, `${q}: ${e.message}`);
    assert.match(e.message, message);
    return true;
  });
}

test('precedence: NOT binds tighter than AND (explicit or implicit), AND tighter than OR', () => {
  const q = parseQuery('a:1 b:2 OR NOT c:3 AND d:4');
  assert.equal(q.filter?.kind, 'or');
  assert.equal(explainQuery(q), "events where (a is '1' (any case) and b is '2' (any case) or not (c is '3' (any case)) and d is '4' (any case))");
});

test('terms: phrases, wildcards, ranges, comparisons, exists, negation, groups, free text', () => {
  const q = parseQuery('user.name:"Alice Smith" host.name:web-* -process.name:cmd.exe port:[10 TO 20] bytes:>=100 tags:* mimikatz src:(a OR b)');
  const kinds: string[] = [];
  const walk = (e: any): void => (e.left ? (walk(e.left), walk(e.right)) : kinds.push(e.kind === 'not' ? `not:${e.expr.kind}` : e.kind));
  walk(q.filter);
  assert.deepEqual(kinds, ['match', 'match', 'not:match', 'range', 'compare', 'exists', 'text', 'match', 'match']);
});

test('values may contain colons: times and IPv6', () => {
  const q = parseQuery('@timestamp:[2026-11-20T10:00:00Z TO 2026-11-20T11:00:00Z] source.ip:fe80::1');
  assert.match(explainQuery(q), /between 2026-11-20T10:00:00Z and 2026-11-20T11:00:00Z and source\.ip is 'fe80::1'/);
});

test('pipes: stats with several aggregations by fields, sort, head, fields, timechart', () => {
  const q = parseQuery('* | stats count(), sum(network.bytes) as total, dc(user.name) by source.ip, host.name | sort -total | head 5');
  assert.equal(q.filter, undefined);
  assert.deepEqual(q.pipes.map((p) => p.kind), ['stats', 'sort', 'head']);
  const stats = q.pipes[0] as Extract<(typeof q.pipes)[0], { kind: 'stats' }>;
  assert.deepEqual(stats.aggs.map((a) => a.name), ['count()', 'total', 'dc(user.name)']);
  assert.deepEqual(stats.by, ['source.ip', 'host.name']);
  const tc = parseQuery('event.outcome:failure | timechart span=15m count() by user.name').pipes[0];
  assert.equal(tc.kind === 'timechart' && tc.spanMs, 900_000);
  const sortAgg = parseQuery('* | stats count() by a | sort -count()').pipes[1];
  assert.deepEqual(sortAgg.kind === 'sort' && sortAgg.keys, [{ field: 'count()', desc: true }]);
});

test('syntax errors carry the column of the problem', () => {
  syntaxError('user.name:"unterminated', 11, /unterminated quoted string/);
  syntaxError('(a:1 OR b:2', 12, /expected "\)"/);
  syntaxError('a:1 | stats bogus()', 13, /unknown aggregation "bogus"/);
  syntaxError('a:1 | stats sum()', 13, /sum\(\) needs a field/);
  syntaxError('a:1 | frobnicate', 7, /unknown command "frobnicate"/);
  syntaxError('a:1 | head zero', 12, /positive whole number/);
  syntaxError('a:1 | timechart span=soon count()', 17, /span=DURATION/);
  syntaxError('port:[1 20]', 9, /expected TO/);
  syntaxError('a:1 )', 5, /unexpected "\)"/);
});

test('limits: depth and term count are bounded', () => {
  syntaxError(`${'('.repeat(40)}a:1${')'.repeat(40)}`, 33, /nesting deeper than 32/);
  assert.throws(() => parseQuery(Array.from({ length: 300 }, (_, i) => `f:${i}`).join(' OR ')), /more than 256 terms/);
  assert.throws(() => parseQuery('x'.repeat(10_001)), /longer than 10000/);
});

test('times: ISO, relative, epoch ms; errors say the accepted forms', () => {
  const now = Date.UTC(2026, 10, 22, 12);
  assert.equal(parseTime('now', now), now);
  assert.equal(parseTime('-24h', now), now - 86_400_000);
  assert.equal(parseTime('now-7d', now), now - 7 * 86_400_000);
  assert.equal(parseTime('2026-11-20', now), Date.UTC(2026, 10, 20));
  assert.equal(parseTime('2026-11-20T10:00:00', now), Date.UTC(2026, 10, 20, 10));
  assert.equal(parseTime('2026-11-20T10:00:00+02:00', now), Date.UTC(2026, 10, 20, 8));
  assert.equal(parseTime('1763812800000', now), 1763812800000);
  assert.throws(() => parseTime('yesterday', now), /not a time: "yesterday" \(use ISO-8601/);
});
