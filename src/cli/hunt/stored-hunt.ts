/**
 * `vigil hunt --data DIR --rules PATH [--from T] [--to T]`: the same rules run as SQL over the
 * events stored in a data directory (a retro-hunt), with the file hunt's timeline output and a
 * summary that says what ran, what SQL could not express and why, and what could not match.
 */
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import type { CompileResult, SigmaLevel } from '../../detect/sigma/index.js';
import { compileSigmaBundle, loadPlaceholders, loadSigmaRules, SIGMA_LEVELS } from '../../detect/sigma/index.js';
import type { StoredHuntResult } from '../../detect/sigma-sql/index.js';
import { correlateStored, fetchStoredEvents, huntStoredEvents } from '../../detect/sigma-sql/index.js';
import type { HuntDetection } from './output.js';

export interface StoredHuntOptions {
  dataDir: string;
  rules: string[];
  placeholders?: string[];
  /** Event time range, epoch ms: from inclusive, to exclusive. */
  from?: number;
  to?: number;
  minLevel?: SigmaLevel;
}

export interface StoredHuntSummary {
  compile: CompileResult;
  hunt: StoredHuntResult;
  detections: number;
  correlationDetections: number;
  byLevel: Record<string, number>;
}

function levelRank(l: string | undefined): number {
  return l === undefined ? 0 : SIGMA_LEVELS.indexOf(l as SigmaLevel);
}

export async function runStoredHunt(opts: StoredHuntOptions): Promise<{ detections: HuntDetection[]; summary: StoredHuntSummary }> {
  const placeholders = opts.placeholders?.length ? loadPlaceholders(opts.placeholders) : undefined;
  const compile = compileSigmaBundle(loadSigmaRules(opts.rules), placeholders ? { placeholders } : {});
  const { bundle } = compile;
  const minRank = opts.minLevel ? levelRank(opts.minLevel) : 0;
  const store = DuckDbStore.inDataDir(opts.dataDir);
  await store.open();
  try {
    const hunt = await huntStoredEvents(bundle, store, { ...(opts.from !== undefined ? { from: opts.from } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) });
    const shown = hunt.detections.filter((d) => d.standalone && levelRank(d.rule.level) >= minRank);
    const feeds = bundle.correlations.length > 0;
    const events = await fetchStoredEvents(store, (feeds ? hunt.detections : shown).map((d) => d.eventId));
    const detections: HuntDetection[] = shown.map((d) => ({
      kind: 'rule',
      rule: { ...(d.rule.id ? { id: d.rule.id } : {}), title: d.rule.title, ...(d.rule.level ? { level: d.rule.level } : {}), tags: d.rule.tags },
      ts: d.ts,
      where: `event ${d.eventId}`,
      event: events.get(d.eventId)?.native ?? {},
    }));
    let correlationDetections = 0;
    for (const c of correlateStored(bundle, hunt.detections, events)) {
      if (!c.standalone || levelRank(c.correlation.level) < minRank) continue;
      correlationDetections++;
      detections.push({ kind: 'correlation', rule: { ...(c.correlation.id ? { id: c.correlation.id } : {}), title: c.correlation.title, ...(c.correlation.level ? { level: c.correlation.level } : {}), tags: c.correlation.tags }, ts: c.ts, events: c.events, groupBy: c.groupBy, value: c.value });
    }
    detections.sort((a, b) => (a.ts ?? Infinity) - (b.ts ?? Infinity));
    const byLevel: Record<string, number> = {};
    for (const d of detections) byLevel[d.rule.level ?? 'none'] = (byLevel[d.rule.level ?? 'none'] ?? 0) + 1;
    return { detections, summary: { compile, hunt, detections: detections.length, correlationDetections, byLevel } };
  } finally {
    await store.close();
  }
}

const MAX_LISTED = 15;

export function renderStoredHuntSummary(s: StoredHuntSummary): string {
  const h = s.hunt;
  const c = s.compile;
  const out = ['Retro-hunt summary (stored events, SQL)'];
  out.push(`  rules:       ${c.bundle.rules.length} loaded, ${c.bundle.correlations.length} correlations, ${c.bundle.filterTitles.length} filters, ${c.rejected.length} rejected`);
  for (const r of c.rejected.slice(0, MAX_LISTED)) out.push(`    rejected ${r.file}:${r.line}:${r.col}: ${r.error}`);
  out.push(`  sql:         ${h.compiled} compiled, ${h.refused.length} refused, ${h.failed.length} failed in the database; record shapes ${h.shapes.join(', ') || 'none'}`);
  for (const r of h.refused.slice(0, MAX_LISTED)) out.push(`    refused ${r.rule.file}:${r.rule.line} ${r.rule.title}: ${r.reason}`);
  for (const f of h.failed.slice(0, MAX_LISTED)) out.push(`    failed ${f.rule.file}:${f.rule.line} ${f.rule.title}: ${f.error}`);
  out.push(`  queries:     ${h.queries} (compile ${Math.round(h.compile_ms)} ms, queries ${Math.round(h.query_ms)} ms)`);
  const levels = [...SIGMA_LEVELS].reverse().map((l) => `${l} ${s.byLevel[l] ?? 0}`).join(', ');
  out.push(`  detections:  ${s.detections} (${levels})${s.correlationDetections ? `, of which ${s.correlationDetections} from correlations` : ''}`);
  if (h.unreached.length) {
    const groups = new Map<string, number>();
    for (const r of h.unreached) {
      const k = [r.logsource.product, r.logsource.service, r.logsource.category].map((x) => x ?? '*').join('/');
      groups.set(k, (groups.get(k) ?? 0) + 1);
    }
    const top = [...groups].sort((a, b) => b[1] - a[1]);
    out.push(`  could not match: ${h.unreached.length} rules, because no stored event in range had their logsource:`);
    out.push(`    ${top.slice(0, MAX_LISTED).map(([k, n]) => `${k} (${n})`).join(', ')}${top.length > MAX_LISTED ? `, … ${top.length - MAX_LISTED} more logsources` : ''}`);
  }
  return out.join('\n') + '\n';
}
