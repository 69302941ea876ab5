/** Times in queries and time pickers: ISO-8601, epoch milliseconds, or relative (`-24h`, `now-1h`, `now`). */
import { QuerySyntaxError } from './errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Math.round(Number(m[1]) * UNITS[m[2]]);
  return ms > 0 ? ms : undefined;
}

/** Epoch ms for a time expression; throws with a message that shows accepted forms. */
export function parseTime(text: string, now: number, column = 1): number {
  const t = text.trim();
  if (t === 'now') return now;
  const rel = /^(?:now)?([+-])(\d+(?:\.\d+)?(?:ms|s|m|h|d|w))$/.exec(t);
  if (rel) {
    const d = parseDuration(rel[2])!;
    return rel[1] === '-' ? now - d : now + d;
  }
  if (/^\d{11,16}$/.test(t)) return Number(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    // A date-time without a zone is UTC, as everything in Vigil is.
    const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(t) || t.length === 10 ? t : `${t}Z`;
    const ms = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : iso);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new QuerySyntaxError(`not a time: "${text}" (use ISO-8601 like 2026-11-20T12:00:00Z, epoch ms, now, -24h, now-7d)`, column);
}
