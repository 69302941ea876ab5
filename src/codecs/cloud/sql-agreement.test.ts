/**
 * Retro-hunting stored cloud events (SQL over the store) finds what the live matcher finds, also
 * for rules whose fields resolve through per-logsource aliases (Azure Log Analytics names, GCP
 * `gcp.audit.method_name`, Workspace `eventName`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSigmaBundle, loadSigmaRules } from '../../detect/sigma/index.js';
import { compareBackends, openStoreWith, toVigilEvent } from '../../detect/sigma-sql/testing/agreement.js';
import { corpusPath } from '../../testing/corpora.js';
import { detectFormat } from '../registry.js';
import { decodeWith, testdataPath } from './test-support.js';

function fixtureRecords() {
  const out = [];
  for (const kind of ['attack', 'benign']) {
    for (const name of readdirSync(testdataPath(kind)).sort()) {
      const text = readFileSync(testdataPath(kind, name), 'utf8');
      out.push(...decodeWith(detectFormat(name, text.slice(0, 4096)).name, text).records);
    }
  }
  return out;
}

test('SigmaHQ cloud rules select the same stored cloud events in SQL as in the matcher', async (t) => {
  const rules = corpusPath(t, 'sigmahq-rules', 'rules');
  if (!rules) return;
  const { bundle } = compileSigmaBundle(loadSigmaRules([join(rules, 'cloud'), join(rules, 'application', 'github'), join(rules, 'application', 'kubernetes'), join(rules, 'identity', 'okta')]));
  const events = fixtureRecords().map((r, i) => toVigilEvent(r, i, 'cloud-fixtures', 'json'));
  assert.ok(events.length >= 30);
  const store = await openStoreWith(events);
  try {
    const a = await compareBackends(bundle, events, store);
    assert.deepEqual(a.disagreements.map((d) => `${d.rule.title}: only matcher ${d.onlyMatcher.length}, only SQL ${d.onlySql.length}`), []);
    assert.deepEqual(a.result.failed.map((f) => `${f.rule.title}: ${f.error}`), []);
    // The rules that fire only through aliases are among those compared (not refused).
    const refused = new Set(a.result.refused.map((r) => r.rule.title));
    for (const title of ['Account Lockout', 'Google Cloud Firewall Modified or Deleted', 'Google Workspace MFA Disabled', 'Account Created And Deleted Within A Close Time Frame', 'Google Workspace Government Attack Warning', 'Suspicious Login Activity Classified By Google']) assert.ok(!refused.has(title), `${title} refused`);
    assert.ok(a.pairs >= 19, `only ${a.pairs} rule/event matches`);
  } finally {
    await store.close();
  }
});
