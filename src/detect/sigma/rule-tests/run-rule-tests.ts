/**
 * Runs the tests rules carry (test-specs.ts) against the compiled rule set, so filters and
 * correlation chains take part exactly as they would in production. A detection-rule test
 * checks every event; a correlation test feeds its events in time order to a fresh correlation
 * engine and checks whether the correlation fired.
 */
import type { SigmaDiagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { compileSigmaBundle } from '../compile-bundle.js';
import type { CompileOptions } from '../compile/rule-to-ir.js';
import { CorrelationEngine } from '../correlation/engine.js';
import { eventTime } from '../events/event-time.js';
import type { SigmaBundle, SigmaInput } from '../match/bundle.js';
import type { SigmaRuleSet } from '../model/collection.js';
import type { SigmaCorrelation, SigmaRule } from '../model/types.js';
import { ruleKey } from '../model/types.js';
import { mapGet } from '../yaml/located-yaml.js';
import type { TestSpec } from './test-specs.js';
import { besideTests, parseTestList } from './test-specs.js';

export interface RuleTestResult {
  file: string;
  line: number;
  col: number;
  rule: string;
  name: string;
  passed: boolean;
  message: string;
}

export interface RuleTestRun {
  results: RuleTestResult[];
  /** Load, compile and test-definition problems. */
  diagnostics: SigmaDiagnostic[];
  rejected: SigmaRuleSet['rejected'];
  /** Rules (and correlations) that carry no test. */
  untested: string[];
}

type Target = SigmaRule | SigmaCorrelation;

export function runRuleTests(set: SigmaRuleSet, opts: CompileOptions = {}): RuleTestRun {
  const compiled = compileSigmaBundle(set, opts);
  const diagnostics = [...compiled.diagnostics];
  const targets: Target[] = [...set.rules, ...set.correlations];
  const specs = new Map<Target, TestSpec[]>();
  const add = (t: Target, s: TestSpec): void => {
    const list = specs.get(t) ?? [];
    list.push(s);
    specs.set(t, list);
  };
  for (const t of targets) {
    const list = mapGet(t.raw, 'tests')?.value;
    if (list) for (const s of parseTestList(list, t.origin.file, diagnostics)) add(t, s);
    const sample = mapGet(t.raw, 'sample-evtx')?.value;
    if (sample) {
      for (const s of parseTestList({ kind: 'seq', pos: sample.pos, items: [{ kind: 'map', pos: sample.pos, entries: [{ key: 'name', keyPos: sample.pos, value: { kind: 'scalar', pos: sample.pos, value: 'sample-evtx', source: 'sample-evtx', quoted: false } }, { key: 'event_xml', keyPos: sample.pos, value: sample }] }] }, t.origin.file, diagnostics)) add(t, s);
    }
  }
  for (const file of new Set(targets.map((t) => t.origin.file))) {
    const inFile = targets.filter((t) => t.origin.file === file);
    for (const s of besideTests(file, diagnostics)) {
      const target = s.rule === undefined ? (inFile.length === 1 ? inFile[0] : undefined) : inFile.find((t) => t.id === s.rule || t.name === s.rule || t.title === s.rule);
      if (target) add(target, s);
      else diagnostics.push(diagnostic('error', s.file, s.pos, s.rule === undefined ? `test '${s.name}': ${file} holds several rules; say which with rule:` : `test '${s.name}': rule '${s.rule}' is not in ${file}`));
    }
  }
  const results: RuleTestResult[] = [];
  for (const [t, list] of specs) {
    for (const s of list) results.push(t.kind === 'rule' ? runRuleTest(compiled.bundle, t, s) : runCorrelationTest(compiled.bundle, t, s));
  }
  const rejectedKeys = new Set(compiled.rejected.map((r) => r.rule));
  const untested = targets.filter((t) => !specs.has(t) && !rejectedKeys.has(ruleKey(t))).map(ruleKey);
  return { results, diagnostics, rejected: compiled.rejected, untested };
}

function input(s: TestSpec, record: Record<string, unknown>): SigmaInput {
  return s.logsource ? { native: record, meta: { logsource: s.logsource } } : { native: record };
}

function result(t: Target, s: TestSpec, passed: boolean, message: string): RuleTestResult {
  return { file: s.file, line: s.pos.line, col: s.pos.col, rule: ruleKey(t), name: s.name, passed, message };
}

function runRuleTest(bundle: SigmaBundle, rule: SigmaRule, s: TestSpec): RuleTestResult {
  const compiledRule = bundle.rules.find((r) => r.source === rule);
  if (!compiledRule) return result(rule, s, false, 'the rule was rejected; see the errors above');
  for (const [i, record] of s.events.entries()) {
    const hit = bundle.match(input(s, record)).some((m) => m.rule.index === compiledRule.info.index);
    if (hit !== s.match) {
      const cls = bundle.classify(input(s, record));
      const why = cls.key === 'unclassified' ? ' (the event has no logsource: declare one with logsource:)' : ` (event classified as ${cls.key})`;
      return result(rule, s, false, `event ${i + 1} ${s.match ? 'did not match' : 'matched but must not'}${s.match ? why : ''}`);
    }
  }
  return result(rule, s, true, `${s.events.length} event(s) ${s.match ? 'matched' : 'did not match'}`);
}

function runCorrelationTest(bundle: SigmaBundle, c: SigmaCorrelation, s: TestSpec): RuleTestResult {
  const index = bundle.correlations.indexOf(c);
  if (index < 0) return result(c, s, false, 'the correlation was rejected; see the errors above');
  const timed = s.events.map((record, i) => {
    // Records without a time keep their order.
    return { record, ts: eventTime(record) ?? i };
  });
  timed.sort((a, b) => a.ts - b.ts);
  const engine = new CorrelationEngine(bundle, { allowed_lateness_ms: 0 });
  let fired = 0;
  for (const e of timed) fired += engine.process(bundle.match(input(s, e.record)), e.ts).filter((d) => d.correlation.index === index).length;
  fired += engine.flush().filter((d) => d.correlation.index === index).length;
  const passed = (fired > 0) === s.match;
  return result(c, s, passed, `the correlation fired ${fired} time(s) over ${s.events.length} event(s)`);
}
