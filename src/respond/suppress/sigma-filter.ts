/**
 * A Sigma filter document as a suppression. Sigma keeps a rule's match only where the filter's
 * condition holds, so an event is suppressed where it is in the filter's logsource and the
 * condition does not hold. That is compiled once as a rule with the negated condition: the
 * in-memory matcher answers for live detections, and the same rule compiled to SQL answers the
 * preview over stored events, with the semantics the engine has everywhere else.
 */
import {
  compileSigmaBundle,
  formatDiagnostic,
  loadSigmaText,
  type SigmaBundle,
  type SigmaFilter,
  type SigmaInput,
  type SigmaRule,
  type SigmaRuleSet,
} from '../../detect/sigma/index.js';

export class SuppressionInputError extends Error {
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

export interface CompiledSigmaFilter {
  title: string;
  /** Rule ids or names the filter names; undefined for `rules: any`. */
  rules?: string[];
  /** One rule: the filter's logsource with the negated condition. */
  bundle: SigmaBundle;
  /** True when the event is in the filter's logsource and the filter would drop it. */
  suppresses(event: SigmaInput): boolean;
}

/** Parses and compiles a filter document; every problem is reported with line:col. */
export function compileSigmaFilter(yaml: string): CompiledSigmaFilter {
  const set = loadSigmaText([{ text: yaml, name: 'suppression.yml' }]);
  const errors = set.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new SuppressionInputError('the Sigma filter has errors', { errors: errors.map(formatDiagnostic) });
  if (set.filters.length !== 1 || set.rules.length || set.correlations.length) {
    throw new SuppressionInputError('a suppression needs exactly one Sigma filter document (with a `filter:` section) and nothing else');
  }
  const filter = set.filters[0];
  const compiled = compileSigmaBundle(asNegatedRule(filter));
  const problems = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length || compiled.bundle.rules.length !== 1) {
    throw new SuppressionInputError('the Sigma filter does not compile', { errors: problems.map(formatDiagnostic) });
  }
  const bundle = compiled.bundle;
  return {
    title: filter.title,
    ...(filter.rules === 'any' ? {} : { rules: filter.rules.map((r) => r.ref) }),
    bundle,
    suppresses: (event) => bundle.match(event).length > 0,
  };
}

/** The filter's detection with `not (c1 or c2 ...)` as its one condition, as a standalone rule. */
function asNegatedRule(f: SigmaFilter): SigmaRuleSet {
  const first = f.detection.conditions[0];
  const negated = `not (${f.detection.conditions.map((c) => `(${c.text})`).join(' or ')})`;
  const rule: SigmaRule = {
    ...f,
    kind: 'rule',
    id: '00000000-0000-4000-8000-000000000000',
    level: 'informational',
    detection: { ...f.detection, conditions: [{ text: negated, pos: first?.pos ?? f.detection.pos, quoted: false }] },
    fields: [],
  };
  return { rules: [rule], correlations: [], filters: [], diagnostics: [], files: ['suppression.yml'], rejected: [] };
}

/** Does the filter apply to this rule at all (by its `rules:` list)? */
export function filterCoversRule(f: Pick<CompiledSigmaFilter, 'rules'>, ruleId: string): boolean {
  return f.rules === undefined || f.rules.includes(ruleId);
}
