/**
 * Provider time fields → epoch milliseconds. Providers write ISO-8601 with a zone (CloudTrail,
 * Okta, GCP), ISO without a zone (M365 `CreationTime`: UTC by definition), epoch numbers (GitHub
 * `created_at` in ms, VPC flow `start` in s), and exporters such as Panther rewrite them as
 * `2022-03-22 14:21:53.225`. A zoneless time is read as UTC, never as the machine's local time,
 * so decoding does not depend on where it runs.
 */
import { parseEventTime } from '../../json/timestamp.js';

const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;

/** The range a JavaScript Date can hold; beyond it a time cannot be an event time. */
const MAX_TIME_MS = 8.64e15;

export function parseCloudTime(value: unknown): number | undefined {
  const ms = parseAny(value);
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS ? ms : undefined;
}

function parseAny(value: unknown): number | undefined {
  if (typeof value === 'number') return parseEventTime(value);
  if (typeof value !== 'string') return undefined;
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return parseEventTime(value);
  const [, date, clock, frac = '', zone = 'Z'] = m;
  const offset = /^utc$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return parseEventTime(`${date}T${clock}${frac}${offset}`);
}

/** ISO-8601 text of an epoch-seconds value, when it is a time at all. */
export function isoFromEpochSeconds(seconds: number | undefined): string | undefined {
  const ms = seconds === undefined ? undefined : parseCloudTime(seconds * 1000);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
