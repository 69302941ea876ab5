/** Test data for the browser tests: demo events through the real ingest API, and users. */
import { generateScenarioBatches } from '../demo/index.js';
import { ServerSink } from '../ingest/sinks.js';
import type { NormalizedRecord } from '../core/event.js';
import { TEST_TOKEN, type TestServer } from '../testing/server.js';

/** Ingests `events` demo events (with the attack story) spread over the last `spanMs`. */
export async function seedDemoEvents(server: TestServer, events: number, spanMs = 6 * 3600_000): Promise<number> {
  const sink = new ServerSink(server.url, TEST_TOKEN);
  const now = Date.now();
  let stored = 0;
  for (const batch of generateScenarioBatches({ seed: 'e2e', start_ms: now - spanMs, span_ms: spanMs, events, attack: true }, 2000)) {
    const bySource = new Map<string, NormalizedRecord[]>();
    for (const r of batch) {
      const source = ['demo', r.logsource?.product, r.logsource?.service].filter(Boolean).join('-');
      bySource.set(source, [...(bySource.get(source) ?? []), r]);
    }
    for (const [source, records] of bySource) stored += await sink.send({ source, format: 'demo', records, rejected: [] });
  }
  // Detection runs after the store acknowledged (ADR 0006): wait until it and alerting caught up,
  // so the incidents the story produces exist before a test looks for them.
  await server.server.detection?.live.idle();
  await server.server.alerts?.idle();
  return stored;
}

export const PASSWORDS = { admin: 'admin-password-1234', analyst: 'analyst-password-1234', viewer: 'viewer-password-1234' } as const;

/** admin (admin), ana (analyst), vera (read_only), created with the bootstrap admin token. */
export async function seedUsers(server: TestServer): Promise<void> {
  for (const [name, role, password] of [['root', 'admin', PASSWORDS.admin], ['ana', 'analyst', PASSWORDS.analyst], ['vera', 'read_only', PASSWORDS.viewer]]) {
    const res = await server.request('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, role, password }) });
    if (res.status !== 201) throw new Error(`creating user ${name}: ${res.status} ${await res.text()}`);
  }
}
