/** Compiled queries run on an in-memory DuckDB with the stored schema; results are checked row by row. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery, type CompileOptions } from './compile.js';
import { parseQuery } from './parser.js';
import { TestEvents, type TestEvent } from './test-events.js';

const T0 = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;
const NOW = T0 + 86_400_000;

const EVENTS: TestEvent[] = [
  { ts: T0, fields: { 'user.name': 'Alice', 'event.outcome': 'failure', 'source.ip': '10.1.2.3', 'event.category': ['authentication'], 'network.bytes': 100, 'source.port': 22, message: 'Failed password for alice', 'host.name': 'web-01', 'related.ip': ['10.1.2.3', '192.0.2.7'] } },
  { ts: T0 + MIN, fields: { 'user.name': 'alice', 'event.outcome': 'success', 'source.ip': '192.168.1.9', 'event.category': ['authentication', 'session'], 'network.bytes': 300, 'source.port': 2222, 'host.name': 'web-01', tags: ['VPN', 'prod'] } },
  { ts: T0 + 2 * MIN, fields: { 'user.name': 'bob', 'event.outcome': 'failure', 'source.ip': '10.200.0.1', 'network.bytes': 50, 'http.request.method': 'GET', 'custom.size': '2048', 'host.name': 'db-01' } },
  {
    ts: T0 + 3 * MIN,
    fields: { 'user.name': 'carol', 'process.command_line': 'C:\\Windows\\System32\\certutil.exe -urlcache -f http://x', 'host.name': 'ws-01', 'event.code': '4688', 'source.ip': '2001:db8::5' },
    native: { Event: { System: { EventID: 4688, Computer: 'WS-01' }, EventData: { CommandLine: 'C:\\Windows\\System32\\certutil.exe -urlcache' } } },
  },
  { ts: T0 + 90 * MIN, fields: { 'user.name': 'dave_x', 'host.name': 'web-02', message: '100% done', 'source.ip': 'fe80::1', 'event.severity': 3 }, native: { 'id.orig_h': '172.16.5.4', msg: 'He said "hi"' } },
];

let db: TestEvents;
before(async () => {
  db = await TestEvents.open(EVENTS, T0 + 2 * MIN);
});
after(() => db.close());

async function run(q: string, opts: CompileOptions = {}) {
  const compiled = compileQuery(parseQuery(q), { now: NOW, ...opts });
  return { rows: await db.rows(compiled.sql, compiled.params), compiled };
}

async function users(q: string, opts: CompileOptions = {}): Promise<string[]> {
  return (await run(q, opts)).rows.map((r) => String(r['user.name'])).sort();
}

test('field values match case-insensitively; wildcards; quoted values are literal', async () => {
  assert.deepEqual(await users('user.name:ALICE'), ['Alice', 'alice']);
  assert.deepEqual(await users('user.name:"alice"'), ['Alice', 'alice']);
  assert.deepEqual(await users('user.name:A*'), ['Alice', 'alice']);
  assert.deepEqual(await users('user.name:*O*'), ['bob', 'carol']);
  assert.deepEqual(await users('user.name:*ce'), ['Alice', 'alice']);
  assert.deepEqual(await users('user.name:b?b'), ['bob']);
  assert.deepEqual(await users('user.name:dave_*'), ['dave_x'], '_ is literal');
  assert.deepEqual(await users('user.name:dave?x'), ['dave_x']);
  assert.deepEqual(await users('user.name:"dave*"'), [], 'a quoted star is literal');
  assert.deepEqual(await users('process.command_line:C:\\Windows\\System32\\certutil*'), ['carol'], 'backslashes in paths');
  assert.deepEqual(await users('host.name:web-0?'), ['Alice', 'alice', 'dave_x']);
});

test('boolean logic: AND, OR, NOT keeps events without the field, groups', async () => {
  assert.deepEqual(await users('user.name:a* AND NOT event.outcome:success'), ['Alice']);
  assert.deepEqual(await users('user.name:(bob OR carol)'), ['bob', 'carol']);
  assert.deepEqual(await users('-event.outcome:failure'), ['alice', 'carol', 'dave_x'], 'events without event.outcome are kept');
  assert.deepEqual(await users('host.name:web* -(user.name:alice OR user.name:dave*)'), []);
  assert.deepEqual(await users('host.name:web* !user.name:dave_x'), ['Alice', 'alice']);
  assert.deepEqual(await users('event.outcome:failure OR host.name:ws-01 event.code:4688'), ['Alice', 'bob', 'carol']);
});

test('numbers, ranges and comparisons use the column type', async () => {
  assert.deepEqual(await users('network.bytes:>=100'), ['Alice', 'alice']);
  assert.deepEqual(await users('network.bytes:[50 TO 100]'), ['Alice', 'bob']);
  assert.deepEqual(await users('network.bytes:{50 TO 300}'), ['Alice']);
  assert.deepEqual(await users('network.bytes:[100 TO *]'), ['Alice', 'alice']);
  assert.deepEqual(await users('source.port:>21.5'), ['Alice', 'alice']);
  assert.deepEqual(await users('source.port:<=22.5'), ['Alice']);
  assert.deepEqual(await users('source.port:22.5'), []);
  assert.deepEqual(await users('source.port:22*'), ['Alice', 'alice']);
  assert.deepEqual(await users('event.severity:3'), ['dave_x']);
  assert.deepEqual(await users('custom.size:>1000'), ['bob'], 'JSON text compared as a number');
  assert.deepEqual(await users('event.code:>4000'), ['carol'], 'a text column compared with a number');
});

test('CIDR on IPv4 and IPv6 text, also inside lists and JSON', async () => {
  assert.deepEqual(await users('source.ip:10.0.0.0/8'), ['Alice', 'bob']);
  assert.deepEqual(await users('source.ip:10.128.0.0/9'), ['bob']);
  assert.deepEqual(await users('source.ip:192.168.1.9/32'), ['alice']);
  assert.deepEqual(await users('source.ip:2001:db8::/32'), ['carol']);
  assert.deepEqual(await users('source.ip:fe80::/10'), ['dave_x']);
  assert.deepEqual(await users('source.ip:0.0.0.0/0'), ['Alice', 'alice', 'bob']);
  assert.deepEqual(await users('related.ip:192.0.2.0/24'), ['Alice'], 'any element of a JSON array');
  assert.deepEqual(await users('native.id.orig_h:172.16.0.0/12'), ['dave_x'], 'flat dotted key in native');
});

test('lists match any element; exists; JSON fields and native paths', async () => {
  assert.deepEqual(await users('event.category:SESSION'), ['alice']);
  assert.deepEqual(await users('event.category:auth*'), ['Alice', 'alice']);
  assert.deepEqual(await users('tags:vpn'), ['alice']);
  assert.deepEqual(await users('event.category:*'), ['Alice', 'alice']);
  assert.deepEqual(await users('http.request.method:get'), ['bob']);
  assert.deepEqual(await users('http.request.method:*'), ['bob']);
  assert.deepEqual(await users('Event.System.EventID:4688'), ['carol']);
  assert.deepEqual(await users('native.Event.System.Computer:ws-01'), ['carol']);
  assert.deepEqual(await users('native.Event.EventData.CommandLine:*URLCACHE*'), ['carol']);
  assert.deepEqual(await users('related.ip:10.1.2.3'), ['Alice']);
});

test('regular expressions are RE2, unanchored, case-sensitive unless (?i)', async () => {
  assert.deepEqual(await users('user.name:/^[ab]/'), ['alice', 'bob']);
  assert.deepEqual(await users('user.name:/(?i)^a/'), ['Alice', 'alice']);
  assert.deepEqual(await users('process.command_line:/certutil\\.exe\\s+-urlcache/'), ['carol']);
});

test('free text searches message and the command line, in any case; native:… searches the original record', async () => {
  assert.deepEqual(await users('password'), ['Alice']);
  assert.deepEqual(await users('"100%"'), ['dave_x']);
  assert.deepEqual(await users('CERTUTIL'), ['carol']);
  assert.deepEqual(await users('"System32\\certutil"'), ['carol'], 'a backslash as written');
  assert.deepEqual(await users('fail* alice'), ['Alice']);
  assert.deepEqual(await users('*'), ['Alice', 'alice', 'bob', 'carol', 'dave_x']);
  assert.deepEqual(await users('WS-01'), [], 'host names are not free text');
  assert.deepEqual(await users('native:ws-01'), ['carol'], 'the native record as text');
  assert.deepEqual(await users('native:"said \\"hi\\""'), ['dave_x'], 'quotes inside the native JSON');
  assert.deepEqual(await users('native:"System32\\certutil.exe -URLCACHE"'), ['carol'], 'backslashes inside the native JSON');
  assert.deepEqual(await users('native:/EventID":46\\d\\d/'), ['carol']);
  assert.deepEqual(await users('fields:*GET*'), ['bob']);
  assert.deepEqual(await users('WS-01', { freeTextColumns: ['message', 'host.name'] }), ['carol'], 'the caller chooses the columns');
  assert.deepEqual(await users('said', { freeTextColumns: ['message', 'native'] }), ['dave_x']);
});

test('time: options range, @timestamp terms with precision, relative times', async () => {
  assert.deepEqual((await run('*', { from: T0 + MIN, to: T0 + 3 * MIN })).rows.map((r) => r['user.name']), ['bob', 'alice'], 'newest first');
  assert.deepEqual(await users('@timestamp:>=2026-01-05T13:00:00Z'), ['dave_x']);
  assert.deepEqual(await users('@timestamp:2026-01-05T12:01'), ['alice'], 'a minute stands for the whole minute');
  assert.deepEqual(await users('@timestamp:2026-01-05'), ['Alice', 'alice', 'bob', 'carol', 'dave_x']);
  assert.deepEqual(await users('@timestamp:[2026-01-01 TO 2026-01-04]'), []);
  assert.deepEqual(await users('@timestamp:[2026-01-05T12:00:00Z TO 2026-01-05T12:01:00Z]'), ['Alice', 'alice']);
  assert.deepEqual(await users('@timestamp:{2026-01-05T12:00:00Z TO 2026-01-05T12:02:00Z}'), ['alice']);
  assert.deepEqual(await users('@timestamp:<-23h', { now: T0 + 23 * 3_600_000 + 2.5 * MIN }), ['Alice', 'alice', 'bob']);
});

test('id lookup finds the one event', async () => {
  const all = await run('user.name:bob | fields id');
  const id = String(all.rows[0].id);
  assert.deepEqual(await users(`id:${id}`), ['bob']);
  assert.deepEqual(await users(`id:${id.toLowerCase()}`), ['bob']);
});

test('filters the scans cannot take: newest hits first, exact limit, nothing when nothing matches', async () => {
  assert.deepEqual((await run('user.name:a* OR host.name:db-01 | head 2')).rows.map((r) => r['user.name']), ['bob', 'alice']);
  assert.deepEqual((await run('user.name:a* OR host.name:db-01', { limit: 5 })).rows.map((r) => r['user.name']), ['bob', 'alice', 'Alice']);
  assert.deepEqual((await run('nothing-like-this OR user.name:nobody')).rows, []);
  assert.deepEqual((await run('winlog.nothing:x | fields user.name')).rows, []);
});

test('limits: head, the caller limit, the maximum', async () => {
  assert.equal((await run('* | head 2')).rows.length, 2);
  assert.equal((await run('*', { limit: 3 })).rows.length, 3);
  assert.equal((await run('* | head 50', { maxRows: 4 })).rows.length, 4);
  assert.deepEqual((await run('* | head 1')).rows.map((r) => r['user.name']), ['dave_x']);
});

test('stats: aggregations by fields, names, order, list columns unnested, NULL groups left out', async () => {
  const s = await run('* | stats count(), sum(network.bytes) as bytes, avg(network.bytes), dc(user.name), min(source.port), max(network.bytes) by event.outcome');
  assert.deepEqual(s.compiled.columns, ['event.outcome', 'count', 'bytes', 'avg(network.bytes)', 'dc(user.name)', 'min(source.port)', 'max(network.bytes)']);
  assert.deepEqual(s.rows, [
    { 'event.outcome': 'failure', count: '2', bytes: '150', 'avg(network.bytes)': 75, 'dc(user.name)': '2', 'min(source.port)': '22', 'max(network.bytes)': '100' },
    { 'event.outcome': 'success', count: '1', bytes: '300', 'avg(network.bytes)': 300, 'dc(user.name)': '1', 'min(source.port)': '2222', 'max(network.bytes)': '300' },
  ]);
  const byList = await run('* | stats count by event.category');
  assert.deepEqual(byList.rows, [
    { 'event.category': 'authentication', count: '2' },
    { 'event.category': 'session', count: '1' },
  ]);
  const json = await run('* | stats count(), sum(custom.size) by http.request.method');
  assert.deepEqual(json.rows, [{ 'http.request.method': 'GET', count: '1', 'sum(custom.size)': 2048 }]);
  const all = await run('user.name:a* | stats count()');
  assert.deepEqual(all.rows, [{ count: '2' }]);
});

test('sort, head, fields and subqueries in pipe order', async () => {
  const top = await run('* | stats count() by host.name | sort -count, host.name | head 1');
  assert.deepEqual(top.rows, [{ 'host.name': 'web-01', count: '2' }]);
  const f = await run('user.name:bob | fields user.name, source.ip');
  assert.deepEqual(f.rows, [{ 'user.name': 'bob', 'source.ip': '10.200.0.1' }]);
  const sorted = await run('* | sort user.name | fields user.name');
  assert.deepEqual(sorted.rows.map((r) => r['user.name']), ['Alice', 'alice', 'bob', 'carol', 'dave_x']);
  const headThenStats = await run('* | sort @timestamp | head 2 | stats count()');
  assert.deepEqual(headThenStats.rows, [{ count: '2' }]);
  const headThenSort = await run('* | head 2 | sort user.name | fields user.name');
  assert.deepEqual(headThenSort.rows.map((r) => r['user.name']), ['carol', 'dave_x']);
  const jsonField = await run('http.request.method:* | fields http.request.method, Event.System.Computer');
  assert.deepEqual(jsonField.rows, [{ 'http.request.method': 'GET', 'Event.System.Computer': null }]);
});

test('timechart buckets by span, split by a field', async () => {
  const tc = await run('* | timechart span=1h count()');
  assert.equal(tc.compiled.shape, 'timechart');
  assert.deepEqual(tc.rows, [
    { _time: '2026-01-05 12:00:00', count: '4' },
    { _time: '2026-01-05 13:00:00', count: '1' },
  ]);
  const split = await run('* | timechart span=30m count by host.name');
  assert.deepEqual(split.rows, [
    { _time: '2026-01-05 12:00:00', 'host.name': 'db-01', count: '1' },
    { _time: '2026-01-05 12:00:00', 'host.name': 'web-01', count: '2' },
    { _time: '2026-01-05 12:00:00', 'host.name': 'ws-01', count: '1' },
    { _time: '2026-01-05 13:30:00', 'host.name': 'web-02', count: '1' },
  ]);
  const auto = await run('* | timechart count', { from: T0, to: T0 + 2 * 3_600_000 });
  assert.match(auto.compiled.sql, /time_bucket/);
  assert.equal(auto.compiled.params[0], 60_000, 'two hours → one-minute buckets (at most 200)');
});
