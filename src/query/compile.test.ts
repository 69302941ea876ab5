/** The exact SQL and bound values for representative queries, and compile-time errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery, type CompileOptions } from './compile.js';
import { QuerySyntaxError } from './errors.js';
import { parseQuery } from './parser.js';
import { matchField, resolveField } from './fields.js';
import { clickhouseDialect } from './sql/clickhouse-dialect.js';
import { render } from './sql/dialect.js';
import { duckdbDialect } from './sql/duckdb-dialect.js';
import { textContains } from './text-match.js';

const NOW = Date.UTC(2026, 0, 8);
const DAY = 86_400_000;

function compile(q: string, opts: CompileOptions = {}) {
  return compileQuery(parseQuery(q), { now: NOW, ...opts });
}

function compileError(q: string, column: number, message: RegExp): void {
  assert.throws(
    () => compile(q),
    (e: unknown) => e instanceof QuerySyntaxError && e.column === column && message.test(e.message),
    q,
  );
}

test('time range + equality + stats count() by: sargable time bounds, typed column, no casts', () => {
  const c = compile('event.outcome:failure | stats count() by user.name', { from: NOW - DAY, to: NOW });
  assert.equal(
    c.sql,
    'SELECT "user.name", count(*) AS "count" FROM "events" WHERE ("@timestamp" >= CAST($1 AS TIMESTAMP) AND "@timestamp" < CAST($2 AS TIMESTAMP) AND ("event.outcome" ILIKE $3) AND "user.name" IS NOT NULL) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $4',
  );
  assert.deepEqual(c.params, ['2026-01-07T00:00:00.000Z', '2026-01-08T00:00:00.000Z', 'failure', 10_000]);
  assert.equal(c.shape, 'stats');
  assert.deepEqual(c.columns, ['user.name', 'count']);
});

test('raw rows: every stored column, newest first, default limit', () => {
  const c = compile('user.name:alice source.port:>1024');
  assert.match(c.sql, /^SELECT "id", "@timestamp", .*"fields", "native", "meta" FROM "events" WHERE \(\("user\.name" ILIKE \$1\) AND "source\.port" > \$2\) ORDER BY "@timestamp" DESC, "id" DESC LIMIT \$3$/);
  assert.deepEqual(c.params, ['alice', 1024, 100]);
  assert.equal(c.shape, 'rows');
  assert.equal(c.columns[0], 'id');
  assert.ok(c.columns.includes('native'));
});

test('values without letters compare exactly; substrings use contains on lower()', () => {
  assert.match(compile('event.code:4624').sql, /WHERE "event\.code" = \$1 ORDER/);
  assert.match(compile('source.ip:10.0.0.1').sql, /WHERE "source\.ip" = \$1 ORDER/);
  assert.match(compile('process.command_line:*certutil*').sql, /WHERE contains\(lower\("process\.command_line"\), lower\(\$1\)\) ORDER/);
  assert.match(compile('process.name:cmd*').sql, /WHERE starts_with\(lower\("process\.name"\), lower\(\$1\)\) ORDER/);
  assert.match(compile('file.path:*.EXE').sql, /WHERE ends_with\(lower\("file\.path"\), lower\(\$1\)\) ORDER/);
  const like = compile('user.name:a*b?c');
  assert.match(like.sql, /WHERE \(lower\("user\.name"\) LIKE lower\(\$1\)\) ORDER/);
  assert.equal(like.params[0], 'a%b_c');
  assert.match(compile('user.name:100%*').sql, /WHERE starts_with\("user\.name", \$1\) ORDER/, 'no LIKE needed for a prefix');
  const escaped = compile('user.name:5%*1?');
  assert.match(escaped.sql, /WHERE \("user\.name" LIKE \$1 ESCAPE \$2\) ORDER/, 'ESCAPE only when the pattern has a backslash');
  assert.deepEqual(escaped.params.slice(0, 2), ['5\\%%1_', '\\']);
  assert.match(compile('user.name:"a_b"').sql, /WHERE lower\("user\.name"\) = lower\(\$1\) ORDER/);
});

test('single-event lookup bounds the time to the id millisecond', () => {
  const c = compile('id:01KAQ3Z1230000000000000000');
  assert.match(c.sql, /WHERE \("id" = \$1 AND "@timestamp" >= CAST\(\$2 AS TIMESTAMP\) AND "@timestamp" < CAST\(\$3 AS TIMESTAMP\)\) ORDER/);
  assert.equal(c.params[0], '01KAQ3Z1230000000000000000');
});

test('fields without a column read JSON through bound paths; free text reads message and the command line', () => {
  const c = compile('winlog.channel:Security');
  assert.match(c.sql, /WHERE list_bool_or\(list_transform\(\[coalesce\(json_extract\("fields", \$1\), json_extract\("native", \$2\), json_extract\("native", \$3\)\)\], .* lambda _e1: \(_e1 ILIKE \$7\)\)\) > 0\)\) ORDER/);
  assert.deepEqual(c.params.slice(0, 7), ['$."winlog.channel"', '$."winlog"."channel"', '$."winlog.channel"', 'ARRAY', '$[*]', '$', 'Security']);
  const t = compile('"C:\\Temp"');
  assert.match(t.sql, /WHERE \(contains\(lower\("message"\), lower\(\$1\)\) OR contains\(lower\("process\.command_line"\), lower\(\$2\)\)\) ORDER/);
  assert.deepEqual(t.params.slice(0, 2), ['C:\\Temp', 'C:\\Temp']);
  const n = compile('native:"C:\\Temp"');
  assert.match(n.sql, /WHERE contains\(lower\("native"\), lower\(\$1\)\) ORDER/);
  assert.deepEqual(n.params[0], 'C:\\\\Temp', 'matched as JSON writes it');
  assert.throws(() => compile('x', { freeTextColumns: ['source.port'] }), /not a text column/);
  compileError('native:>5', 8, /native is the whole record/);
});

test('NOT keeps events where the field is absent', () => {
  assert.match(compile('NOT user.name:bob').sql, /WHERE \(\("user\.name" ILIKE \$1\)\) IS NOT TRUE ORDER/);
});

test('pipes in order: head before stats becomes a subquery; sort after stats uses output names', () => {
  const c = compile('* | head 1000 | stats count() by host.name | sort -count | head 5');
  assert.match(c.sql, /^SELECT "host\.name", count\(\*\) AS "count" FROM \(SELECT .* FROM "events" ORDER BY "@timestamp" DESC, "id" DESC LIMIT \$1\) AS "_stage1" WHERE "host\.name" IS NOT NULL GROUP BY 1 ORDER BY "count" DESC NULLS LAST LIMIT \$2$/);
  assert.deepEqual(c.params, [1000, 5]);
  compileError('* | stats count() by host.name | sort user.name', 39, /cannot sort by "user\.name" after stats; expected "host\.name" or "count"/);
  compileError('* | fields user.name | stats count() by host.name', 41, /no column "host\.name" at this point/);
  compileError('* | stats count(), count()', 5, /two columns named "count"/);
});

test('limits: head and the caller limit are capped by maxRows', () => {
  assert.equal(compile('* | head 50000').params.at(-1), 10_000);
  assert.equal(compile('*', { limit: 20 }).params.at(-1), 20);
  assert.equal(compile('* | head 7', { limit: 20 }).params.at(-1), 7);
  assert.equal(compile('* | stats count() by host.name', { limit: 20 }).params.at(-1), 10_000, 'the raw-row limit does not cut aggregates');
  assert.equal(compile('* | stats count() by host.name', { maxRows: 50 }).params.at(-1), 50);
  assert.throws(() => compile('*', { limit: 0 }), /limit must be a positive whole number/);
  assert.equal(compile('*', { limit: 1e20 }).params.at(-1), 10_000, 'a huge limit is capped');
  assert.throws(() => compile('*', { from: 1e300 }), /from must be epoch milliseconds/);
  assert.throws(() => compile('*', { table: 'events; DROP TABLE x' }), /not a relation name/);
});

test('timechart: bucket by a bound span, ordered by time', () => {
  const c = compile('* | timechart span=5m avg(network.bytes) by host.name');
  assert.equal(c.sql, 'SELECT time_bucket(to_milliseconds($1), "@timestamp") AS "_time", "host.name", avg("network.bytes") AS "avg(network.bytes)" FROM "events" WHERE "host.name" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2 LIMIT $2');
  assert.deepEqual(c.params, [300_000, 10_000]);
  assert.deepEqual(c.columns, ['_time', 'host.name', 'avg(network.bytes)']);
  assert.equal(c.shape, 'timechart');
});

test('compile-time errors name the column of the value or field', () => {
  compileError('network.bytes:lots', 15, /network\.bytes holds numbers; "lots" is not a number/);
  compileError('a:1 OR network.bytes:>x', 22, /"x" is not a number/);
  compileError('source.port:10.0.0.0/8', 13, /holds numbers, not IP addresses/);
  compileError('@timestamp:yesterday', 12, /not a time: "yesterday"/);
  compileError('@timestamp:2026*', 12, /is a time/);
  compileError('x.:1', 1, /"x\." is not a field name/);
  compileError('* | stats sum(@timestamp)', 15, /@timestamp is not a number/);
});

test('ClickHouse renders the same query with its own spellings and typed placeholders', () => {
  const c = compile('user.name:alice event.category:auth* source.ip:10.0.0.0/8 | stats dc(user.name) by host.name', { dialect: clickhouseDialect, from: NOW });
  assert.equal(
    c.sql,
    "SELECT `host.name`, uniqExact(`user.name`) AS `dc(user.name)` FROM `events` WHERE (`@timestamp` >= {p1:DateTime64(6, 'UTC')} AND ((`user.name` ILIKE {p2:String}) AND arrayExists(_e1 -> startsWith(lowerUTF8(_e1), lowerUTF8({p3:String})), `event.category`) AND (startsWith(`source.ip`, {p4:String}) AND (toUInt32OrNull(toIPv4OrNull(`source.ip`)) BETWEEN {p5:Int64} AND {p6:Int64}))) AND `host.name` IS NOT NULL) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {p7:Int64}",
  );
  assert.deepEqual(c.params, ['2026-01-08 00:00:00.000000', 'alice', 'auth', '10.', 167772160, 184549375, 10_000]);
});

test('matchField gives Sigma the same any-element semantics as queries', () => {
  const sqlOf = (name: string) => render(matchField(resolveField(name), (v) => textContains(v, 'x')), duckdbDialect).sql;
  assert.equal(sqlOf('process.name'), 'contains(lower("process.name"), lower($1))');
  assert.equal(sqlOf('tags'), '(len(list_filter("tags", lambda _e1: contains(lower(_e1), lower($1)))) > 0)');
  assert.match(sqlOf('CommandLine'), /^list_bool_or\(list_transform\(\[coalesce\(json_extract\("fields", \$1\), json_extract\("native", \$2\)\)\]/);
});

test('raw rows with a filter the scans cannot take find the newest hits first, then read whole rows in their time range', () => {
  const c = compile('certutil | head 20');
  assert.match(
    c.sql,
    /^WITH "_hits" AS \(SELECT "@timestamp" FROM "events" WHERE \(contains\(lower\("message"\), lower\(\$1\)\) OR contains\(lower\("process\.command_line"\), lower\(\$2\)\)\) ORDER BY "@timestamp" DESC LIMIT \$3\) SELECT "id", .* FROM "events", \(SELECT coalesce\(min\("@timestamp"\), CAST\(\$4 AS TIMESTAMP\)\) AS "_lo", coalesce\(max\("@timestamp"\), CAST\(\$5 AS TIMESTAMP\)\) AS "_hi" FROM "_hits"\) AS "_bounds" WHERE \("@timestamp" BETWEEN "_bounds"\."_lo" AND "_bounds"\."_hi" AND \(contains\(lower\("message"\), lower\(\$6\)\) OR contains\(lower\("process\.command_line"\), lower\(\$7\)\)\)\) ORDER BY "@timestamp" DESC, "id" DESC LIMIT \$8$/,
  );
  assert.deepEqual(c.params, ['certutil', 'certutil', 20, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', 'certutil', 'certutil', 20]);
  for (const pushable of ['process.command_line:*certutil*', 'user.name:(a OR b) host.name:x', 'id:01KAQ3Z1230000000000000000', 'NOT tags:x', 'native:*x*'])
    assert.match(compile(pushable).sql, /^SELECT /, pushable);
  for (const twoStep of ['user.name:a OR host.name:b', 'winlog.channel:Security', 'a b'])
    assert.match(compile(twoStep).sql, /^WITH "_hits"/, twoStep);
  assert.match(compile('a OR b | sort user.name').sql, /^SELECT /, 'an explicit order is kept as written');
});
