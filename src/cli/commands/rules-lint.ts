/**
 * `vigil rules lint PATH...`: parses and compiles Sigma rules and reports every problem with
 * file:line:col. Exit 1 when any rule is rejected.
 */
import { compileSigmaBundle, formatDiagnostic } from '../../detect/sigma/index.js';
import type { Command } from '../command.js';
import { parseRuleCommandArgs } from './rule-args.js';

const USAGE = `vigil rules lint PATH... [--format text|json] [--placeholders FILE]

  PATH              Sigma rule files or folders (.yml/.yaml, searched recursively)
  --format json     print {"loaded":N,"rejected":[{"path","error"}],"warnings":[…]} on stdout
  --placeholders F  values for |expand placeholders (rules using placeholders without values
                    are rejected, as the specification requires)

Every problem is reported as FILE:LINE:COL: error|warning: message [rule], all of them, not
just the first. Warnings include logsources no mapping knows (often typos: the rule could never
match), ids that are not UUIDs, Sigma 1.x leftovers. Exit status 1 when any rule is rejected.`;

export const rulesLintCommand: Command = {
  name: 'rules lint',
  summary: 'parse and compile Sigma rules, report every problem with file:line:col',
  usage: USAGE,
  async run(argv, io) {
    const args = parseRuleCommandArgs(argv, io);
    const res = compileSigmaBundle(args.rules, args.compile);
    const loaded = res.bundle.rules.length + res.bundle.correlations.length + res.bundle.filterTitles.length;
    const warnings = res.diagnostics.filter((d) => d.severity === 'warning');
    if (args.format === 'json') {
      const out = {
        loaded,
        rejected: res.rejected.map((r) => ({ path: r.file, line: r.line, col: r.col, ...(r.rule ? { rule: r.rule } : {}), error: r.error })),
        errors: res.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ path: d.file, line: d.line, col: d.col, ...(d.rule ? { rule: d.rule } : {}), message: d.message })),
        warnings: warnings.map((d) => ({ path: d.file, line: d.line, col: d.col, ...(d.rule ? { rule: d.rule } : {}), message: d.message })),
      };
      io.stdout.write(JSON.stringify(out) + '\n');
    } else {
      for (const d of res.diagnostics) io.stdout.write(formatDiagnostic(d) + '\n');
      io.stdout.write(`${args.rules.files.length} files: ${loaded} loaded (${res.bundle.rules.length} rules, ${res.bundle.correlations.length} correlations, ${res.bundle.filterTitles.length} filters), ${res.rejected.length} rejected, ${warnings.length} warnings\n`);
    }
    return res.rejected.length > 0 ? 1 : 0;
  },
};
