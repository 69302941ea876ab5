/**
 * SIGTERM loses nothing: a real `vigil serve` process is terminated while clients are
 * ingesting; every event it acknowledged must be in the store afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { cliPath } from '../testing/project-root.js';
import { DuckDbStore } from '../storage/duckdb/duckdb-store.js';

const TOKEN = 'shutdown-test-token-0123456789';

/** Resolves with the URL the server prints; keeps draining stderr so the child never hits EPIPE. */
function waitForUrl(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk) => {
      text += String(chunk);
      const m = /console & API: (http:\/\/\S+)/.exec(text);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`server exited before listening:\n${text}`)));
  });
}

test('SIGTERM during ingest: every acknowledged event is stored', { timeout: 120_000 }, async (t) => {
  const cli = cliPath();
  if (!existsSync(cli)) {
    if (process.env.CI === 'true') throw new Error(`${cli} not built`);
    t.skip(`${cli} not built (run npm run build)`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-sigterm-'));
  try {
    // Listeners other than HTTP are off so the test never competes for the default ports.
    const config = join(dataDir, 'vigil.yaml');
    writeFileSync(config, `sources:\n${['syslog_udp', 'syslog_tcp', 'netflow'].map((s) => `  ${s}:\n    type: ${s}\n    enabled: false\n`).join('')}`);
    const child = spawn(process.execPath, [cli, 'serve', '--config', config, '--data', dataDir, '--http', '127.0.0.1:0'], {
      env: { ...process.env, VIGIL_ADMIN_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const url = await waitForUrl(child);
    const exited = once(child, 'exit');
    const acked = new Set<number>();
    let seq = 0;
    let stopping = false;
    const client = async () => {
      for (;;) {
        const batch = Array.from({ length: 500 }, () => seq++);
        const body = batch.map((n) => JSON.stringify({ '@timestamp': '2026-11-20T12:00:00Z', seq: n, message: `event ${n}` })).join('\n');
        let res: Response;
        try {
          res = await fetch(`${url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body });
        } catch {
          return; // the server has closed its socket
        }
        const json = (await res.json()) as { accepted?: number };
        if (res.status !== 200) {
          assert.equal(res.status, 503, 'a request refused during shutdown is refused with 503');
          return;
        }
        assert.equal(json.accepted, batch.length);
        for (const n of batch) acked.add(n);
        if (acked.size >= 5000 && !stopping) {
          stopping = true;
          child.kill('SIGTERM');
        }
      }
    };
    await Promise.all([client(), client(), client()]);
    const [code] = await exited;
    assert.equal(code, 0, 'vigil serve exits cleanly on SIGTERM');
    assert.ok(acked.size >= 5000);

    const store = DuckDbStore.inDataDir(dataDir);
    await store.open();
    const res = await store.query({ sql: `SELECT CAST(json_extract_string(fields, '$.seq') AS BIGINT) AS seq FROM events`, params: [] });
    await store.close();
    const stored = new Set(res.rows.map((r) => Number(r.seq)));
    const missing = [...acked].filter((n) => !stored.has(n));
    assert.deepEqual(missing.slice(0, 10), [], `${missing.length} acknowledged events missing after SIGTERM`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
