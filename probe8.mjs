import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const conn = await db.connect();
const parts = (await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'events_p2%'")).getRows().map(r => r[0]);
const ids = [];
for (const p of parts) for (const [id] of (await conn.runAndReadAll(`SELECT id FROM ${p} USING SAMPLE 20 ROWS`)).getRows()) ids.push([p, id]);
ids.sort(() => Math.random() - 0.5);
const v = []; const w = [];
for (const [p, id] of ids) {
  let t = performance.now();
  await conn.runAndReadAll(`SELECT * FROM ${p} WHERE id = $1 LIMIT 1`, [id]);
  v.push(performance.now() - t);
}
for (const [p, id] of ids) {
  let t = performance.now();
  await conn.runAndReadAll(`SELECT * FROM ${p} WHERE id = $1 LIMIT 1`, [id]);
  w.push(performance.now() - t);
}
const s = (a) => { a = [...a].sort((x,y)=>x-y); return `p50 ${a[a.length>>1].toFixed(1)} p90 ${a[Math.floor(a.length*.9)].toFixed(1)} p95 ${a[Math.floor(a.length*.95)].toFixed(1)} max ${a[a.length-1].toFixed(1)}`; };
console.log('first', s(v)); console.log('again', s(w));
console.log('first 20', v.slice(0, 20).map(x=>x.toFixed(0)).join(' '));
