/**
 * The core of `vigil hunt`: rules in, evidence files in, a timeline of detections and a
 * summary out. Base detections are matched as records stream by; the detections that feed
 * correlation rules are kept and replayed in event-time order at the end, so files read in any
 * order correlate as if they had been merged.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logsource } from '../../core/event.js';
import type { CompileResult, RuleInfo, SigmaLevel, SigmaMatch } from '../../detect/sigma/index.js';
import { compileSigmaBundle, CorrelationEngine, loadPlaceholders, loadSigmaRules, SIGMA_LEVELS, UNCLASSIFIED } from '../../detect/sigma/index.js';
import { eventTime } from '../../detect/sigma/events/event-time.js';
import { openMaybeGzip } from '../../ingest/line-blocks.js';
import type { HuntDetection } from './output.js';
import type { HuntRecord } from './records.js';
import { readerFor } from './records.js';

export interface HuntOptions {
  rules: string[];
  inputs: string[];
  placeholders?: string[];
  /** Declared logsource for records that neither are Windows records nor are recognised. */
  logsource?: Logsource;
  minLevel?: SigmaLevel;
  signal?: AbortSignal;
  onProgress?: (bytes: number, events: number, file: string) => void;
}

export interface HuntSummary {
  files: number;
  failedFiles: Array<{ file: string; error: string }>;
  /** Files inside given folders that are not evidence of a readable format (skipped, not an error). */
  skippedFiles: string[];
  events: number;
  problems: number;
  problemExamples: Array<{ file: string; where: string; reason: string }>;
  compile: CompileResult;
  detections: number;
  byLevel: Record<string, number>;
  correlationDetections: number;
  unclassifiedEvents: number;
  eventsWithoutTime: number;
  eventsByLogsource: Array<[string, number]>;
  /** Rules no event could reach: no event had their logsource. */
  neverRouted: RuleInfo[];
  interrupted: boolean;
}

const MAX_PROBLEM_EXAMPLES = 20;

/** Files to read; `named` is false for files found by walking a folder. */
export function expandInputs(paths: string[]): Array<{ file: string; named: boolean }> {
  const out: Array<{ file: string; named: boolean }> = [];
  const walk = (p: string, named: boolean): void => {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name), false);
    } else out.push({ file: p, named });
  };
  for (const p of paths) walk(p, true);
  return out;
}

async function readHead(file: string): Promise<string> {
  const stream = openMaybeGzip(file);
  try {
    for await (const chunk of stream) return (chunk as Buffer).subarray(0, 4096).toString('latin1');
    return '';
  } finally {
    stream.destroy();
  }
}

function levelRank(l: string | undefined): number {
  return l === undefined ? 0 : SIGMA_LEVELS.indexOf(l as SigmaLevel);
}

