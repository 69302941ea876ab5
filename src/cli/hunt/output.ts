/**
 * Hunt results as a timeline: a table for people, CSV for spreadsheets, JSONL for machines
 * (`{"rule":{id,title,level,tags},"timestamp","event":{…}}`, with `"events":[…]` for a
 * correlation, plus the matched values and where the event was found).
 */
import type { MatchedValue } from '../../detect/sigma/index.js';

export interface HuntDetection {
  kind: 'rule' | 'correlation';
  rule: { id?: string; title: string; level?: string; tags: string[] };
  /** Event time, epoch ms (undefined when the record carried none). */
  ts: number | undefined;
  file?: string;
  where?: string;
  event?: Record<string, unknown>;
  events?: unknown[];
  matched?: MatchedValue[];
  groupBy?: Record<string, unknown>;
  value?: number;
}

export const HUNT_FORMATS = ['table', 'csv', 'jsonl'] as const;
export type HuntFormat = (typeof HUNT_FORMATS)[number];

function iso(ts: number | undefined): string {
  return ts === undefined || !Number.isFinite(ts) ? '' : new Date(ts).toISOString();
}

function computer(d: HuntDetection): string {
  const e = (d.event ?? (d.events?.[0] as Record<string, unknown> | undefined)) as Record<string, unknown> | undefined;
  const sys = ((e?.Event as Record<string, unknown> | undefined)?.System ?? {}) as Record<string, unknown>;
  const v = sys.Computer ?? e?.Computer ?? e?.hostname ?? e?.host;
  return typeof v === 'string' ? v : '';
}

function details(d: HuntDetection): string {
  if (d.kind === 'correlation') {
    const g = Object.entries(d.groupBy ?? {}).map(([k, v]) => `${k}=${String(v)}`);
    return [...g, `value=${d.value}`, `events=${d.events?.length ?? 0}`].join(' ');
  }
  return (d.matched ?? [])
    .map((m) => (m.field === null ? `keyword "${m.ruleValue}"` : `${m.field}=${m.eventValue === undefined ? m.ruleValue : String(m.eventValue)}`))
    .join(' ');
}

function clip(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length <= n ? flat : flat.slice(0, n - 1) + '…';
}

export function renderTable(rows: HuntDetection[]): string {
  const head = ['Timestamp', 'Level', 'Rule', 'Computer', 'Details'];
  const cells = rows.map((d) => [iso(d.ts), d.rule.level ?? '', clip(d.rule.title, 60), clip(computer(d), 30), clip(details(d), 100)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return 'timestamp,level,rule_id,rule,computer,details,file,where\n';
}

export function csvRow(d: HuntDetection): string {
  return [iso(d.ts), d.rule.level ?? '', d.rule.id ?? '', d.rule.title, computer(d), details(d), d.file ?? '', d.where ?? ''].map(csvCell).join(',') + '\n';
}

export function jsonlRow(d: HuntDetection): string {
  const out: Record<string, unknown> = {
    rule: { id: d.rule.id ?? null, title: d.rule.title, level: d.rule.level ?? null, tags: d.rule.tags },
    timestamp: iso(d.ts) || null,
  };
  if (d.kind === 'correlation') {
    out.events = d.events ?? [];
    out.group_by = d.groupBy ?? {};
    out.value = d.value;
  } else {
    out.event = d.event ?? {};
    out.matched = d.matched ?? [];
  }
  if (d.file) out.source = { file: d.file, where: d.where };
  return JSON.stringify(out) + '\n';
}
