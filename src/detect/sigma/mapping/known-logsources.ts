/**
 * Is a rule's logsource one that some mapping knows? A rule whose logsource is unknown (often a
 * typo: `proces_creation`) can only match events that declare exactly that logsource, so lint
 * and hunt report it instead of letting it sit silently.
 */
import type { SigmaLogsource } from '../model/types.js';
import { KNOWN_LOGSOURCES } from './generic-data.js';
import { WINDOWS_CATEGORIES, WINDOWS_CHANNEL_SERVICES } from './windows-data.js';

const known: SigmaLogsource[] = [...KNOWN_LOGSOURCES];
for (const service of new Set(Object.values(WINDOWS_CHANNEL_SERVICES))) known.push({ product: 'windows', service });
for (const c of WINDOWS_CATEGORIES) known.push({ product: 'windows', service: c.service, category: c.category });
for (const c of WINDOWS_CATEGORIES.filter((c) => c.service === 'sysmon')) known.push({ product: 'linux', service: 'sysmon', category: c.category });

/** True when the rule's logsource is covered by at least one known logsource. */
export function isKnownLogsource(ls: SigmaLogsource): boolean {
  return known.some((k) => covers(ls, k));
}

/** Every attribute the rule names is equal in `event`. */
export function covers(rule: SigmaLogsource, event: SigmaLogsource): boolean {
  if (!rule.product && !rule.service && !rule.category) return false;
  return (!rule.product || rule.product === event.product) && (!rule.service || rule.service === event.service) && (!rule.category || rule.category === event.category);
}

/** The closest known value for each unknown attribute, for "did you mean". */
export function suggestLogsource(ls: SigmaLogsource): string | undefined {
  const hints: string[] = [];
  for (const key of ['product', 'service', 'category'] as const) {
    const v = ls[key];
    if (!v) continue;
    const values = new Set(known.map((k) => k[key]).filter((x): x is string => !!x));
    if (values.has(v)) continue;
    let best: string | undefined;
    let bestD = Infinity;
    for (const cand of values) {
      const d = editDistance(v, cand);
      if (d < bestD) {
        bestD = d;
        best = cand;
      }
    }
    if (best && bestD <= Math.max(2, Math.floor(v.length / 4))) hints.push(`${key} '${best}'`);
  }
  return hints.length ? `did you mean ${hints.join(', ')}?` : undefined;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
