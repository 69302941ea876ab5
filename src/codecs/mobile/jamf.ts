/**
 * Jamf Pro to posture reports. Accepts webhook deliveries (`{"webhook":{…,"webhookEvent"},
 * "event":{…}}`: MobileDevice* events with the device in `event`, Computer* events with it in
 * `event.computer`), and mobile device inventory from the Jamf Pro API (the v2 detail shape with
 * `ios.security`, or the newer one with `general`/`hardware`/`security`), singly or as
 * `{"results":[…]}`. Webhooks carry no security facts, so those stay null (unknown).
 */
import { applePlatform, bool, compact, isObj, isoTime, str, type Adapted, type Obj } from './adapt-common.js';

export function jamfItems(body: unknown): unknown[] {
  if (isObj(body) && Array.isArray(body.results)) return body.results;
  return Array.isArray(body) ? body : [body];
}

export function adaptJamf(item: unknown): Adapted {
  if (!isObj(item)) return { ok: false, reason: 'expected a Jamf webhook or inventory object', native: item };
  if (isObj(item.webhook) && isObj(item.event)) return webhook(item, item.webhook, item.event);
  if (isObj(item.general) || isObj(item.ios) || item.udid !== undefined) return inventory(item);
  return { ok: false, reason: 'not a Jamf webhook (webhook + event) nor a mobile device inventory record', native: item };
}

function webhook(item: Obj, hook: Obj, event: Obj): Adapted {
  const kind = str(hook.webhookEvent) ?? '';
  const isComputer = kind.startsWith('Computer');
  const d = isComputer && isObj(event.computer) ? event.computer : event;
  if (!kind.startsWith('MobileDevice') && !isComputer) return { ok: false, reason: `webhook event ${kind || '(none)'} carries no device state`, native: item };
  const model = str(d.modelDisplay) ?? str(d.model);
  const report = compact({
    device_id: str(d.udid) ?? str(d.jssID),
    platform: isComputer ? 'macos' : applePlatform(str(d.os), model),
    os_version: str(d.osVersion),
    os_build: str(d.osBuild),
    device_name: str(d.deviceName),
    model,
    manufacturer: 'Apple',
    serial_number: str(d.serialNumber),
    user: compact({ name: str(d.username), email: str(d.emailAddress) }),
    managed: bool(d.managed) ?? true,
    observed_at: isoTime(hook.eventTimestamp),
    source: 'jamf',
  });
  if (isObj(report.user) && Object.keys(report.user).length === 0) delete report.user;
  return { ok: true, report, native: item };
}

function inventory(item: Obj): Adapted {
  const general = isObj(item.general) ? item.general : item;
  const hardware = isObj(item.hardware) ? item.hardware : isObj(item.ios) ? item.ios : item;
  const security = isObj(item.security) ? item.security : isObj(item.ios) && isObj(item.ios.security) ? item.ios.security : {};
  const location = isObj(item.userAndLocation) ? item.userAndLocation : isObj(item.location) ? item.location : {};
  const apps = Array.isArray(item.applications) ? item.applications : isObj(item.ios) && Array.isArray(item.ios.applications) ? item.ios.applications : [];
  const model = str(hardware.model) ?? str(hardware.modelIdentifier);
  const passcodeCompliant = bool(security.passcodeCompliant);
  const jailbreak = security.jailBreakDetected;
  const report = compact({
    device_id: str(general.udid) ?? str(item.udid),
    platform: applePlatform(str(item.deviceType) ?? str(item.type), model),
    os_version: str(general.osVersion),
    os_build: str(general.osBuild),
    patch_level: str(general.osRapidSecurityResponse),
    device_name: str(general.displayName) ?? str(general.name),
    model,
    manufacturer: 'Apple',
    serial_number: str(hardware.serialNumber) ?? str(general.serialNumber),
    user: compact({ name: str(location.username), email: str(location.emailAddress) ?? str(location.email) }),
    // Classic spelling is "Jailbroken"/"Normal"; the Pro API uses a boolean.
    jailbroken: typeof jailbreak === 'string' ? (/^jailbroken$/i.test(jailbreak) ? true : /^normal$/i.test(jailbreak) ? false : null) : bool(jailbreak),
    passcode: bool(security.passcodePresent),
    encrypted: bool(security.dataProtected) ?? bool(security.hardwareEncryption),
    managed: bool(general.managed),
    managed_apps: apps
      .filter((a): a is Obj => isObj(a) && str(a.identifier) !== undefined && /^managed/i.test(str(a.managementStatus) ?? ''))
      .map((a) => compact({ id: str(a.identifier), name: str(a.name), version: str(a.version) })),
    compliance: passcodeCompliant === false ? { state: 'noncompliant', reasons: ['passcode does not comply with the configuration profile'] } : { state: passcodeCompliant ? 'compliant' : 'unknown', reasons: [] },
    observed_at: isoTime(general.lastInventoryUpdateDate) ?? isoTime(general.lastInventoryUpdateTimestamp) ?? isoTime(item.lastInventoryUpdateTimestamp),
    source: 'jamf',
  });
  if (isObj(report.user) && Object.keys(report.user).length === 0) delete report.user;
  return { ok: true, report, native: item };
}
