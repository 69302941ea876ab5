/**
 * A posture request body (already parsed JSON) to validated reports and records (pure): the
 * native format (one report or an array), or an Intune / Jamf payload through its adapter.
 * Each item stands alone: a bad one is rejected with its index and the JSON path of the problem.
 */
import type { NormalizedRecord, RejectedRecord } from '../../core/event.js';
import { isObj, type Adapted } from './adapt-common.js';
import { adaptIntune, intuneItems } from './intune.js';
import { adaptJamf, jamfItems } from './jamf.js';
import { parsePostureReport, type PostureReport } from './posture-schema.js';
import { derivePostureFlags, type MinimumOsVersions, type PostureFlags } from './flags.js';
import { postureToRecord } from './posture-record.js';

export type PostureFormat = 'native' | 'intune' | 'jamf';

export interface DecodedPosture {
  reports: Array<{ report: PostureReport; flags: PostureFlags }>;
  records: NormalizedRecord[];
  rejected: RejectedRecord[];
}

const RAW_KEEP = 64 * 1024;

export function decodePostureBody(body: unknown, format: PostureFormat, minOs: MinimumOsVersions): DecodedPosture {
  const out: DecodedPosture = { reports: [], records: [], rejected: [] };
  const items = format === 'intune' ? intuneItems(body) : format === 'jamf' ? jamfItems(body) : Array.isArray(body) ? body : [body];
  items.forEach((item, i) => {
    const adapted: Adapted =
      format === 'intune' ? adaptIntune(item) : format === 'jamf' ? adaptJamf(item) : isObj(item) ? { ok: true, report: item, native: {} } : { ok: false, reason: 'expected a posture report object', native: item };
    const reject = (reason: string) => out.rejected.push({ position: { index: i + 1 }, reason, raw: JSON.stringify(item ?? null).slice(0, RAW_KEEP) });
    if (!adapted.ok) return reject(adapted.reason);
    const parsed = parsePostureReport(adapted.report);
    if (!parsed.ok) return reject(format === 'native' ? parsed.reason : `${format} payload maps to an invalid report: ${parsed.reason}`);
    const flags = derivePostureFlags(parsed.report, minOs);
    out.reports.push({ report: parsed.report, flags });
    // Native reports are their own original; adapted ones keep the vendor's object.
    out.records.push(postureToRecord(parsed.report, flags, format === 'native' ? (parsed.report as unknown as Record<string, unknown>) : adapted.native));
  });
  return out;
}
