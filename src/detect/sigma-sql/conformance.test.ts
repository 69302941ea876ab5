/**
 * The conformance test of the Sigma issue: the in-memory matcher and the SQL compiled from the
 * same rules select exactly the same stored events, rule by rule.
 *
 * Events (one temporary DuckDbStore): SigmaHQ regression records, Hayabusa sample events, the
 * records of several EVTX sample files, cloud audit records. Rules: every SigmaHQ rule (all
 * rule folders, placeholders resolved), Hayabusa's rules, the specification's and pySigma's
 * fixture rules (filters and correlations included). SIGMA_SQL_ALL_EVTX=1 adds every EVTX
 * sample file (about 18,000 records; slower than CI wants).
 */
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import type { VigilEvent } from '../../core/event.js';
import type { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import type { CompileResult } from '../sigma/index.js';
import { compileSigmaBundle, loadPlaceholders, loadSigmaRules } from '../sigma/index.js';
import { sigmaTestdata } from '../sigma/testing/paths.js';
import { compareBackends, openStoreWith, toVigilEvent } from './testing/agreement.js';
import { cloudRecords, evtxRecords, hayabusaRecords, regressionRecords } from './testing/corpus-events.js';

const EVTX_FILES = ['sysmon.evtx', 'security.evtx', 'Security_short_selected.evtx', 'new-user-security.evtx', 'post-Security.evtx', 'MSExchange_Management_wec.evtx', 'Microsoft-Windows-LanguagePackSetup%4Operational.evtx', 'Microsoft-Windows-HelloForBusiness%4Operational.evtx', 'Application_no_crc32.evtx', 'issue_201.evtx'];

const SIGMAHQ_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir', 'rules-placeholder'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name) && !/placeholder_values/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

async function storedEvents(t: TestContext): Promise<VigilEvent[] | undefined> {
  const regression = corpusPath(t, 'sigmahq-regression');
  const hayabusa = corpusPath(t, 'hayabusa-rules');
  const evtx = corpusPath(t, 'evtx-parser-samples', 'samples');
  const cloud = corpusPath(t, 'cloud-identity-panther', 'test-logs');
  if (!regression || !hayabusa || !evtx || !cloud) return undefined;
  const files = process.env.SIGMA_SQL_ALL_EVTX === '1' ? readdirSync(evtx).filter((f) => f.endsWith('.evtx')) : EVTX_FILES;
  const records = [
    ...regressionRecords(regression),
    ...hayabusaRecords(hayabusa),
    ...(await evtxRecords(evtx, files)),
    ...cloudRecords(cloud, readdirSync(cloud).filter((f) => f.endsWith('.jsonl'))),
  ];
  return records.map((r, i) => toVigilEvent(r, i, 'conformance', r.native.Event ? 'evtx' : 'json'));
}

async function agree(t: TestContext, name: string, compiled: CompileResult, events: readonly VigilEvent[], store: DuckDbStore): Promise<void> {
  const a = await compareBackends(compiled.bundle, events, store);
  const rules = compiled.bundle.rules.length;
  const reasons = new Map<string, number>();
  for (const r of a.result.refused) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  t.diagnostic(`${name}: ${rules} rules (${compiled.rejected.length} rejected by the engine), ${a.result.compiled} compiled to SQL, ${a.result.refused.length} refused, ${a.result.failed.length} failed in DuckDB`);
  for (const [reason, n] of reasons) t.diagnostic(`${name}: refused ×${n}: ${reason}`);
  for (const f of a.result.failed) t.diagnostic(`${name}: failed: ${f.rule.title}: ${f.error}`);
  t.diagnostic(`${name}: ${a.agreeing} of ${a.result.compiled} rules agree on ${events.length} events, ${a.pairs} rule/event matches; ${a.result.queries} queries, compile ${Math.round(a.result.compile_ms)} ms, queries ${Math.round(a.result.query_ms)} ms`);
  const detail = a.disagreements.map((d) => `${d.rule.title} (${d.rule.file}): only matcher ${d.onlyMatcher.length}, only SQL ${d.onlySql.length}`);
  assert.deepEqual(detail, [], `${name}: rules where the back ends disagree`);
  assert.deepEqual(a.result.failed.map((f) => f.rule.title), [], `${name}: rules DuckDB could not run`);
  assert.equal(a.agreeing + a.result.refused.length, rules);
}

test('matcher and SQL agree rule by rule on real events', async (t) => {
  const sigmahq = corpusPath(t, 'sigmahq-rules');
  const hayabusa = corpusPath(t, 'hayabusa-rules');
  const pysigma = corpusPath(t, 'pysigma-fixtures');
  const spec = corpusPath(t, 'sigma-specification');
  const events = await storedEvents(t);
  if (!sigmahq || !hayabusa || !pysigma || !spec || !events) return;
  const store = await openStoreWith(events);
  try {
    const placeholders = loadPlaceholders([sigmaTestdata('placeholders.yml')]);
    const all = compileSigmaBundle(loadSigmaRules(SIGMAHQ_FOLDERS.map((d) => join(sigmahq, d))), { placeholders });
    assert.ok(all.bundle.rules.length > 3000, `${all.bundle.rules.length} SigmaHQ rules`);
    await agree(t, 'SigmaHQ', all, events, store);
    await agree(t, 'Hayabusa', compileSigmaBundle(loadSigmaRules([join(hayabusa, 'hayabusa')])), events, store);
    const fixtures = [...yamlFiles(join(pysigma, 'tests', 'files')), ...yamlFiles(join(spec, 'tests'))];
    await agree(t, 'spec and pySigma fixtures', compileSigmaBundle(loadSigmaRules(fixtures)), events, store);
  } finally {
    await store.close();
  }
});