export async function runHunt(opts: HuntOptions): Promise<{ detections: HuntDetection[]; summary: HuntSummary }> {
  const placeholders = opts.placeholders?.length ? loadPlaceholders(opts.placeholders) : undefined;
  const compile = compileSigmaBundle(loadSigmaRules(opts.rules), placeholders ? { placeholders } : {});
  const { bundle } = compile;
  const minRank = opts.minLevel ? levelRank(opts.minLevel) : 0;
  const feedsCorrelation = new Set<number>();
  for (const c of bundle.correlations) for (const ref of c.rules) for (const r of bundle.rules) if (r.info.id === ref.ref || r.info.name === ref.ref) feedsCorrelation.add(r.info.index);

  const summary: HuntSummary = {
    files: 0, failedFiles: [], skippedFiles: [], events: 0, problems: 0, problemExamples: [], compile, detections: 0, byLevel: {},
    correlationDetections: 0, unclassifiedEvents: 0, eventsWithoutTime: 0, eventsByLogsource: [], neverRouted: [], interrupted: false,
  };
  const detections: HuntDetection[] = [];
  const toCorrelate: Array<{ ts: number; matches: SigmaMatch[]; record: Record<string, unknown> }> = [];
  let bytes = 0;
  try {
    for (const { file, named } of expandInputs(opts.inputs)) {
      let reader;
      try {
        reader = readerFor(file, await readHead(file));
      } catch (err) {
        summary.failedFiles.push({ file, error: (err as Error).message });
        continue;
      }
      if (!reader) {
        if (named) summary.failedFiles.push({ file, error: 'not a format hunt reads (EVTX, JSON/NDJSON, CSV, Event XML, Zeek, auditd, EVE, syslog; also .gz)' });
        else summary.skippedFiles.push(file);
        continue;
      }
      summary.files++;
      const ctx = {
        ...(opts.signal ? { signal: opts.signal } : {}),
        onBytes: (n: number) => {
          bytes += n;
          opts.onProgress?.(bytes, summary.events, file);
        },
        onProblem: (where: string, reason: string) => {
          summary.problems++;
          if (summary.problemExamples.length < MAX_PROBLEM_EXAMPLES) summary.problemExamples.push({ file, where, reason });
        },
      };
      try {
        for await (const rec of reader.read(file, ctx)) {
          summary.events++;
          handleRecord(rec, file);
        }
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        summary.failedFiles.push({ file, error: (err as Error).message });
      }
    }
  } catch (err) {
    if (!opts.signal?.aborted) throw err;
    summary.interrupted = true;
  }

  function handleRecord(rec: HuntRecord, file: string): void {
    const logsource = rec.logsource ?? opts.logsource;
    const input = { native: rec.native, ...(rec.fields ? { fields: rec.fields } : {}), ...(logsource ? { meta: { logsource } } : {}) };
    const matches = bundle.match(input);
    if (matches.length === 0) return;
    const ts = rec.ts ?? eventTime(rec.native, rec.fields);
    const feed: SigmaMatch[] = [];
    for (const m of matches) {
      if (feedsCorrelation.has(m.rule.index)) feed.push(m);
      if (!m.standalone || levelRank(m.rule.level) < minRank) continue;
      detections.push({ kind: 'rule', rule: { ...(m.rule.id ? { id: m.rule.id } : {}), title: m.rule.title, ...(m.rule.level ? { level: m.rule.level } : {}), tags: m.rule.tags }, ts, file, where: rec.where, event: rec.native, matched: m.matched });
    }
    if (feed.length === 0) return;
    if (ts === undefined) summary.eventsWithoutTime++;
    else toCorrelate.push({ ts, matches: feed, record: rec.native });
  }

  if (bundle.correlations.length > 0) {
    const engine = new CorrelationEngine(bundle, { allowed_lateness_ms: 0 });
    toCorrelate.sort((a, b) => a.ts - b.ts);
    const fired = toCorrelate.flatMap((x) => engine.process(x.matches, x.ts, x.record));
    fired.push(...engine.flush());
    for (const d of fired) {
      if (!d.standalone || levelRank(d.correlation.level) < minRank) continue;
      summary.correlationDetections++;
      detections.push({ kind: 'correlation', rule: { ...(d.correlation.id ? { id: d.correlation.id } : {}), title: d.correlation.title, ...(d.correlation.level ? { level: d.correlation.level } : {}), tags: d.correlation.tags }, ts: d.ts, events: d.events, groupBy: d.groupBy, value: d.value });
    }
  }
  detections.sort((a, b) => (a.ts ?? Infinity) - (b.ts ?? Infinity));
  summary.detections = detections.length;
  for (const d of detections) summary.byLevel[d.rule.level ?? 'none'] = (summary.byLevel[d.rule.level ?? 'none'] ?? 0) + 1;
  summary.unclassifiedEvents = bundle.eventsByClass.get(UNCLASSIFIED) ?? 0;
  summary.eventsByLogsource = [...bundle.eventsByClass].filter(([k]) => k !== UNCLASSIFIED).sort((a, b) => b[1] - a[1]);
  summary.neverRouted = bundle.stats().filter((s) => !s.routed).map((s) => s.rule);
  return { detections, summary };
}
