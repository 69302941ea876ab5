/**
 * A posture report as an event: logsource mobile/device_posture, ECS host.*, device.*, os.*,
 * user.*, and the posture itself under posture.* with the derived flags.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import type { Platform, PostureReport } from './posture-schema.js';
import type { PostureFlags } from './flags.js';

/** ECS os.type allows linux, macos, unix, windows, ios and android. */
const ECS_OS_TYPE: Record<Platform, string> = {
  ios: 'ios',
  ipados: 'ios',
  tvos: 'ios',
  watchos: 'ios',
  visionos: 'ios',
  android: 'android',
  macos: 'macos',
  windows: 'windows',
  chromeos: 'linux',
  linux: 'linux',
};

const OS_NAME: Record<Platform, string> = {
  ios: 'iOS',
  ipados: 'iPadOS',
  tvos: 'tvOS',
  watchos: 'watchOS',
  visionos: 'visionOS',
  android: 'Android',
  macos: 'macOS',
  windows: 'Windows',
  chromeos: 'ChromeOS',
  linux: 'Linux',
};

export function postureToRecord(report: PostureReport, flags: PostureFlags, native: Record<string, unknown>): NormalizedRecord {
  const f: EcsFields = {
    'event.kind': 'state',
    'event.category': ['host'],
    'event.type': ['info'],
    'event.module': 'mobile',
    'event.dataset': 'mobile.posture',
    'host.id': report.device_id,
    'device.id': report.device_id,
    'os.type': ECS_OS_TYPE[report.platform],
    'os.platform': report.platform,
    'os.name': OS_NAME[report.platform],
    'os.version': report.os_version,
    'posture.jailbroken': report.jailbroken,
    'posture.passcode': report.passcode,
    'posture.encrypted': report.encrypted,
    'posture.managed': report.managed,
    'posture.compliance.state': report.compliance.state,
    'posture.managed_apps.count': report.managed_apps.length,
    'posture.sideloaded_apps.count': report.sideloaded_apps.length,
    'posture.non_compliant': flags.non_compliant,
    'posture.os_below_minimum': flags.os_below_minimum,
    'posture.jailbreak_detected': flags.jailbreak_detected,
  };
  const optional: Array<[string, string | undefined]> = [
    ['event.provider', report.source],
    ['host.name', report.device_name],
    ['device.model.identifier', report.model],
    ['device.manufacturer', report.manufacturer],
    ['device.serial_number', report.serial_number],
    ['os.build', report.os_build],
    ['posture.patch_level', report.patch_level],
    ['user.name', report.user?.name],
    ['user.email', report.user?.email],
  ];
  for (const [k, v] of optional) if (v !== undefined) f[k] = v;
  if (report.compliance.reasons.length) f['posture.compliance.reasons'] = report.compliance.reasons;
  if (report.sideloaded_apps.length) f['posture.sideloaded_apps.id'] = report.sideloaded_apps.map((a) => a.id);
  if (report.last_location) {
    f['host.geo.location.lat'] = report.last_location.lat;
    f['host.geo.location.lon'] = report.last_location.lon;
  }
  const logsource = report.source ? { product: 'mobile', category: 'device_posture', service: report.source } : { product: 'mobile', category: 'device_posture' };
  return { ts: Date.parse(report.observed_at), fields: f, native, logsource };
}
