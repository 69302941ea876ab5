/** Posture schema, flags and the Intune / Jamf adapters on vendor-shaped payloads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareVersions, decodePostureBody } from './index.js';

// Fixtures live next to the sources; tests run from dist/.
const fixture = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../src/codecs/mobile/testdata/${name}`, import.meta.url)), 'utf8'));
const MIN_OS = { ios: '17.0', ipados: '17.0', android: '13' };

test('versions compare numerically, missing parts as zero, unparseable as equal', () => {
  assert.equal(compareVersions('16.7.2', '17.0'), -1);
  assert.equal(compareVersions('17.0', '17'), 0);
  assert.equal(compareVersions('10.0.22631.3880', '10.0.19045'), 1);
  assert.equal(compareVersions('beta', '17'), 0);
});

test('native reports: defaults, flags, ECS fields; a bad report is rejected with its index and path', () => {
  const out = decodePostureBody(
    [
      { device_id: 'dev-1', platform: 'android', os_version: '12', patch_level: '2024-01-05', jailbroken: true, sideloaded_apps: [{ id: 'com.evil.apk', source: 'apk file' }], compliance: { state: 'noncompliant', reasons: ['rooted'] }, observed_at: '2026-11-20T10:00:00Z', last_location: { lat: 48.1, lon: 11.5 } },
      { device_id: 'dev-2', platform: 'ios', os_version: '17.5', passcode: 'yes', observed_at: '2026-11-20T10:00:00Z' },
    ],
    'native',
    MIN_OS,
  );
  assert.equal(out.records.length, 1);
  assert.deepEqual(out.reports[0].flags, { non_compliant: true, os_below_minimum: true, jailbreak_detected: true });
  assert.equal(out.reports[0].report.passcode, null);
  const f = out.records[0].fields;
  assert.equal(f['os.type'], 'android');
  assert.equal(f['device.id'], 'dev-1');
  assert.deepEqual(f['posture.sideloaded_apps.id'], ['com.evil.apk']);
  assert.equal(f['host.geo.location.lat'], 48.1);
  assert.deepEqual(out.records[0].logsource, { product: 'mobile', category: 'device_posture' });
  assert.equal(out.records[0].ts, Date.parse('2026-11-20T10:00:00Z'));
  assert.equal(out.rejected.length, 1);
  assert.equal(out.rejected[0].position.index, 2);
  assert.match(out.rejected[0].reason, /^passcode: /);
});

test('Intune: a Graph managedDevice list maps to reports; an id-only change notification is rejected with a reason', () => {
  const out = decodePostureBody(fixture('intune-managed-devices.json'), 'intune', MIN_OS);
  assert.equal(out.reports.length, 2);
  const [iphone, android] = out.reports;
  assert.equal(iphone.report.platform, 'ios');
  assert.equal(iphone.report.jailbroken, true);
  assert.equal(iphone.report.user?.name, 'alice@example.com');
  assert.deepEqual(iphone.report.compliance, { state: 'noncompliant', reasons: ['partner reported threat state: high'] });
  assert.deepEqual(iphone.flags, { non_compliant: true, os_below_minimum: true, jailbreak_detected: true });
  assert.equal(android.report.patch_level, '2026-10-01');
  assert.deepEqual(android.flags, { non_compliant: false, os_below_minimum: false, jailbreak_detected: false });
  assert.equal(out.records[0].fields['event.provider'], 'intune');
  assert.equal((out.records[0].native as { serialNumber: string }).serialNumber, 'F2LXK0ABCD12');
  assert.equal(out.rejected.length, 1);
  assert.match(out.rejected[0].reason, /carries no device properties/);
});

test('Jamf: MobileDeviceCheckIn webhook and Pro API inventory map to reports', () => {
  const hook = decodePostureBody(fixture('jamf-mobile-device-checkin.json'), 'jamf', MIN_OS);
  assert.equal(hook.reports.length, 1);
  const h = hook.reports[0].report;
  assert.equal(h.device_id, '00008103-000A1B2C3D4E5F6A');
  assert.equal(h.platform, 'ipados');
  assert.equal(h.jailbroken, null, 'webhooks carry no security facts');
  assert.equal(h.observed_at, new Date(1763630000000).toISOString());

  const inv = decodePostureBody({ totalCount: 1, results: [fixture('jamf-mobile-device-inventory.json')] }, 'jamf', MIN_OS);
  const { report, flags } = inv.reports[0];
  assert.equal(report.passcode, false);
  assert.equal(report.encrypted, true);
  assert.deepEqual(report.managed_apps.map((a) => a.id), ['com.microsoft.Office.Outlook']);
  assert.deepEqual(flags, { non_compliant: true, os_below_minimum: false, jailbreak_detected: true });

  const computer = decodePostureBody({ webhook: { webhookEvent: 'ComputerInventoryCompleted', eventTimestamp: 1763630000000 }, event: { computer: { udid: 'MAC-1', osVersion: '14.6', deviceName: 'mbp', serialNumber: 'C02XYZ' } } }, 'jamf', { macos: '15.0' });
  assert.equal(computer.reports[0].report.platform, 'macos');
  assert.equal(computer.reports[0].flags.os_below_minimum, true);
  const other = decodePostureBody({ webhook: { webhookEvent: 'RestAPIOperation' }, event: {} }, 'jamf', {});
  assert.match(other.rejected[0].reason, /carries no device state/);
});
