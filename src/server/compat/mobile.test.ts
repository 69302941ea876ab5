/** Mobile posture through the real server: events searchable, device state table with flags, ordering, roles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../../testing/server.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../../src/codecs/mobile/testdata/${name}`, import.meta.url)), 'utf8');

async function post(s: TestServer, body: string, format?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await s.request(`/api/v1/mobile/posture${format ? `?format=${format}` : ''}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

interface Listing {
  total: number;
  devices: Array<{ device_id: string; os_version: string; flags: Record<string, boolean>; last_seen: string; source: string | null }>;
}

test('posture reports become events and per-device state with derived flags; older reports never overwrite newer', async () => {
  const s = await startTestServer('mobile:\n  min_os:\n    ios: "17.0"\n    ipados: "17.0"\n    android: "13"\n');
  try {
    const native = { device_id: 'pixel-8', platform: 'android', os_version: '14', patch_level: '2026-11-01', passcode: true, encrypted: true, compliance: { state: 'compliant' }, observed_at: '2026-11-20T12:00:00Z', source: 'agent' };
    const r1 = await post(s, JSON.stringify(native));
    assert.equal(r1.status, 200);
    assert.deepEqual(r1.json.devices, [{ device_id: 'pixel-8', non_compliant: false, os_below_minimum: false, jailbreak_detected: false }]);
    assert.equal((await post(s, fixture('intune-managed-devices.json'), 'intune')).json.accepted, 2);
    assert.equal((await post(s, fixture('jamf-mobile-device-checkin.json'), 'jamf')).json.accepted, 1);
    assert.equal((await post(s, fixture('jamf-mobile-device-inventory.json'), 'jamf')).json.accepted, 1);

    // An older report of pixel-8 (rooted, old OS) arrives late: its event is stored, the state stays.
    const late = await post(s, JSON.stringify({ ...native, os_version: '12', jailbroken: true, observed_at: '2026-11-19T12:00:00Z' }));
    assert.equal(late.json.accepted, 1);

    const all = (await (await s.request('/api/v1/mobile/devices')).json()) as Listing;
    assert.equal(all.total, 5);
    const pixel = all.devices.find((d) => d.device_id === 'pixel-8');
    assert.equal(pixel?.os_version, '14');
    assert.equal(pixel?.flags.jailbreak_detected, false);

    const jailbroken = (await (await s.request('/api/v1/mobile/devices?flag=jailbreak_detected')).json()) as Listing;
    assert.deepEqual(jailbroken.devices.map((d) => d.device_id).sort(), ['00008110-001234567890801E', '0f7e7e5c-1111-4c8e-9c3c-5b1f2a3b4c5d']);
    const belowMin = (await (await s.request('/api/v1/mobile/devices?flag=os_below_minimum&platform=ios')).json()) as Listing;
    assert.deepEqual(belowMin.devices.map((d) => d.device_id), ['0f7e7e5c-1111-4c8e-9c3c-5b1f2a3b4c5d']);
    const bad = await s.request('/api/v1/mobile/devices?flag=owned');
    assert.equal(bad.status, 400);

    const q = encodeURIComponent('posture.jailbreak_detected:true | sort @timestamp');
    const events = ((await (await s.request(`/api/v1/search?q=${q}&from=2026-01-01T00:00:00Z&to=now`)).json()) as { rows: Array<Record<string, unknown>> }).rows;
    assert.equal(events.length, 3);
    assert.deepEqual(events[0].logsource, { product: 'mobile', category: 'device_posture', service: 'agent' });
    assert.equal(events[0]['os.type'], 'android');
    const health = (await (await s.request('/api/v1/health')).json()) as { sources: Record<string, { received: number; stored: number }> };
    assert.equal(health.sources.mobile.received, 7);
    assert.equal(health.sources.mobile.stored, 6);
  } finally {
    await s.stop();
  }
});

test('posture input errors: invalid JSON and unknown formats are 400; a bad report is listed with its path; auth is required', async () => {
  const s = await startTestServer();
  try {
    assert.equal((await post(s, '{"device_id":')).status, 400);
    assert.equal((await post(s, '{}', 'mdm')).status, 400);
    const r = await post(s, JSON.stringify([{ device_id: 'x', platform: 'symbian', os_version: '3', observed_at: '2026-11-20T12:00:00Z' }]));
    assert.equal(r.status, 200);
    assert.equal(r.json.rejected, 1);
    assert.match(((r.json.errors as Array<{ reason: string }>)[0]).reason, /^platform: /);
    const anon = await fetch(`${s.url}/api/v1/mobile/devices`);
    assert.equal(anon.status, 401);
  } finally {
    await s.stop();
  }
});
