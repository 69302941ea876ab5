import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const conn = await db.connect();
const parts = (await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'events_p2%'")).getRows().map(r => r[0]);
const ids = {};
for (const p of parts) ids[p] = (await conn.runAndReadAll(`SELECT id FROM ${p} USING SAMPLE 12 ROWS`)).getRows().map(r => r[0]);
const mem = async () => (await conn.runAndReadAll(`SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0`)).getRows().map(r => `${r[0]}=${(Number(r[1])/1e6).toFixed(0)}MB`).join(' ');
console.log(await mem());
for (const p of parts) {
  const t = [];
  for (const id of ids[p]) { const s = performance.now(); await conn.runAndReadAll(`SELECT * FROM ${p} WHERE id = $1 LIMIT 1`, [id]); t.push((performance.now() - s).toFixed(0)); }
  console.log(p, t.join(' '));
}
console.log(await mem());
// id column only: to separate index load from row fetch
const t2 = [];
for (const p of parts) for (const id of ids[p].slice(0, 1)) { const s = performance.now(); await conn.runAndReadAll(`SELECT id FROM ${p} WHERE id = $1 LIMIT 1`, [id]); t2.push((performance.now() - s).toFixed(1)); }
console.log('id-only again', t2.join(' '));
