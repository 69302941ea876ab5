/**
 * A loaded rule set → a SigmaBundle: every rule compiled to IR (rules that fail are rejected with
 * located reasons, the others go on), filters attached to the rules they apply to, correlation
 * references resolved and checked, rules that only feed a correlation marked as such.
 */
import type { SigmaDiagnostic } from './diagnostics.js';
import { diagnostic } from './diagnostics.js';
import type { IrNode } from './compile/ir.js';
import type { CompileOptions } from './compile/rule-to-ir.js';
import { detectionToIr, makeCtx, ruleToIr } from './compile/rule-to-ir.js';
import { isKnownLogsource, suggestLogsource } from './mapping/known-logsources.js';
import type { BundleOptions, BundleRule, RuleInfo } from './match/bundle.js';
import { SigmaBundle } from './match/bundle.js';
import type { SigmaRuleSet } from './model/collection.js';
import type { SigmaCorrelation, SigmaFilter, SigmaRule } from './model/types.js';
import { ruleKey } from './model/types.js';

export interface CompileResult {
  bundle: SigmaBundle;
  /** Load and compile problems together. */
  diagnostics: SigmaDiagnostic[];
  rejected: SigmaRuleSet['rejected'];
  /** Rules whose logsource no mapping knows (they only match events declaring it). */
  unmappedLogsource: RuleInfo[];
}

export function compileSigmaBundle(set: SigmaRuleSet, opts: CompileOptions & BundleOptions = {}): CompileResult {
  const diagnostics: SigmaDiagnostic[] = [...set.diagnostics];
  const rejected = [...set.rejected];
  const reject = (r: SigmaRule | SigmaCorrelation | SigmaFilter, before: number): void => {
    const first = diagnostics.slice(before).find((d) => d.severity === 'error');
    rejected.push({ file: r.origin.file, line: first?.line ?? r.origin.pos.line, col: first?.col ?? r.origin.pos.col, rule: ruleKey(r), error: first?.message ?? 'rule could not be compiled' });
  };

  const rules: BundleRule[] = [];
  const unmapped: RuleInfo[] = [];
  for (const r of set.rules) {
    const before = diagnostics.length;
    // Checked before compiling, so lint reports it even for a rule rejected for another reason.
    const known = isKnownLogsource(r.logsource);
    if (!known) {
      const hint = suggestLogsource(r.logsource);
      const ls = Object.entries(r.logsource).map(([k, v]) => `${k}=${v}`).join(' ');
      diagnostics.push(diagnostic('warning', r.origin.file, r.logsourcePos, `logsource ${ls} is not known to any mapping: the rule only matches events that declare exactly this logsource${hint ? ` (${hint})` : ''}`, ruleKey(r)));
    }
    const ir = ruleToIr(r, opts, diagnostics);
    if (!ir) {
      reject(r, before);
      continue;
    }
    const info: RuleInfo = { index: rules.length, title: r.title, tags: r.tags, logsource: r.logsource, file: r.origin.file, line: r.origin.pos.line };
    if (r.id) info.id = r.id;
    if (r.name) info.name = r.name;
    if (r.level) info.level = r.level;
    if (r.status) info.status = r.status;
    if (!known) unmapped.push(info);
    rules.push({ index: info.index, ir, filters: [], info, standalone: true, source: r });
  }

  // Filters: the rule's detection is kept only when the filter's condition holds (pySigma).
  const filterTitles: string[] = [];
  for (const f of set.filters) {
    const before = diagnostics.length;
    const cond: IrNode | undefined = detectionToIr(f.detection, makeCtx(f.origin.file, ruleKey(f), opts, diagnostics));
    if (!cond) {
      reject(f, before);
      continue;
    }
    const index = filterTitles.length;
    filterTitles.push(f.title);
    let applied = 0;
    const refs = f.rules === 'any' ? undefined : f.rules;
    for (const r of rules) {
      if (!sameOrBroader(f.logsource, r.ir.logsource)) continue;
      if (refs && !refs.some((ref) => ref.ref === r.info.id || ref.ref === r.info.name)) continue;
      r.filters = [...r.filters, { index, condition: cond }];
      applied++;
    }
    for (const ref of refs ?? []) {
      if (!rules.some((r) => ref.ref === r.info.id || ref.ref === r.info.name)) {
        diagnostics.push(diagnostic('warning', f.origin.file, ref.pos, `filter refers to rule '${ref.ref}', which is not loaded`, ruleKey(f)));
      }
    }
    if (applied === 0) diagnostics.push(diagnostic('warning', f.origin.file, f.origin.pos, 'filter applies to no loaded rule', ruleKey(f)));
  }

  const correlations = resolveCorrelations(set.correlations, rules, diagnostics, rejected);
  const bundle = new SigmaBundle(rules, correlations, filterTitles, opts);
  return { bundle, diagnostics, rejected, unmappedLogsource: unmapped };
}

