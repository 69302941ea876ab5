/** Durations on the command line: `500ms`, `30s`, `15m`, `24h`, `7d`. */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  return m ? Math.round(Number(m[1]) * UNITS[m[2]]) : undefined;
}
