/**
 * sigmahq-regression: for every test, running all SigmaHQ rules over the test's evtx_dump JSON
 * records fires the named rule exactly match_count times (once when not given). Other rules that
 * fire on the same records are reported as test diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../../testing/corpora.js';
import { parseJsonRecords } from '../events/json-records.js';
import type { SigmaBundle } from '../index.js';
import { compileSigmaBundle, loadPlaceholders, loadSigmaRules } from '../index.js';
import { sigmaTestdata } from '../testing/paths.js';
import { evtxToNormalized, readEvtxBuffer } from '../../../codecs/evtx/index.js';

interface IndexEntry {
  rule_id: string;
  rule_title: string;
  dir: string;
  files: string[];
  tests: Array<{ match_count: number | null }>;
  active: boolean;
}

interface Correction {
  rule_id: string;
  upstream_match_count: number | null;
  count: number;
  reason: string;
}

let bundle: SigmaBundle | undefined;
function allRules(root: string): SigmaBundle {
  const placeholders = loadPlaceholders([sigmaTestdata('placeholders.yml')]);
  bundle ??= compileSigmaBundle(loadSigmaRules(['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir'].map((d) => join(root, d))), { placeholders }).bundle;
  return bundle;
}

function expectedCount(entry: IndexEntry, corrections: Map<string, Correction>): number {
  return corrections.get(entry.rule_id)?.count ?? entry.tests[0].match_count ?? 1;
}

function loadCorrections(): Map<string, Correction> {
  const file = JSON.parse(readFileSync(sigmaTestdata('regression-count-corrections.json'), 'utf8')) as { corrections: Correction[] };
  return new Map(file.corrections.map((c) => [c.rule_id, c]));
}

test('the same regression tests from the .evtx files, through the EVTX reader and normalizer', (t) => {
  const reg = corpusPath(t, 'sigmahq-regression');
  const rules = corpusPath(t, 'sigmahq-rules');
  if (!reg || !rules) return;
  const b = allRules(rules);
  const index = JSON.parse(readFileSync(join(reg, 'INDEX.json'), 'utf8')) as IndexEntry[];
  const corrections = loadCorrections();
  let tested = 0;
  for (const entry of index) {
    const evtx = entry.files.find((f) => f.endsWith('.evtx'));
    if (!entry.active || entry.tests.length === 0 || !evtx) continue;
    let fired = 0;
    for (const item of readEvtxBuffer(readFileSync(join(reg, entry.dir, evtx)))) {
      assert.equal(item.kind, 'record', `${entry.dir}/${evtx}: no damage`);
      if (item.kind !== 'record') continue;
      // Exactly what the live pipeline hands the engine: native record, ECS fields, logsource.
      const r = evtxToNormalized(item.record.event);
      for (const m of b.match({ native: r.native, fields: r.fields, meta: { logsource: r.logsource } })) if (m.rule.id === entry.rule_id) fired++;
    }
    assert.equal(fired, expectedCount(entry, corrections), `${entry.rule_title} (${entry.dir}/${evtx})`);
    tested++;
  }
  assert.ok(tested >= 50, `${tested} regression tests ran from .evtx`);
});

test('SigmaHQ regression data fires the named rule match_count times', (t) => {
  const reg = corpusPath(t, 'sigmahq-regression');
  const rules = corpusPath(t, 'sigmahq-rules');
  if (!reg || !rules) return;
  const b = allRules(rules);
  const index = JSON.parse(readFileSync(join(reg, 'INDEX.json'), 'utf8')) as IndexEntry[];
  const corrections = new Map(
    (JSON.parse(readFileSync(sigmaTestdata('regression-count-corrections.json'), 'utf8')) as { corrections: Correction[] }).corrections.map((c) => [c.rule_id, c]),
  );
  let tested = 0;
  for (const entry of index) {
    const json = entry.files.find((f) => f.endsWith('.json'));
    if (!entry.active || entry.tests.length === 0 || !json) {
      t.diagnostic(`skipped (inactive upstream, no JSON records): ${entry.rule_title}`);
      continue;
    }
    const records = parseJsonRecords(readFileSync(join(reg, entry.dir, json), 'utf8'));
    assert.ok(records.every((r) => r.ok), `${entry.dir}: all records parse`);
    let fired = 0;
    const others = new Map<string, number>();
    for (const r of records) {
      if (!r.ok) continue;
      for (const m of b.match({ native: r.record })) {
        if (m.rule.id === entry.rule_id) fired++;
        else others.set(m.rule.title, (others.get(m.rule.title) ?? 0) + 1);
      }
    }
    const upstream = entry.tests[0].match_count ?? 1;
    const correction = corrections.get(entry.rule_id);
    if (correction) {
      assert.equal(correction.upstream_match_count ?? 1, upstream, `${entry.rule_title}: correction is for the current upstream value`);
      assert.equal(fired, correction.count, `${entry.rule_title}: ${correction.reason}`);
      t.diagnostic(`${entry.rule_title}: upstream says ${upstream}, records give ${fired} (${correction.reason})`);
    } else {
      assert.equal(fired, upstream, `${entry.rule_title} (${entry.dir})`);
    }
    if (others.size > 0) t.diagnostic(`${entry.rule_title}: also fired ${[...others].map(([k, v]) => `${k} ×${v}`).join('; ')}`);
    tested++;
  }
  assert.ok(tested >= 50, `${tested} regression tests ran`);
});
