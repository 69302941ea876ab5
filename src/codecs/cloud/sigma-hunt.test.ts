/**
 * SigmaHQ's cloud rules over the cloud codecs' fixtures, through `vigil hunt`'s own core
 * (runHunt): records built to trigger known rules must fire exactly those, and routine records
 * none. This proves the logsources the codecs declare and the native records they keep are what
 * the rules expect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHunt } from '../../cli/hunt/run-hunt.js';
import { corpusPath } from '../../testing/corpora.js';
import { testdataPath } from './test-support.js';

const RULE_FOLDERS = [['cloud'], ['application', 'github'], ['application', 'kubernetes'], ['identity', 'okta']];

function ruleFolders(root: string): string[] {
  return RULE_FOLDERS.map((p) => join(root, ...p));
}

/** Rule title → the fixture file that must fire it. */
const EXPECTED: ReadonlyArray<[string, string]> = [
  ['AWS CloudTrail Important Change', 'cloudtrail-trail-tampering.json'],
  ['AWS GuardDuty Detector Deleted Or Updated', 'cloudtrail-trail-tampering.json'],
  ['AWS ConsoleLogin Failed Authentication', 'cloudtrail-trail-tampering.json'],
  ['Okta MFA Reset or Deactivated', 'okta-mfa-tampering.json'],
  ['Okta User Account Locked Out', 'okta-mfa-tampering.json'],
  ['Google Cloud Firewall Modified or Deleted', 'gcp-firewall-delete.ndjson'],
  ['Google Workspace Role Modified or Deleted', 'gworkspace-admin-roles.json'],
  ['Google Workspace User Granted Admin Privileges', 'gworkspace-admin-roles.json'],
  ['Google Workspace MFA Disabled', 'gworkspace-admin-roles.json'],
  ['Google Workspace Government Attack Warning', 'gworkspace-login-gov-attack.ndjson'],
  ['Suspicious Login Activity Classified By Google', 'gcp-workspace-suspicious-login.ndjson'],
  ['Github Secret Scanning Feature Disabled', 'github-secret-scanning-off.ndjson'],
  ['Github Delete Action Invoked', 'github-secret-scanning-off.ndjson'],
  ['Kubernetes Secrets Enumeration', 'k8s-secrets-and-events.ndjson'],
  ['Kubernetes Events Deleted', 'k8s-secrets-and-events.ndjson'],
  ['Disabling Multi Factor Authentication', 'm365-disable-mfa.json'],
  ['Account Lockout', 'azure-lockout-and-firewall.json'],
  ['Azure Firewall Modified or Deleted', 'azure-lockout-and-firewall.json'],
  ['Account Created And Deleted Within A Close Time Frame', 'azure-lockout-and-firewall.json'],
];

test('SigmaHQ cloud rules fire on the attack fixtures, each rule on the record built for it', async (t) => {
  const rules = corpusPath(t, 'sigmahq-rules', 'rules');
  if (!rules) return;
  const { detections, summary } = await runHunt({ rules: ruleFolders(rules), inputs: [testdataPath('attack')] });
  assert.deepEqual(summary.failedFiles, []);
  assert.equal(summary.problems, 0, JSON.stringify(summary.problemExamples));
  assert.equal(summary.unclassifiedEvents, 0);
  assert.ok(summary.compile.bundle.rules.length > 250, `only ${summary.compile.bundle.rules.length} rules compiled`);
  const fired = new Map<string, Set<string>>();
  for (const d of detections) {
    if (d.kind !== 'rule') continue;
    const file = (d.file ?? '').slice((d.file ?? '').lastIndexOf('/') + 1);
    const set = fired.get(d.rule.title) ?? new Set<string>();
    set.add(file);
    fired.set(d.rule.title, set);
  }
  for (const [title, file] of EXPECTED) assert.ok(fired.get(title)?.has(file), `${title} did not fire on ${file}; fired: ${JSON.stringify([...fired.keys()])}`);
  // Nothing fires that the fixtures were not built for.
  const unexpected = [...fired.keys()].filter((title) => !EXPECTED.some(([t]) => t === title));
  assert.deepEqual(unexpected, []);
  // Detections carry the provider time and the native record.
  const stop = detections.find((d) => d.kind === 'rule' && (d.event as Record<string, unknown>)?.eventName === 'StopLogging');
  assert.equal(stop?.ts, Date.UTC(2026, 10, 20, 10, 5, 11));
});

test('SigmaHQ cloud rules stay silent on routine records of every provider', async (t) => {
  const rules = corpusPath(t, 'sigmahq-rules', 'rules');
  if (!rules) return;
  const { detections, summary } = await runHunt({ rules: ruleFolders(rules), inputs: [testdataPath('benign')] });
  assert.deepEqual(summary.failedFiles, []);
  assert.equal(summary.problems, 0);
  assert.equal(summary.events, 12);
  assert.equal(summary.unclassifiedEvents, 0);
  assert.deepEqual(detections.map((d) => d.rule.title), []);
  // Every provider's records reached its rules (classified under the logsource the rules use).
  const classes = summary.eventsByLogsource.map(([k]) => k).join(' ');
  for (const ls of ['aws|cloudtrail', 'okta|okta', 'gcp|gcp.audit', 'gcp|google_workspace.admin', 'github|audit', 'kubernetes|audit', 'm365|audit', 'azure|signinlogs', 'azure|auditlogs', 'azure|activitylogs']) {
    assert.ok(classes.includes(ls), `no events classified as ${ls}: ${classes}`);
  }
});

test('hunt reads a Kubernetes audit.log as Kubernetes audit events, not auditd', async (t) => {
  const rules = corpusPath(t, 'sigmahq-rules', 'rules', 'application', 'kubernetes');
  if (!rules) return;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-k8s-hunt-'));
  try {
    copyFileSync(testdataPath('attack', 'k8s-secrets-and-events.ndjson'), join(dir, 'audit.log'));
    const { detections, summary } = await runHunt({ rules: [rules], inputs: [join(dir, 'audit.log')] });
    assert.equal(summary.events, 2);
    assert.deepEqual(detections.map((d) => d.rule.title).sort(), ['Kubernetes Events Deleted', 'Kubernetes Secrets Enumeration']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
