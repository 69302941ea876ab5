/**
 * SigmaHQ conformance: every rule under sigmahq-rules/rules* loads and compiles; what is
 * rejected under deprecated/ and unsupported/ is rejected with a located reason that names the
 * unsupported construct.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../../testing/corpora.js';
import { compileSigmaBundle, formatDiagnostic, loadPlaceholders, loadSigmaRules } from '../index.js';
import { sigmaTestdata } from '../testing/paths.js';

const ACTIVE = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir'];

function countYaml(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) n += countYaml(p);
    else if (/\.ya?ml$/.test(name)) n++;
  }
  return n;
}

test('every active SigmaHQ rule loads and compiles', (t) => {
  const root = corpusPath(t, 'sigmahq-rules');
  if (!root) return;
  const dirs = ACTIVE.map((d) => join(root, d));
  const files = dirs.reduce((n, d) => n + countYaml(d), 0);
  const set = loadSigmaRules(dirs);
  // A few emerging-threat rules use |expand placeholders too; values come from the test's file.
  const res = compileSigmaBundle(set, { placeholders: loadPlaceholders([sigmaTestdata('placeholders.yml')]) });
  const errors = res.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map(formatDiagnostic), []);
  assert.deepEqual(res.rejected, []);
  assert.equal(set.files.length, files);
  assert.ok(res.bundle.rules.length >= files, `${res.bundle.rules.length} rules from ${files} files`);
  t.diagnostic(`${res.bundle.rules.length} rules compiled; ${res.diagnostics.length - errors.length} warnings (unknown logsources: ${res.unmappedLogsource.length})`);
});

test('rules-placeholder: compile with placeholder values, rejected (naming the placeholder) without', (t) => {
  const dir = corpusPath(t, 'sigmahq-rules', 'rules-placeholder');
  if (!dir) return;
  const without = compileSigmaBundle(loadSigmaRules([dir]));
  assert.ok(without.rejected.length > 0);
  for (const r of without.rejected) assert.match(r.error, /placeholder %[^%]+% has no values/, `${r.file}:${r.line}`);
  const placeholders = loadPlaceholders([sigmaTestdata('placeholders.yml')]);
  const withValues = compileSigmaBundle(loadSigmaRules([dir]), { placeholders });
  assert.deepEqual(withValues.rejected, []);
  assert.equal(withValues.bundle.rules.length, countYaml(dir));
});

/** Reasons a rule can be refused for, each naming the construct. */
const CONSTRUCT_REASONS = [
  /^timeframe is Sigma 1\.x aggregation syntax/,
  /^condition: aggregation '\|.*' is Sigma 1\.x syntax/,
  /^condition: 'near' is Sigma 1\.x/,
  /^placeholder %[^%]+% has no values/,
  /^condition: search identifier '[^']+' is not defined/,
  /^unknown modifier '[^']+'/,
  /^regular expression .*(lookahead|lookbehind|backreference|atomic|possessive|not supported)/,
];

test('deprecated/ and unsupported/: rejections are located and name the construct', (t) => {
  const root = corpusPath(t, 'sigmahq-rules');
  if (!root) return;
  for (const sub of ['deprecated', 'unsupported']) {
    const set = loadSigmaRules([join(root, sub)]);
    const res = compileSigmaBundle(set);
    for (const r of res.rejected) {
      assert.ok(r.line > 0 && r.col > 0, `${r.file}: located`);
      assert.ok(
        CONSTRUCT_REASONS.some((re) => re.test(r.error)),
        `${r.file}:${r.line}:${r.col}: reason does not name a construct: ${r.error}`,
      );
    }
    t.diagnostic(`${sub}: ${res.bundle.rules.length} loaded, ${res.rejected.length} rejected`);
  }
});
