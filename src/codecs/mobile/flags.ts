/** Derived posture flags, the same for the event and the device table (pure). */
import type { Platform, PostureReport } from './posture-schema.js';

export type MinimumOsVersions = Partial<Record<Platform, string>>;

export interface PostureFlags {
  non_compliant: boolean;
  os_below_minimum: boolean;
  jailbreak_detected: boolean;
}

export function derivePostureFlags(report: PostureReport, minOs: MinimumOsVersions): PostureFlags {
  const min = minOs[report.platform];
  return {
    non_compliant: report.compliance.state === 'noncompliant',
    os_below_minimum: min !== undefined && compareVersions(report.os_version, min) < 0,
    jailbreak_detected: report.jailbroken === true,
  };
}

/**
 * Compares dotted numeric versions (17.5.1 vs 17.5; missing parts count as 0). A version with no
 * leading number cannot be compared and counts as equal, so it never raises a false alarm.
 */
export function compareVersions(a: string, b: string): number {
  const pa = numericParts(a);
  const pb = numericParts(b);
  if (!pa || !pb) return 0;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function numericParts(v: string): number[] | undefined {
  const m = /^\s*(\d+(?:\.\d+)*)/.exec(v);
  return m ? m[1].split('.').map(Number) : undefined;
}
