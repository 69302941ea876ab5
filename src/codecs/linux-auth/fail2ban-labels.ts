/**
 * Reader for fail2ban's labelled test logs (`# failJSON: {…}` before each line), used by the
 * corpus test. Tracks `# filterOptions:` sections and per-label `constraint`s, which say in
 * which fail2ban mode a label holds.
 */
import { readFileSync } from 'node:fs';

export interface Fail2banLabel {
  time?: string;
  match: boolean;
  host?: string;
  ip4?: string;
  ip6?: string;
  user?: string;
  constraint?: string;
  desc?: string;
}

export interface LabelledLine {
  file: string;
  /** 1-based line number of the log line. */
  lineNo: number;
  line: string;
  label: Fail2banLabel;
  /** Raw text of the `# filterOptions:` header in force, if any. */
  section?: string;
}

export function readLabelledLines(path: string, name: string): LabelledLine[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: LabelledLine[] = [];
  let section: string | undefined;
  let pending: Fail2banLabel | undefined;
  lines.forEach((text, i) => {
    if (text.startsWith('# filterOptions:')) {
      section = text.slice('# filterOptions:'.length).trim();
      return;
    }
    if (text.startsWith('# failJSON:')) {
      pending = JSON.parse(text.slice('# failJSON:'.length)) as Fail2banLabel;
      return;
    }
    if (text.startsWith('#') || text.trim() === '') return;
    if (pending) {
      out.push({ file: name, lineNo: i + 1, line: text, label: pending, section });
      pending = undefined;
    }
  });
  return out;
}

/**
 * Evaluates the constraint forms fail2ban's sshd tests use, for a given mode and filter name.
 * Throws on any other form so that a new corpus construct cannot slip through unnoticed.
 */
export function constraintHolds(constraint: string | undefined, env: { mode: string; name: string }): boolean {
  if (constraint === undefined) return true;
  const m = /^\s*(name|opts\.get\('mode'\))\s*(==|!=)\s*'([^']*)'\s*$/.exec(constraint);
  if (!m) throw new Error(`unsupported failJSON constraint: ${constraint}`);
  const actual = m[1] === 'name' ? env.name : env.mode;
  return m[2] === '==' ? actual === m[3] : actual !== m[3];
}
