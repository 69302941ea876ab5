/** What the rules API answers with. */
import type { RuleStats } from '../sigma/index.js';
import type { LiveDetection } from './live-detection.js';
import { ruleKeyOf } from './to-detection.js';

export interface RuleView {
  id: string;
  title: string;
  kind: 'rule' | 'correlation';
  level: string | null;
  status: string | null;
  tags: string[];
  enabled: boolean;
  logsource: { product?: string; service?: string; category?: string } | null;
  file: string;
  line: number;
  hits: number;
  evaluated: number | null;
  /** Wall time of the last hit, epoch ms. */
  last_hit_at: number | null;
  /** Whether any event of the rule's logsource has been evaluated since the server started. */
  logsource_seen: boolean | null;
  logsource_last_seen_at: number | null;
}

export interface RuleTestAnswer {
  matched: boolean;
  rules: Array<{ id: string; title: string; explanation: string[] }>;
  explanation: string[];
  /** The logsource class the event was placed in (`unclassified` when no mapping placed it). */
  logsource: string;
  errors: string[];
}

export interface HuntAnswer {
  matches: number;
  correlations: Array<{ rule: string; ts: number; value: number; group_by: Record<string, unknown>; events: unknown[] }>;
  events: Array<{ rule: { id: string; title: string; level: string | null }; ts: number; id: string; event: unknown }>;
  truncated: boolean;
  refused: Array<{ rule: string; reason: string }>;
  failed: Array<{ rule: string; error: string }>;
  unreached: string[];
  took_ms: number;
}

export function ruleView(s: RuleStats, live: LiveDetection): RuleView {
  const key = ruleKeyOf(s.rule);
  const rec = live.history.get(key);
  return {
    id: key,
    title: s.rule.title,
    kind: 'rule',
    level: s.rule.level ?? null,
    status: s.rule.status ?? null,
    tags: s.rule.tags,
    enabled: !live.isDisabled(key),
    logsource: s.rule.logsource,
    file: s.rule.file,
    line: s.rule.line,
    hits: rec?.hits ?? 0,
    evaluated: s.evaluated + (rec?.evaluatedBefore ?? 0),
    last_hit_at: rec?.lastHitAt ?? null,
    logsource_seen: s.routed || rec?.logsourceLastSeenAt !== undefined,
    logsource_last_seen_at: rec?.logsourceLastSeenAt ?? null,
  };
}

/**
 * The YAML of one rule out of the file it is written in: the document starting at or before
 * its line (multi-document files hold several rules).
 */
export function ruleSource(text: string, file: string, line: number): string {
  if (file.startsWith('api:')) return text;
  const lines = text.split('\n');
  let start = 0;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (!/^---\s*$/.test(lines[i])) continue;
    if (i < line - 1) start = i + 1;
    else {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n').trim() + '\n';
}
