/**
 * Microsoft Intune to posture reports. Accepts a Graph `managedDevice` object, a Graph list
 * (`{"value":[managedDevice…]}`), and change-notification batches whose `resourceData` carries
 * the device properties (notifications carrying only an id are rejected with a reason: Vigil
 * does not call Graph back).
 */
import { applePlatform, bool, compact, isObj, isoTime, str, type Adapted, type Obj } from './adapt-common.js';

const COMPLIANCE: Record<string, string> = {
  compliant: 'compliant',
  noncompliant: 'noncompliant',
  ingraceperiod: 'in_grace_period',
  conflict: 'error',
  error: 'error',
  unknown: 'unknown',
  configmanager: 'unknown',
};

/** Threat states from a Mobile Threat Defense partner that make a device suspect. */
const THREAT_STATES = new Set(['compromised', 'high', 'medium', 'low', 'misconfigured', 'threatened']);

export function intuneItems(body: unknown): unknown[] {
  if (isObj(body) && Array.isArray(body.value)) return body.value;
  return Array.isArray(body) ? body : [body];
}

export function adaptIntune(item: unknown): Adapted {
  if (!isObj(item)) return { ok: false, reason: 'expected a managedDevice object', native: item };
  let d: Obj = item;
  if (typeof item.changeType === 'string' && 'resource' in item) {
    if (!isObj(item.resourceData) || item.resourceData.operatingSystem === undefined) {
      return { ok: false, reason: `change notification for ${String(item.resource)} carries no device properties; send the managedDevice object`, native: item };
    }
    d = item.resourceData;
  }
  const os = str(d.operatingSystem)?.toLowerCase();
  if (!os) return { ok: false, reason: 'managedDevice.operatingSystem is missing', native: item };
  const model = str(d.model);
  const platform = os === 'android' ? 'android' : os === 'windows' ? 'windows' : os === 'macos' ? 'macos' : os.startsWith('ios') || os.startsWith('ipados') ? applePlatform(os, model) : os;
  const reasons: string[] = [];
  const threat = str(d.partnerReportedThreatState)?.toLowerCase();
  if (threat && THREAT_STATES.has(threat)) reasons.push(`partner reported threat state: ${threat}`);
  const state = COMPLIANCE[str(d.complianceState)?.toLowerCase() ?? 'unknown'] ?? 'unknown';
  const report = compact({
    device_id: str(d.id) ?? str(d.azureADDeviceId),
    platform,
    os_version: str(d.osVersion),
    patch_level: str(d.androidSecurityPatchLevel),
    device_name: str(d.deviceName),
    model,
    manufacturer: str(d.manufacturer),
    serial_number: str(d.serialNumber),
    user: compact({ name: str(d.userPrincipalName), email: str(d.emailAddress) }),
    jailbroken: bool(d.jailBroken),
    encrypted: bool(d.isEncrypted),
    managed: str(d.managementAgent) !== undefined ? true : null,
    compliance: { state, reasons },
    observed_at: isoTime(d.lastSyncDateTime) ?? isoTime(d.enrolledDateTime),
    source: 'intune',
  });
  if (isObj(report.user) && Object.keys(report.user).length === 0) delete report.user;
  return { ok: true, report, native: item };
}
