/**
 * `vigil rules test PATH...`: runs the tests rules carry (events that must and must not match,
 * in the rule file or in a `<rule>.tests.yml` beside it). Exit 1 on any failure.
 */
import { formatDiagnostic } from '../../detect/sigma/index.js';
import { runRuleTests } from '../../detect/sigma/rule-tests/run-rule-tests.js';
import type { Command } from '../command.js';
import { parseRuleCommandArgs } from './rule-args.js';

const USAGE = `vigil rules test PATH... [--format text|json] [--placeholders FILE]

  PATH              Sigma rule files or folders
  --format json     results as JSON on stdout: {"passed":N,"failed":N,"results":[…],"errors":[…]}
  --placeholders F  values for |expand placeholders

A rule's tests are a "tests:" list in the rule document, or in RULE.tests.yml beside the rule
file; Hayabusa's "sample-evtx" counts as a test that must match. Each test:

  tests:
    - name: whoami by a user
      match: true            # true: every event must match (for a correlation: it must fire)
      event: {…}             # or events: [...], event_xml: |, file: samples.ndjson
      logsource: {product: linux, service: sshd}   # for records that do not show theirs

Exit status 1 when a test fails or a rule or test cannot be loaded.`;

export const rulesTestCommand: Command = {
  name: 'rules test',
  summary: 'run the tests that rules carry (events that must and must not match)',
  usage: USAGE,
  async run(argv, io) {
    const args = parseRuleCommandArgs(argv, io);
    const run = runRuleTests(args.rules, args.compile);
    const errors = run.diagnostics.filter((d) => d.severity === 'error');
    const failed = run.results.filter((r) => !r.passed);
    if (args.format === 'json') {
      io.stdout.write(JSON.stringify({ passed: run.results.length - failed.length, failed: failed.length, untested: run.untested, results: run.results, errors: errors.map(formatDiagnostic) }) + '\n');
    } else {
      for (const e of errors) io.stderr.write(formatDiagnostic(e) + '\n');
      for (const r of run.results) io.stdout.write(`${r.passed ? 'PASS' : 'FAIL'} ${r.file}:${r.line}:${r.col} ${r.rule}: ${r.name}: ${r.message}\n`);
      io.stdout.write(`${run.results.length} tests: ${run.results.length - failed.length} passed, ${failed.length} failed; ${run.untested.length} rules without tests\n`);
    }
    return failed.length > 0 || errors.length > 0 ? 1 : 0;
  },
};
