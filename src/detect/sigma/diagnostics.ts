/**
 * Located problems found while loading or compiling Sigma rules. Every problem names the file
 * and the 1-based line:col of the offending YAML node, and all of them are collected: one bad
 * rule never hides the problems (or the success) of the others.
 */
export interface Pos {
  line: number;
  col: number;
}

export type Severity = 'error' | 'warning';

export interface SigmaDiagnostic {
  severity: Severity;
  file: string;
  line: number;
  col: number;
  message: string;
  /** The rule the problem belongs to (id, else title), when known. */
  rule?: string;
}

export function diagnostic(severity: Severity, file: string, pos: Pos, message: string, rule?: string): SigmaDiagnostic {
  const d: SigmaDiagnostic = { severity, file, line: pos.line, col: pos.col, message };
  if (rule !== undefined) d.rule = rule;
  return d;
}

/** `file:line:col: error: message [rule]` — the form editors and CI annotate from. */
export function formatDiagnostic(d: SigmaDiagnostic): string {
  const rule = d.rule ? ` [${d.rule}]` : '';
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}${rule}`;
}

/** Thrown inside the compiler for one rule, caught at the rule boundary and turned into a diagnostic. */
export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}