/** A filter's logsource covers a rule's when every attribute the filter names is equal in the rule. */
function sameOrBroader(filter: SigmaRule['logsource'], rule: SigmaRule['logsource']): boolean {
  return (!filter.product || filter.product === rule.product) && (!filter.service || filter.service === rule.service) && (!filter.category || filter.category === rule.category);
}

function resolveCorrelations(list: readonly SigmaCorrelation[], rules: BundleRule[], diagnostics: SigmaDiagnostic[], rejected: SigmaRuleSet['rejected']): SigmaCorrelation[] {
  const byRef = new Map<string, { kind: 'rule'; rule: BundleRule } | { kind: 'correlation'; c: SigmaCorrelation }>();
  for (const r of rules) {
    if (r.info.id) byRef.set(r.info.id, { kind: 'rule', rule: r });
    if (r.info.name) byRef.set(r.info.name, { kind: 'rule', rule: r });
  }
  for (const c of list) {
    if (c.id) byRef.set(c.id, { kind: 'correlation', c });
    if (c.name) byRef.set(c.name, { kind: 'correlation', c });
  }
  const ok: SigmaCorrelation[] = [];
  const bad = new Set<SigmaCorrelation>();
  for (const c of list) {
    let errors = 0;
    for (const ref of c.rules) {
      if (!byRef.has(ref.ref)) {
        diagnostics.push(diagnostic('error', c.origin.file, ref.pos, `correlation refers to rule '${ref.ref}', which is not loaded (or was rejected)`, ruleKey(c)));
        errors++;
      }
    }
    for (const [alias, perRule] of c.aliases) {
      for (const ruleRef of perRule.keys()) {
        if (!c.rules.some((r) => r.ref === ruleRef)) {
          diagnostics.push(diagnostic('warning', c.origin.file, c.pos, `alias '${alias}' maps rule '${ruleRef}', which the correlation does not list`, ruleKey(c)));
        }
      }
    }
    if (cycles(c, byRef)) {
      diagnostics.push(diagnostic('error', c.origin.file, c.pos, 'correlation refers to itself through its rules (a cycle)', ruleKey(c)));
      errors++;
    }
    if (errors) bad.add(c);
  }
  // A correlation built on a rejected correlation cannot work either.
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of list) {
      if (bad.has(c)) continue;
      const dep = c.rules.find((ref) => {
        const t = byRef.get(ref.ref);
        return t?.kind === 'correlation' && bad.has(t.c);
      });
      if (dep) {
        diagnostics.push(diagnostic('error', c.origin.file, dep.pos, `correlation refers to '${dep.ref}', which was rejected`, ruleKey(c)));
        bad.add(c);
        changed = true;
      }
    }
  }
  for (const c of list) {
    if (bad.has(c)) {
      const first = diagnostics.find((d) => d.rule === ruleKey(c) && d.severity === 'error' && d.file === c.origin.file);
      rejected.push({ file: c.origin.file, line: first?.line ?? c.pos.line, col: first?.col ?? c.pos.col, rule: ruleKey(c), error: first?.message ?? 'invalid correlation' });
      continue;
    }
    ok.push(c);
    if (!c.generate) {
      for (const ref of c.rules) {
        const t = byRef.get(ref.ref);
        if (t?.kind === 'rule') t.rule.standalone = false;
      }
    }
  }
  return ok;
}

function cycles(start: SigmaCorrelation, byRef: Map<string, { kind: 'rule' } | { kind: 'correlation'; c: SigmaCorrelation }>): boolean {
  const seen = new Set<SigmaCorrelation>();
  const visit = (c: SigmaCorrelation): boolean => {
    if (c === start && seen.size > 0) return true;
    if (seen.has(c)) return false;
    seen.add(c);
    for (const ref of c.rules) {
      const t = byRef.get(ref.ref);
      if (t?.kind === 'correlation' && visit(t.c)) return true;
    }
    return false;
  };
  return visit(start);
}
