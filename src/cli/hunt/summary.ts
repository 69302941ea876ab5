/**
 * The hunt summary on stderr (INTERFACE.md): files, events, rules loaded and rejected (with
 * reasons), detections by level, and why rules could not match, so "0 detections" always comes
 * with an explanation.
 */
import { formatDiagnostic, SIGMA_LEVELS } from '../../detect/sigma/index.js';
import type { HuntSummary } from './run-hunt.js';

const MAX_LISTED = 15;

function logsourceText(ls: { product?: string; service?: string; category?: string }): string {
  return [ls.product, ls.service, ls.category].map((x) => x ?? '*').join('/');
}

export function renderHuntSummary(s: HuntSummary): string {
  const out: string[] = ['Hunt summary'];
  const c = s.compile;
  out.push(`  files:       ${s.files} read${s.failedFiles.length ? `, ${s.failedFiles.length} could not be read` : ''}${s.interrupted ? ' (interrupted)' : ''}`);
  for (const f of s.failedFiles.slice(0, MAX_LISTED)) out.push(`    ${f.file}: ${f.error}`);
  if (s.skippedFiles.length) out.push(`    ${s.skippedFiles.length} files in the given folders skipped (not a format hunt reads), e.g. ${s.skippedFiles[0]}`);
  out.push(`  events:      ${s.events}${s.problems ? ` (${s.problems} unreadable records or regions)` : ''}`);
  for (const p of s.problemExamples.slice(0, 5)) out.push(`    ${p.file} ${p.where}: ${p.reason}`);
  out.push(`  rules:       ${c.bundle.rules.length} loaded, ${c.bundle.correlations.length} correlations, ${c.bundle.filterTitles.length} filters, ${c.rejected.length} rejected`);
  for (const r of c.rejected.slice(0, MAX_LISTED)) out.push(`    rejected ${r.file}:${r.line}:${r.col}: ${r.error}`);
  if (c.rejected.length > MAX_LISTED) out.push(`    … ${c.rejected.length - MAX_LISTED} more (vigil rules lint lists them all)`);
  const warnings = c.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length) out.push(`    ${warnings.length} warnings (vigil rules lint lists them)${c.unmappedLogsource.length ? `, ${c.unmappedLogsource.length} rules have a logsource no mapping knows` : ''}`);
  const levels = [...SIGMA_LEVELS].reverse().map((l) => `${l} ${s.byLevel[l] ?? 0}`).join(', ');
  out.push(`  detections:  ${s.detections} (${levels})${s.correlationDetections ? `, of which ${s.correlationDetections} from correlations` : ''}`);
  if (s.eventsByLogsource.length) {
    // Class keys are shape|product|service|categories; people care about the logsource part.
    const byLabel = new Map<string, number>();
    for (const [k, n] of s.eventsByLogsource) {
      const label = k.split('|').slice(1).filter(Boolean).join('/');
      byLabel.set(label, (byLabel.get(label) ?? 0) + n);
    }
    const top = [...byLabel].sort((a, b) => b[1] - a[1]);
    out.push(`  logsources:  ${top.slice(0, 8).map(([k, n]) => `${k} ${n}`).join('; ')}${top.length > 8 ? `; … ${top.length - 8} more` : ''}`);
  }
  if (s.unclassifiedEvents) {
    out.push(`  no logsource: ${s.unclassifiedEvents} events were not Windows records and not recognised (no rule was evaluated on them); declare theirs with --logsource product=…,service=…`);
  }
  if (s.eventsWithoutTime) out.push(`  no time:     ${s.eventsWithoutTime} events matched a correlation's rule but had no timestamp; they were not correlated`);
  if (s.neverRouted.length) {
    const groups = new Map<string, number>();
    for (const r of s.neverRouted) groups.set(logsourceText(r.logsource), (groups.get(logsourceText(r.logsource)) ?? 0) + 1);
    const top = [...groups].sort((a, b) => b[1] - a[1]);
    out.push(`  could not match: ${s.neverRouted.length} rules, because no event had their logsource:`);
    out.push(`    ${top.slice(0, MAX_LISTED).map(([k, n]) => `${k} (${n})`).join(', ')}${top.length > MAX_LISTED ? `, … ${top.length - MAX_LISTED} more logsources` : ''}`);
  }
  return out.join('\n') + '\n';
}

export { formatDiagnostic };
