/**
 * The specification's examples: every rule in sigma-specification/tests/ loads (correlations and
 * filters included), the complete examples written in the specification documents load, and
 * pySigma's fixture rule files load and compile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../../testing/corpora.js';
import { compileSigmaBundle, formatDiagnostic, loadSigmaRules, loadSigmaText } from '../index.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

test('every example in sigma-specification/tests loads', (t) => {
  const dir = corpusPath(t, 'sigma-specification', 'tests');
  if (!dir) return;
  const all = files(dir);
  assert.ok(all.length >= 12);
  for (const f of all) {
    const set = loadSigmaRules([f]);
    const errors = set.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map(formatDiagnostic), [], f);
    assert.equal(set.rules.length + set.correlations.length + set.filters.length, 1, f);
  }
  const correlations = loadSigmaRules([dir]).correlations;
  assert.deepEqual(new Set(correlations.map((c) => c.type)), new Set(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile']));
});

test('complete examples in the specification documents load and compile', (t) => {
  const dir = corpusPath(t, 'sigma-specification', 'specification');
  if (!dir) return;
  let checked = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const md: string = readFileSync(join(dir, f), 'utf8');
    for (const m of [...md.matchAll(/```ya?ml\n([\s\S]*?)```/g)] as RegExpMatchArray[]) {
      const yaml: string = m[1];
      // Snippets that are not whole documents (no title, or no logsource/correlation) illustrate one part only.
      const whole = /^title:/m.test(yaml) && (/^detection:/m.test(yaml) || /^filter:/m.test(yaml) || (/^correlation:/m.test(yaml) && /^\s+type:/m.test(yaml)));
      if (!whole) continue;
      const set = loadSigmaText([{ name: `${f}@${m.index}`, text: yaml }]);
      assert.deepEqual(set.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), [], `${f}: ${yaml.slice(0, 80)}`);
      const compiled = compileSigmaBundle(set);
      // Correlation examples may reference rules defined elsewhere; self-contained ones must resolve.
      const selfContained = set.correlations.every((c) => c.rules.every((r) => [...set.rules, ...set.correlations].some((x) => x.id === r.ref || x.name === r.ref)));
      if (selfContained) assert.deepEqual(compiled.rejected, [], `${f}: ${yaml.slice(0, 80)}`);
      checked++;
    }
  }
  assert.ok(checked >= 5, `${checked} complete examples`);
});

test('pySigma fixture rules load and compile', (t) => {
  const dir = corpusPath(t, 'pysigma-fixtures', 'tests', 'files');
  if (!dir) return;
  const ruleDirs = ['rule_valid', 'ruleset_nonduplicate', 'filter_valid', 'correlation_rule_valid'].map((d) => join(dir, d));
  const set = loadSigmaRules(ruleDirs);
  const res = compileSigmaBundle(set);
  assert.deepEqual(res.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), []);
  assert.equal(res.bundle.correlations.length, 3);
  assert.equal(res.bundle.filterTitles.length, 1);
  // The filter applies to the CodeIntegrity rule it names; base rules of correlations without
  // `generate: true` only feed their correlation.
  const base = res.bundle.rules.find((r) => r.info.name === 'base_rule');
  assert.equal(base?.standalone, false);
  const ci = res.bundle.rules.find((r) => r.info.id === '951f8d29-1234-1234-1234-0673ff105e6f');
  assert.equal(ci?.filters.length, 1);
});
