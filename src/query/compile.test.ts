/** Compiled queries executed against the real DuckDB store, plus rendering guarantees. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';
import type { VigilEvent } from '../core/event.js';
import { newEventId } from '../core/ids.js';
import { parseQuery } from './parser.js';
import { compileQuery } from './compile.js';
import { clickhouseDialect } from './sql/clickhouse-dialect.js';
import { QuerySyntaxError } from './errors.js';

const T0 = Date.UTC(2026, 10, 20, 12);
const store = new DuckDbStore({ path: ':memory:', partition: 'day', threads: 1 });

function ev(i: number, fields: VigilEvent['fields'], native: Record<string, unknown> = {}): VigilEvent {
  const ts = T0 + i * 60_000;
  return { id: newEventId(ts), ts, fields, native, meta: { source: i % 2 ? 'fw' : 'ssh', ingestTime: ts } };
}

before(async () => {
  await store.open();
  await store.append([
    ev(0, { 'user.name': 'Alice', 'event.outcome': 'failure', 'source.ip': '10.1.2.3', 'event.category': ['authentication'], 'network.bytes': 100, message: 'Failed password for alice' }),
    ev(1, { 'user.name': 'alice', 'event.outcome': 'success', 'source.ip': '192.168.1.9', 'event.category': ['authentication', 'session'], 'network.bytes': 300 }),
    ev(2, { 'user.name': 'bob', 'event.outcome': 'failure', 'source.ip': '10.200.0.1', 'network.bytes': 50, 'http.request.method': 'GET', 'custom.size': '2048' }),
    ev(3, { 'user.name': 'carol', 'process.command_line': 'powershell -enc SQBFAFgA', 'host.name': 'ws-01' }, { Event: { System: { EventID: 4688, Computer: 'WS-01' } } }),
    ev(90, { 'user.name': 'dave_x', 'host.name': 'web-02', message: '100% done' }),
  ]);
});
after(() => store.close());

async function run(q: string, opts: Parameters<typeof compileQuery>[1] = {}) {
  const c = compileQuery(parseQuery(q), { now: T0 + 86_400_000, ...opts });
  const res = await store.query({ sql: c.sql, params: c.params });
  return { ...res, compiled: c };
}
const users = (rows: Array<Record<string, unknown>>) => rows.map((r) => r['user.name']).sort();

test('field:value is case-insensitive; wildcards, negation, OR, groups', async () => {
  assert.deepEqual(users((await run('user.name:ALICE')).rows), ['Alice', 'alice']);
  assert.deepEqual(users((await run('user.name:a* AND NOT event.outcome:success')).rows), ['Alice']);
  assert.deepEqual(users((await run('user.name:(bob OR carol)')).rows), ['bob', 'carol']);
  assert.deepEqual(users((await run('-user.name:alice user.name:*o*')).rows), ['bob', 'carol']);
  // '_' in a value is literal, not LIKE's any-character.
  assert.deepEqual(users((await run('user.name:dave_*')).rows), ['dave_x']);
  assert.deepEqual(users((await run('user.name:dave?x')).rows), ['dave_x']);
});

test('numbers, ranges, CIDR, list columns, exists, JSON fields and native paths', async () => {
  assert.deepEqual(users((await run('network.bytes:>=100')).rows), ['Alice', 'alice']);
  assert.deepEqual(users((await run('network.bytes:[50 TO 100]')).rows), ['Alice', 'bob']);
  assert.deepEqual(users((await run('source.ip:10.0.0.0/8')).rows), ['Alice', 'bob']);
  assert.deepEqual(users((await run('event.category:session')).rows), ['alice']);
  assert.deepEqual(users((await run('event.category:*')).rows), ['Alice', 'alice']);
  assert.deepEqual(users((await run('http.request.method:get')).rows), ['bob']);
  assert.deepEqual(users((await run('custom.size:>1000')).rows), ['bob']);
  assert.deepEqual(users((await run('Event.System.EventID:4688')).rows), ['carol']);
  assert.deepEqual(users((await run('native.Event.System.Computer:ws-01')).rows), ['carol']);
  assert.deepEqual(users((await run('process.command_line:*-enc*')).rows), ['carol']);
});

test('free text searches message and the JSON of fields and native; % is literal', async () => {
  assert.deepEqual(users((await run('password')).rows), ['Alice']);
  assert.deepEqual(users((await run('"100%"')).rows), ['dave_x']);
  assert.deepEqual(users((await run('WS-01')).rows), ['carol']);
});

test('time range, default newest-first order and limits', async () => {
  const r = await run('*', { from: T0 + 60_000, to: T0 + 3 * 60_000 });
  assert.deepEqual(r.rows.map((x) => x['user.name']), ['bob', 'alice']);
  assert.equal((await run('* | head 2')).rows.length, 2);
  assert.equal((await run('*', { limit: 3 })).rows.length, 3);
  assert.equal((await run('* | head 50', { maxRows: 4 })).rows.length, 4);
  assert.deepEqual(users((await run('@timestamp:>=2026-11-20T13:00:00Z')).rows), ['dave_x']);
});

test('stats, sort, fields and timechart', async () => {
  const s = await run('* | stats count(), sum(network.bytes) as bytes, dc(user.name) by event.outcome | sort event.outcome');
  assert.deepEqual(s.columns, ['event.outcome', 'count()', 'bytes', 'dc(user.name)']);
  assert.deepEqual(s.rows, [
    { 'event.outcome': 'failure', 'count()': 2, bytes: 150, 'dc(user.name)': 2 },
    { 'event.outcome': 'success', 'count()': 1, bytes: 300, 'dc(user.name)': 1 },
    { 'event.outcome': null, 'count()': 2, bytes: null, 'dc(user.name)': 2 },
  ]);
  const top = await run('* | stats count() by source | head 1');
  assert.deepEqual(top.rows, [{ source: 'ssh', 'count()': 3 }]);
  const f = await run('user.name:bob | fields user.name, source.ip');
  assert.deepEqual(f.rows, [{ 'user.name': 'bob', 'source.ip': '10.200.0.1' }]);
  const tc = await run('* | timechart span=1h count()');
  assert.deepEqual(tc.rows.map((r) => r['count()']), [4, 1]);
  assert.equal(tc.compiled.shape, 'timechart');
  const headThenStats = await run('* | sort @timestamp | head 2 | stats count()');
  assert.deepEqual(headThenStats.rows, [{ 'count()': 2 }]);
});

test('no user value ever appears in the SQL text: everything is bound', () => {
  const evil = `x'; DROP TABLE events; --`;
  const q = `user.name:"${evil}" OR "${evil}" OR native.a:"${evil}" | stats count() by host.name`;
  for (const dialect of [undefined, clickhouseDialect]) {
    const c = compileQuery(parseQuery(q), { dialect });
    assert.ok(!c.sql.includes('DROP TABLE'), c.sql);
    assert.ok(c.params.some((p) => String(p).includes('DROP TABLE')));
  }
  assert.throws(() => compileQuery(parseQuery('a:1 | stats count() by "x"')), QuerySyntaxError);
});

test('type errors name the column: a word where a number belongs', () => {
  assert.throws(() => compileQuery(parseQuery('network.bytes:lots')), (e: unknown) => e instanceof QuerySyntaxError && e.column === 15);
  assert.throws(() => compileQuery(parseQuery('source.ip:2001:db8::/32')), /IPv6 CIDR/);
});

test('ClickHouse rendering uses typed placeholders and its own functions', () => {
  const c = compileQuery(parseQuery('user.name:alice event.category:auth* custom.k:v | stats dc(user.name) by source.ip'), { dialect: clickhouseDialect, from: T0 });
  assert.match(c.sql, /fromUnixTimestamp64Micro\(\{p1:Int64\}\)/);
  assert.match(c.sql, /lowerUTF8\(`user\.name`\) = \{p2:String\}/);
  assert.match(c.sql, /arrayExists\(v -> v ILIKE \{p3:String\}, `event\.category`\)/);
  assert.match(c.sql, /JSONExtractString\(`fields`, \{p4:String\}\)/);
  assert.match(c.sql, /uniqExact\(`user\.name`\)/);
});
