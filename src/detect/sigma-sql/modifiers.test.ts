/**
 * Matcher/SQL agreement on hand-written rules and events for what the public corpora exercise
 * little: every modifier (cased, windash, base64/base64offset/wide, re flags and anchors, cidr
 * v4/v6, gt/gte/lt, fieldref, exists, null, empty), keywords, list values, `#text` wrappers,
 * UserData, the 4688 renames, EventType categories, Sigma filters, generic records with a
 * declared logsource, recognised records (CloudTrail, Zeek), winlogbeat and flat Windows shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evtxToNormalized } from '../../codecs/evtx/index.js';
import type { JsonObject } from '../../codecs/evtx/index.js';
import type { Logsource, NormalizedRecord } from '../../core/event.js';
import { compileSigmaBundle, formatDiagnostic, loadSigmaRules } from '../sigma/index.js';
import { projectRoot } from '../sigma/testing/paths.js';
import { compareBackends, openStoreWith, plainRecord, toVigilEvent, windowsRecord } from './testing/agreement.js';

const dir = join(projectRoot(), 'src', 'detect', 'sigma-sql', 'testdata');

interface EventSpec {
  sysmon?: number;
  security?: number;
  data?: Record<string, unknown>;
  userData?: Record<string, unknown>;
  native?: Record<string, unknown>;
  logsource?: Logsource;
  fields?: Record<string, unknown>;
}

function record(e: EventSpec): NormalizedRecord {
  if (e.sysmon !== undefined) return evtxToNormalized(windowsRecord('Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', e.sysmon, e.data, e.userData) as JsonObject);
  if (e.security !== undefined) return evtxToNormalized(windowsRecord('Security', 'Microsoft-Windows-Security-Auditing', e.security, e.data, e.userData) as JsonObject);
  return plainRecord(e.native ?? {}, e.logsource, e.fields);
}

test('matcher and SQL select the same events for every modifier and value rule', async (t) => {
  const compiled = compileSigmaBundle(loadSigmaRules([join(dir, 'modifier-rules.yml')]));
  assert.deepEqual(compiled.rejected, [], compiled.diagnostics.map(formatDiagnostic).join('\n'));
  const specs = (JSON.parse(readFileSync(join(dir, 'modifier-events.json'), 'utf8')) as { events: EventSpec[] }).events;
  const events = specs.map((e, i) => toVigilEvent(record(e), i));
  const store = await openStoreWith(events);
  try {
    for (const shapes of [undefined, ['evtx', 'winlog', 'flat', 'generic'] as const]) {
      // Default: the runner's shape detection; then every shape rendered explicitly.
      const a = await compareBackends(compiled.bundle, events, store, shapes ? { shapes, batch_rules: 7 } : {});
      assert.deepEqual(a.result.refused, [], 'no rule refused');
      assert.deepEqual(a.result.failed, [], 'no query failed');
      const detail = a.disagreements.map((d) => `${d.rule.title}: only matcher ${JSON.stringify(d.onlyMatcher.map((id) => events.findIndex((e) => e.id === id)))}, only SQL ${JSON.stringify(d.onlySql.map((id) => events.findIndex((e) => e.id === id)))}`);
      assert.deepEqual(detail, [], 'rules where the back ends disagree (event indexes)');
      assert.equal(a.agreeing, compiled.bundle.rules.length);
      const silent = compiled.bundle.rules.filter((r) => !a.result.detections.some((d) => d.rule.index === r.index)).map((r) => r.info.title);
      assert.deepEqual(silent, [], 'every rule matches some event, so agreement is not vacuous');
      t.diagnostic(`${a.agreeing} rules agree on ${events.length} events (${a.pairs} rule/event matches), ${a.result.queries} queries`);
    }
  } finally {
    await store.close();
  }
});
