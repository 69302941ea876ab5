/** The builder and both dialects, by rendering. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, between, compare, inList, isNull, not, or } from './builder.js';
import { clickhouseDialect } from './clickhouse-dialect.js';
import { render } from './dialect.js';
import { duckdbDialect, duckdbJsonPath } from './duckdb-dialect.js';
import { call, FALSE, ident, jsonAny, jsonText, listAny, param, sql, TRUE } from './fragment.js';

test('the sql tag binds interpolated values and embeds fragments', () => {
  const name = "o'brien";
  const f = sql`SELECT ${ident('user.name')} FROM ${ident('events')} WHERE ${ident('user.name')} = ${name} AND ${ident('source.port')} > ${1024}`;
  assert.deepEqual(render(f, duckdbDialect), { sql: 'SELECT "user.name" FROM "events" WHERE "user.name" = $1 AND "source.port" > $2', params: ["o'brien", 1024] });
  assert.deepEqual(render(f, clickhouseDialect), { sql: 'SELECT `user.name` FROM `events` WHERE `user.name` = {p1:String} AND `source.port` > {p2:Int64}', params: ["o'brien", 1024] });
  assert.throws(() => (sql as unknown as (s: string[]) => unknown)(['SELECT 1']), /template tag/);
});

test('identifiers are validated before they are quoted', () => {
  for (const bad of ['a"b', 'a b', 'x;DROP', '', '1abc', 'a`b', "a'b"]) assert.throws(() => ident(bad), /not a safe SQL identifier/, bad);
  assert.equal(render(ident('sum(network.bytes)'), duckdbDialect).sql, '"sum(network.bytes)"');
  assert.equal(render(ident('@timestamp'), clickhouseDialect).sql, '`@timestamp`');
});

test('boolean helpers fold constants and parenthesize', () => {
  const a = compare(ident('a'), '=', param(1));
  const b = compare(ident('b'), '>', param(2.5));
  assert.equal(render(and(a, b), duckdbDialect).sql, '("a" = $1 AND "b" > $2)');
  assert.equal(render(or(a, and(b, isNull(ident('c')))), duckdbDialect).sql, '("a" = $1 OR ("b" > $2 AND "c" IS NULL))');
  assert.equal(render(not(a), duckdbDialect).sql, '("a" = $1) IS NOT TRUE');
  assert.equal(render(not(a), clickhouseDialect).sql, '(NOT ifNull(`a` = {p1:Int64}, false))');
  assert.equal(and(a, FALSE), FALSE);
  assert.equal(or(TRUE, a), TRUE);
  assert.equal(render(and(TRUE, a), duckdbDialect).sql, '"a" = $1');
  assert.equal(render(inList(ident('a'), ['x', 'y']), duckdbDialect).sql, '"a" IN ($1, $2)');
  assert.equal(render(inList(ident('a'), []), duckdbDialect).sql, 'FALSE');
  assert.equal(render(between(ident('a'), param(1), param(9)), duckdbDialect).sql, '("a" BETWEEN $1 AND $2)');
  assert.throws(() => compare(ident('a'), '; DROP' as '=', param(1)), /not a comparison operator/);
});

test('param types: timestamps become ISO text for DuckDB and DateTime64 text for ClickHouse', () => {
  const f = compare(ident('@timestamp'), '>=', param(Date.UTC(2026, 0, 2, 3, 4, 5, 678), 'timestamp'));
  assert.deepEqual(render(f, duckdbDialect), { sql: '"@timestamp" >= CAST($1 AS TIMESTAMP)', params: ['2026-01-02T03:04:05.678Z'] });
  assert.deepEqual(render(f, clickhouseDialect), { sql: "`@timestamp` >= {p1:DateTime64(6, 'UTC')}", params: ['2026-01-02 03:04:05.678000'] });
  assert.deepEqual(render(param(true), clickhouseDialect), { sql: '{p1:Bool}', params: [true] });
  assert.deepEqual(render(param(1.5), clickhouseDialect), { sql: '{p1:Float64}', params: [1.5] });
  assert.throws(() => param(Number.NaN), /cannot bind/);
});

test('JSON lookups bind their paths; list and JSON lambdas get stable variable names', () => {
  assert.equal(duckdbJsonPath(['a.b', 'c"d']), '$."a.b"."c\\"d"');
  const text = jsonText([{ column: 'fields', path: ['winlog.channel'] }, { column: 'native', path: ['winlog', 'channel'] }]);
  assert.deepEqual(render(text, duckdbDialect), { sql: 'coalesce(json_extract_string("fields", $1), json_extract_string("native", $2))', params: ['$."winlog.channel"', '$."winlog"."channel"'] });
  assert.deepEqual(render(text, clickhouseDialect), {
    sql: 'coalesce(JSONExtract(`fields`, {p1:String}, {p2:String}), JSONExtract(`native`, {p3:String}, {p4:String}, {p5:String}))',
    params: ['winlog.channel', 'Nullable(String)', 'winlog', 'channel', 'Nullable(String)'],
  });
  const anyTag = listAny(ident('tags'), (el) => call('starts_with', el, param('x')));
  assert.equal(render(and(anyTag, anyTag), duckdbDialect).sql, '((len(list_filter("tags", lambda _e1: starts_with(_e1, $1))) > 0) AND (len(list_filter("tags", lambda _e1: starts_with(_e1, $2))) > 0))');
  assert.equal(render(anyTag, clickhouseDialect).sql, 'arrayExists(_e1 -> startsWith(_e1, {p1:String}), `tags`)');
  const json = jsonAny([{ column: 'fields', path: ['related.ip'] }], (el) => compare(el, '=', param('10.0.0.1')));
  assert.equal(
    render(json, duckdbDialect).sql,
    'list_bool_or(list_transform([json_extract("fields", $1)], lambda _e1_json: len(list_filter(CASE WHEN json_type(_e1_json) = $2 THEN json_extract_string(_e1_json, $3) ELSE [json_extract_string(_e1_json, $4)] END, lambda _e1: _e1 = $5)) > 0))',
  );
  assert.throws(() => jsonText([{ column: 'native; DROP', path: ['a'] }]), /not a JSON column name/);
  assert.throws(() => jsonText([]), /at least one source/);
});

test('portable functions have a spelling in both dialects', () => {
  const fns = ['lower', 'contains', 'starts_with', 'ends_with', 'like', 'ilike', 'regex_matches', 'coalesce', 'is_not_true', 'to_double', 'to_text', 'list_contains', 'list_lower', 'list_length', 'unnest', 'time_bucket', 'count_distinct', 'ipv4_number', 'ipv6_hex'] as const;
  for (const fn of fns) {
    for (const dialect of [duckdbDialect, clickhouseDialect]) {
      const r = render(call(fn, ident('a'), param('p')), dialect);
      assert.ok(r.sql.length > 0 && !r.sql.includes('undefined'), `${dialect.name} ${fn}: ${r.sql}`);
    }
  }
  assert.equal(render(call('like', ident('a'), param('x%')), duckdbDialect).sql, '("a" LIKE $1)');
  assert.equal(render(call('like', ident('a'), param('x\\%%')), duckdbDialect).sql, '("a" LIKE $1 ESCAPE $2)');
});
