/**
 * No user value ever reaches SQL text: hostile values in every position of the language are
 * compiled with both dialects, and the SQL must hold no string literal at all (no `'`), none
 * of the values, and exactly one placeholder per bound value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from './compile.js';
import { parseQuery } from './parser.js';
import { clickhouseDialect } from './sql/clickhouse-dialect.js';
import { duckdbDialect } from './sql/duckdb-dialect.js';
import { isSafeIdentifier } from './sql/fragment.js';

const PIECES = ["'", '"', ';', '--', '/*', '*/', '\\', '$1', '{p1:String}', ')', '(', '`', 'DROP TABLE events', '%', '_', '\n', 'ü', 'OR 1=1', '\u0000', '?', '*', ':', '|'];

/** Deterministic values built from the pieces (a small LCG instead of Math.random). */
function hostileValues(count: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 2 + (next() % 4);
    let v = 'x';
    for (let k = 0; k < n; k++) v += PIECES[next() % PIECES.length];
    out.push(`${v}ZZMARK${i}`);
  }
  return out;
}

const phrase = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function positions(v: string): string[] {
  const p = phrase(v);
  const regex = `/${v.replace(/[\\/]/g, (c) => `\\${c}`).replace(/[\s()|]/g, '')}/`;
  return [
    `user.name:${p}`,
    `user.name:(${p} OR bob)`,
    `event.category:${p}`,
    `winlog.channel:${p}`,
    `native.Event.EventData.x:${p}`,
    p,
    `source.ip:${p}`,
    `network.bytes:* ${p}`,
    `user.name:>${p}`,
    `user.name:[${p} TO ${p}]`,
    `custom.k:[* TO ${p}]`,
    `message:${regex}`,
    `NOT ${p} | stats count() by host.name | sort -count | head 3`,
    `${p} | timechart span=1h dc(user.name) by event.category`,
  ];
}

test('hostile values are bound, never written into the SQL', () => {
  let checked = 0;
  for (const v of hostileValues(60)) {
    for (const q of positions(v)) {
      let ast;
      try {
        ast = parseQuery(q);
      } catch {
        continue; // a value the lexer rejects (e.g. an invalid regex) cannot reach SQL either
      }
      for (const dialect of [duckdbDialect, clickhouseDialect]) {
        const c = compileQuery(ast, { dialect, now: 0, from: 0, to: 1 });
        if (dialect === duckdbDialect) {
          assert.ok(!c.sql.includes("'"), `string literal in ${c.sql}`);
          for (const quoted of c.sql.match(/"(?:[^"]|"")*"/g) ?? []) assert.ok(isSafeIdentifier(quoted.slice(1, -1)), quoted);
        }
        assert.ok(!c.sql.includes('ZZMARK') && !c.sql.includes('DROP'), `${q} → ${c.sql}`);
        const placeholders = dialect === duckdbDialect ? new Set(c.sql.match(/\$\d+/g)).size : new Set(c.sql.match(/\{p\d+:/g)).size;
        assert.equal(placeholders, c.params.length, `${q}: every bound value has its placeholder`);
        assert.ok(c.params.some((p) => typeof p === 'string' && p.includes('ZZMARK')), `${q}: the value is bound`);
        checked++;
      }
    }
  }
  assert.ok(checked > 1000, `checked ${checked} compilations`);
});

test("ClickHouse SQL quotes only its own type names, never input", () => {
  const c = compileQuery(parseQuery(`@timestamp:>2026-01-01 ${phrase("it's")}`), { dialect: clickhouseDialect, now: 0 });
  const literals = c.sql.match(/'[^']*'/g) ?? [];
  assert.ok(literals.length > 0 && literals.every((l) => l === "'UTC'"), literals.join());
});

test('names typed by the user reach SQL only as validated, quoted identifiers', () => {
  const queries = ['a;b:1 | fields custom.x-y, @timestamp', 'x | stats count() as my_count, sum(native.a.b) by fields.k$1 | sort -my_count', 'Weird-Name.x:1 | fields Weird-Name.x'];
  for (const q of queries) {
    const c = compileQuery(parseQuery(q), { now: 0 });
    for (const quoted of c.sql.match(/"(?:[^"]|"")*"/g) ?? []) assert.ok(isSafeIdentifier(quoted.slice(1, -1)), `${q}: ${quoted}`);
  }
  for (const q of ['a:1 | fields a"b', 'a:1 | stats count() as x"y', 'a:1 | sort "x"']) assert.throws(() => parseQuery(q), { name: 'QuerySyntaxError' }, q);
});
