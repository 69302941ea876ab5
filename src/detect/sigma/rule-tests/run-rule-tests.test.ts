import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSigmaRules } from '../model/collection.js';
import { sigmaTestdata } from '../testing/paths.js';
import { runRuleTests } from './run-rule-tests.js';

test('rule tests: inline, beside the rule, from event files, XML, and correlation tests', () => {
  const run = runRuleTests(loadSigmaRules([sigmaTestdata('rule-tests')]));
  assert.deepEqual(run.diagnostics.filter((d) => d.severity === 'error'), []);
  const byName = new Map(run.results.map((r) => [r.name, r]));
  for (const name of ['sysmon whoami', 'admin accounts are filtered out', 'security 4688 as Event Viewer XML', 'events from a file beside the rule', 'three failures from one address within a minute', 'spread over three minutes is not a brute force']) {
    assert.equal(byName.get(name)?.passed, true, `${name}: ${byName.get(name)?.message}`);
  }
  const wrong = byName.get('this test is wrong on purpose (the rule does match)');
  assert.equal(wrong?.passed, false);
  assert.match(wrong!.message, /event 1 matched but must not/);
  assert.match(wrong!.file, /curl\.tests\.yml$/);
  assert.equal(wrong!.line, 4);
  assert.equal(run.results.length, 7);
  assert.deepEqual(run.untested, ['ssh_failure']);
});
