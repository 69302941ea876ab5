import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const conn = await db.connect();
const parts = (await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'events_p2%'")).getRows().map(r => r[0]);
const ids = [];
for (const p of parts) for (const [id] of (await conn.runAndReadAll(`SELECT id FROM ${p} USING SAMPLE 10 ROWS`)).getRows()) ids.push([p, id]);
ids.sort(() => Math.random() - 0.5);
const a = [], b = [], c = [];
const cols = (await conn.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name='${parts[0]}' ORDER BY column_index`)).getRows().map(r=>'"'+r[0]+'"');
const nonJson = cols.filter(c => !['"fields"','"native"','"meta"'].includes(c)).join(',');
for (const [p, id] of ids) {
  let t = performance.now();
  await conn.runAndReadAll(`SELECT id FROM ${p} WHERE id = $1 LIMIT 1`, [id]);
  a.push(performance.now() - t); t = performance.now();
  await conn.runAndReadAll(`SELECT ${nonJson} FROM ${p} WHERE id = $1 LIMIT 1`, [id]);
  b.push(performance.now() - t); t = performance.now();
  await conn.runAndReadAll(`SELECT fields, native, meta FROM ${p} WHERE id = $1 LIMIT 1`, [id]);
  c.push(performance.now() - t);
}
const s = (x) => { x = [...x].sort((p,q)=>p-q); return `p50 ${x[x.length>>1].toFixed(1)} p90 ${x[Math.floor(x.length*.9)].toFixed(1)} max ${x[x.length-1].toFixed(1)}`; };
console.log('index+id', s(a)); console.log('53 cols', s(b)); console.log('3 json', s(c));
console.log('index+id first 10', a.slice(0,10).map(x=>x.toFixed(0)).join(' '));
