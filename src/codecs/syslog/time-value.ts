/**
 * Reads a free-standing time value as CEF (`rt`, `start`, `end`) and LEEF (`devTime`) carry it:
 * epoch milliseconds or seconds, RFC 3339/ISO, or `MMM dd[ yyyy] HH:mm:ss[.SSS][ zone]`.
 */
import { readBsdTimestamp, readIsoTimestamp, type TimestampContext } from './timestamp.js';

export function parseTimeValue(text: string, ctx: TimestampContext): number | undefined {
  const t = text.trim();
  if (/^\d{13}$/.test(t)) return Number(t);
  if (/^\d{10}(?:\.\d{1,6})?$/.test(t)) return Math.round(Number(t) * 1000);
  const iso = readIsoTimestamp(t, 0, ctx);
  if (iso && iso.end >= t.length) return iso.ts;
  const bsd = readBsdTimestamp(t, 0, ctx);
  if (bsd && bsd.end >= t.length) return bsd.ts;
  return undefined;
}
