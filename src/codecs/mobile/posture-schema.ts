/**
 * The mobile device posture report: what Vigil needs to know about a phone, tablet or laptop
 * to judge it (docs/receivers/mobile.md). MDM adapters (Intune, Jamf) produce the same shape;
 * unknown facts are null rather than guessed.
 */
import { z } from 'zod';

export const PLATFORMS = ['ios', 'ipados', 'android', 'macos', 'windows', 'chromeos', 'linux', 'tvos', 'watchos', 'visionos'] as const;
export type Platform = (typeof PLATFORMS)[number];

const text = (max: number) => z.string().min(1).max(max);

const app = z
  .object({
    id: text(256).describe('bundle id or package name, e.g. com.example.mail'),
    name: text(256).optional(),
    version: text(64).optional(),
    /** Where a sideloaded app came from (an enterprise certificate, an APK file, a third-party store). */
    source: text(256).optional(),
  })
  .strict();

export const postureReportSchema = z
  .object({
    device_id: text(128).describe('stable id of the device in its MDM (Intune device id, Jamf UDID)'),
    platform: z.enum(PLATFORMS),
    os_version: text(64).describe('e.g. 17.5.1, 14, 10.0.22631.3880'),
    os_build: text(64).optional(),
    patch_level: text(32).optional().describe('Android security patch level (2024-05-01) or the iOS Rapid Security Response (a)'),
    device_name: text(256).optional(),
    model: text(128).optional(),
    manufacturer: text(128).optional(),
    serial_number: text(128).optional(),
    user: z.object({ name: text(256).optional(), email: text(320).optional() }).strict().optional(),
    jailbroken: z.boolean().nullable().default(null).describe('jailbroken (iOS) or rooted (Android); null when unknown'),
    passcode: z.boolean().nullable().default(null).describe('a passcode/screen lock is set'),
    encrypted: z.boolean().nullable().default(null).describe('storage encryption is on'),
    managed: z.boolean().nullable().default(null).describe('enrolled in an MDM'),
    managed_apps: z.array(app).max(5000).default([]),
    sideloaded_apps: z.array(app).max(5000).default([]),
    last_location: z
      .object({
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
        accuracy_m: z.number().nonnegative().optional(),
        observed_at: z.iso.datetime({ offset: true }).optional(),
      })
      .strict()
      .optional(),
    compliance: z
      .object({
        state: z.enum(['compliant', 'noncompliant', 'in_grace_period', 'error', 'unknown']),
        reasons: z.array(text(512)).max(100).default([]),
      })
      .strict()
      .default({ state: 'unknown', reasons: [] }),
    observed_at: z.iso.datetime({ offset: true }).describe('when the device reported this state'),
    source: text(64).optional().describe('who reported it: intune, jamf, an agent name'),
  })
  .strict();

export type PostureReport = z.infer<typeof postureReportSchema>;

/** Validates one report; the error names the JSON path of the first problem. */
export function parsePostureReport(value: unknown): { ok: true; report: PostureReport } | { ok: false; reason: string } {
  const r = postureReportSchema.safeParse(value);
  if (r.success) return { ok: true, report: r.data };
  const issue = r.error.issues[0];
  return { ok: false, reason: `${issue.path.length ? issue.path.join('.') : 'report'}: ${issue.message}` };
}
