/** Reads an event time from the usual places in a JSON record. */

const CANDIDATES = ['@timestamp', 'timestamp', 'time', 'ts', 'eventTime', 'event_time', 'date'] as const;

/** Epoch ms from an ISO-8601 string or an epoch number (seconds, milliseconds or microseconds by magnitude). */
export function parseEventTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value > 1e14) return value / 1000; // microseconds
    if (value > 1e11) return value; // milliseconds
    return value * 1000; // seconds
  }
  if (typeof value === 'string' && value.length >= 4 && value.length <= 64) {
    if (/^\d+(\.\d+)?$/.test(value)) return parseEventTime(Number(value));
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return undefined;
    // Keep microseconds that Date.parse drops: 2026-11-20T12:00:00.123456Z.
    const frac = /\.(\d{4,9})/.exec(value);
    return frac ? ms + ((Number(`0.${frac[1]}`) * 1000) % 1) : ms;
  }
  return undefined;
}

export function findEventTime(obj: Record<string, unknown>): { ts: number; key: string } | undefined {
  for (const key of CANDIDATES) {
    if (!(key in obj)) continue;
    const ts = parseEventTime(obj[key]);
    if (ts !== undefined) return { ts, key };
  }
  return undefined;
}
