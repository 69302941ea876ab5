/** `vigil ingest` end to end into a real store: formats by extension and content, .gz, folders, rejections with positions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expandPaths, ingestFiles } from './ingest-files.js';
import { LocalStoreSink } from './sinks.js';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';
import { corpusPath } from '../testing/corpora.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const NOW = Date.UTC(2026, 10, 22, 12);

test('a folder of mixed files: NDJSON.gz, syslog, EVTX; bad lines reported with file and line', async (t) => {
  const evtx = corpusPath(t, 'evtx-parser-samples', 'samples', 'security.evtx');
  if (!evtx) return;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ingest-'));
  try {
    const input = join(dir, 'in');
    mkdirSync(join(input, 'nested'), { recursive: true });
    writeFileSync(join(input, 'app.ndjson.gz'), gzipSync('{"@timestamp":"2026-11-20T10:00:00Z","user.name":"alice"}\n{"oops"\n{"user":{"name":"bob"}}\n'));
    writeFileSync(join(input, 'nested', 'auth.log'), 'Nov 20 10:00:01 bastion sshd[811]: Failed password for invalid user admin from 203.0.113.7 port 50122 ssh2\nNov 20 10:00:05 bastion sshd[811]: Accepted password for carol from 203.0.113.7 port 50122 ssh2\n');
    copyFileSync(evtx, join(input, 'nested', 'security.evtx'));
    const data = join(dir, 'data');
    const sink = await LocalStoreSink.open(data, quiet);
    const files = expandPaths([input]);
    const summary = await ingestFiles(files, sink, { format: 'auto', decoder: { max_depth: 64, max_record_bytes: 1 << 20, now: () => NOW }, block_bytes: 1 << 16 });
    await sink.close();
    assert.equal(summary.files, 3);
    assert.equal(summary.rejected, 1);
    assert.deepEqual(summary.examples.map((e) => [e.file.endsWith('app.ndjson.gz'), e.position]), [[true, 'line 2']]);
    assert.deepEqual(summary.failed_files, []);
    assert.equal(summary.stored, summary.read - 1);

    const store = DuckDbStore.inDataDir(data);
    await store.open();
    const q = async (sql: string) => (await store.query({ sql, params: [] })).rows;
    const byFormat = Object.fromEntries((await q('SELECT format, count(*) AS n FROM events GROUP BY 1')).map((r) => [r.format, r.n]));
    assert.equal(byFormat.json ?? byFormat.ndjson, 2);
    assert.equal(byFormat.syslog, 2);
    assert.ok(Number(byFormat.evtx) > 0);
    const ssh = await q(`SELECT "user.name", "event.outcome", "source.ip", "logsource.service" FROM events WHERE format = 'syslog' ORDER BY "@timestamp"`);
    assert.deepEqual(ssh, [
      { 'user.name': 'admin', 'event.outcome': 'failure', 'source.ip': '203.0.113.7', 'logsource.service': 'sshd' },
      { 'user.name': 'carol', 'event.outcome': 'success', 'source.ip': '203.0.113.7', 'logsource.service': 'sshd' },
    ]);
    const win = await q(`SELECT count(*) AS n FROM events WHERE "logsource.product" = 'windows' AND "logsource.service" = 'security'`);
    assert.equal(win[0].n, byFormat.evtx);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
