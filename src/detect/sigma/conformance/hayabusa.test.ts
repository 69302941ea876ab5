/**
 * hayabusa-rules/SAMPLE_VECTORS.json: each rule's embedded sample event (rendered Event XML)
 * must match its rule. Samples given as a path to an EVTX file that is not in the corpus, and
 * samples that are only an <EventData> fragment, cannot be run and are reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../../testing/corpora.js';
import { eventXmlToJson, EventXmlError } from '../events/event-xml.js';
import { compileSigmaBundle, formatDiagnostic, loadSigmaRules } from '../index.js';

interface Vector {
  rule_file: string;
  rule_id: string;
  title: string;
  sample_kind: 'xml' | 'path';
  sample: string;
}

test('each Hayabusa sample event matches its rule', (t) => {
  const root = corpusPath(t, 'hayabusa-rules');
  if (!root) return;
  const vectors = (JSON.parse(readFileSync(join(root, 'SAMPLE_VECTORS.json'), 'utf8')) as { vectors: Vector[] }).vectors;
  let matched = 0;
  const notRunnable: string[] = [];
  for (const v of vectors) {
    if (v.sample_kind === 'path') {
      notRunnable.push(`${v.rule_file}: sample is an EVTX file not in the corpus (${v.sample})`);
      continue;
    }
    const res = compileSigmaBundle(loadSigmaRules([join(root, v.rule_file)]));
    const rejected = res.rejected.find((r) => r.rule === v.rule_id);
    if (rejected) {
      // Hayabusa's deprecated count rules use Sigma 1.x aggregations, which Vigil refuses by name.
      assert.match(rejected.error, /Sigma 1\.x/, `${v.rule_file}: rejected for another reason: ${rejected.error}`);
      notRunnable.push(`${v.rule_file}: rule refused (${rejected.error.slice(0, 60)}...)`);
      continue;
    }
    let event: Record<string, unknown>;
    try {
      event = eventXmlToJson(v.sample);
    } catch (err) {
      assert.ok(err instanceof EventXmlError && /expected <Event>/.test(err.message), `${v.rule_file}: sample XML: ${(err as Error).message}`);
      notRunnable.push(`${v.rule_file}: sample is a fragment without <Event>/<System> (${(err as Error).message})`);
      continue;
    }
    const ids = res.bundle.match({ native: event }).map((m) => m.rule.id);
    assert.ok(ids.includes(v.rule_id), `${v.rule_file}: sample did not match; ${res.diagnostics.map(formatDiagnostic).join('; ')}`);
    matched++;
  }
  for (const n of notRunnable) t.diagnostic(n);
  t.diagnostic(`${matched} samples matched, ${notRunnable.length} not runnable of ${vectors.length}`);
  assert.equal(matched + notRunnable.length, vectors.length);
  assert.ok(matched >= 50, `${matched} samples matched`);
});
