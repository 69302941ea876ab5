/**
 * Collects the located problems of one document while it is parsed, so that every problem of
 * a rule is reported (not just the first) and the parser can keep going after each one.
 */
import type { Pos, SigmaDiagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { YNode, YScalar } from '../yaml/located-yaml.js';

export class Problems {
  readonly list: SigmaDiagnostic[] = [];
  rule: string | undefined;

  constructor(readonly file: string) {}

  error(pos: Pos, message: string): void {
    this.list.push(diagnostic('error', this.file, pos, message, this.rule));
  }

  warn(pos: Pos, message: string): void {
    this.list.push(diagnostic('warning', this.file, pos, message, this.rule));
  }

  get errorCount(): number {
    let n = 0;
    for (const d of this.list) if (d.severity === 'error') n++;
    return n;
  }
}

export function describeNode(n: YNode): string {
  if (n.kind === 'map') return 'a map';
  if (n.kind === 'seq') return 'a list';
  return n.value === null ? 'null' : `${typeof n.value} '${n.source}'`;
}

/** A scalar string attribute, or an error naming what was found instead. */
export function expectString(n: YNode, what: string, p: Problems): string | undefined {
  if (n.kind === 'scalar' && n.value !== null && typeof n.value !== 'object') {
    return typeof n.value === 'string' ? n.value : n.source;
  }
  p.error(n.pos, `${what} must be a string, found ${describeNode(n)}`);
  return undefined;
}

/** A list of strings; a single string is accepted as a one-item list. */
export function expectStringList(n: YNode, what: string, p: Problems): string[] {
  if (n.kind === 'scalar') {
    if (n.value === null) return [];
    return [typeof n.value === 'string' ? n.value : n.source];
  }
  if (n.kind === 'seq') {
    const out: string[] = [];
    for (const item of n.items) {
      const s = expectString(item, `each item of ${what}`, p);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
  p.error(n.pos, `${what} must be a list of strings, found ${describeNode(n)}`);
  return [];
}

export function scalarText(s: YScalar): string {
  return typeof s.value === 'string' ? s.value : s.source;
}
