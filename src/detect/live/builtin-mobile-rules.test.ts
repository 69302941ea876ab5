/** The built-in mobile posture rules on the running server: posture reports → detections → alerts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Detection } from '../detection.js';
import { startTestServer } from '../../testing/server.js';

function report(id: string, over: Record<string, unknown>): Record<string, unknown> {
  return { device_id: id, platform: 'android', os_version: '14', jailbroken: false, passcode: true, encrypted: true, managed: true, managed_apps: [], sideloaded_apps: [], compliance: { state: 'compliant', reasons: [] }, observed_at: '2026-11-20T10:00:00Z', user: { name: 'dave' }, ...over };
}

test('built-in mobile rules: a rooted device and a sideloaded app fire, a clean device does not', async () => {
  const srv = await startTestServer('mobile:\n  min_os:\n    android: "13"\n');
  try {
    const found: Detection[] = [];
    srv.server.detection?.live.onDetections((d) => {
      found.push(...d);
    });
    const body = [report('clean', {}), report('rooted', { jailbroken: true, compliance: { state: 'noncompliant', reasons: ['rooted'] } }), report('sideload', { sideloaded_apps: [{ id: 'com.example.tweak' }] })];
    const res = await srv.request('/api/v1/mobile/posture', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.text());
    await srv.server.detection?.live.idle();
    const byTitle = (t: string) => found.filter((d) => d.rule.title === t).map((d) => d.entities.host ?? d.details);
    assert.equal(byTitle('Jailbroken or rooted mobile device').length, 1);
    assert.equal(byTitle('Sideloaded app on a managed mobile device').length, 1);
    assert.equal(byTitle('Mobile device out of compliance').length, 0, 'a rooted device is reported as rooted, not twice');
    assert.equal(found.length, 2, `only the two bad devices fire: ${found.map((d) => d.rule.title).join('; ')}`);
    const alerts = (await (await srv.request('/api/v1/alerts')).json()) as { alerts: Array<{ rule: { title: string } }> };
    assert.ok(alerts.alerts.some((a) => a.rule.title === 'Jailbroken or rooted mobile device'), 'and became an alert');
  } finally {
    await srv.stop();
  }
});
