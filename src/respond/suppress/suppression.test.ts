import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VigilEvent } from '../../core/event.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { AlertService } from '../alert-service.js';
import { alertingSchema } from '../config.js';
import { detection, MIN, T0 } from '../testing/fixtures.js';
import { globMatches } from './conditions.js';
import { SuppressionInputError } from './sigma-filter.js';
import { subjectEvents } from './subject.js';

const RULE = 'b1c2d3e4-0000-4000-8000-00000000000a';

function sysmonEvent(id: string, ts: number, user: string, cmd: string): VigilEvent {
  return {
    id,
    ts,
    fields: { 'user.name': user, 'host.name': 'ws-1', 'process.command_line': cmd },
    native: {
      Event: {
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws-1', TimeCreated: { '#attributes': { SystemTime: new Date(ts).toISOString() } } },
        EventData: { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: cmd, User: user },
      },
    },
    meta: { source: 'test', format: 'evtx', ingestTime: ts },
  };
}

const FILTER = `title: backup service runs whoami
logsource: {category: process_creation, product: windows}
filter:
  rules: [${RULE}]
  backup: {User|startswith: 'svc_backup'}
  condition: not backup
`;

async function withStore(fn: (store: DuckDbStore, service: AlertService, metrics: MetricsRegistry) => Promise<void>): Promise<void> {
  const store = new DuckDbStore({ path: ':memory:', partition: 'day' });
  await store.open();
  const metrics = new MetricsRegistry();
  const service = await AlertService.open(await store.controlDb(), { config: alertingSchema.parse({}), store, metrics, clock: () => T0 + 60 * MIN });
  try {
    await fn(store, service, metrics);
  } finally {
    await service.close();
    await store.close();
  }
}

test('globs are case-insensitive whole values with * and ?', () => {
  assert.ok(globMatches('svc_*', 'SVC_backup'));
  assert.ok(globMatches('*.corp.example', 'a.corp.example'));
  assert.ok(globMatches('h?st', 'host'));
  assert.ok(!globMatches('svc_*', 'my_svc_backup'));
  assert.ok(globMatches('a*b*c', 'axxbyyc') && !globMatches('a*b*c', 'axxbyy'));
});

test('a Sigma filter suppresses detections whose events it drops; they are counted and recorded, the preview predicts it', async () => {
  await withStore(async (store, service, metrics) => {
    const events = [
      sysmonEvent('E1', T0, 'svc_backup01', 'whoami /all'),
      sysmonEvent('E2', T0 + MIN, 'alice', 'whoami'),
      sysmonEvent('E3', T0 + 2 * MIN, 'svc_backup02', 'whoami /priv'),
      sysmonEvent('E4', T0 + 3 * MIN, 'svc_backup03', 'whoami'),
    ];
    await store.append(events);
    const d = (id: string, user: string, ts: number) => detection(RULE, 'medium', { user: [user], host: ['ws-1'] }, ts, { eventIds: [id] });
    // History: two alerts before any suppression exists.
    await service.ingest([d('E1', 'svc_backup01', T0), d('E2', 'alice', T0 + MIN)]);

    const preview = await service.previewSuppression({ name: 'backup', sigma: FILTER }, { from: T0 - MIN, to: T0 + 10 * MIN });
    assert.equal(preview.alerts.examined, 2);
    assert.equal(preview.alerts.matched, 1);
    assert.equal(preview.alerts.sample[0].rule_id, RULE);
    assert.equal(preview.history?.events, 3, 'three stored svc_backup process events, whether or not they alerted');
    assert.deepEqual(new Set(preview.history?.sample_event_ids), new Set(['E1', 'E3', 'E4']));
    assert.equal((await service.listSuppressions()).length, 0, 'a preview saves nothing');

    const saved = await service.createSuppression({ name: 'backup', sigma: FILTER, reason: 'nightly job' }, 'analyst1');
    const r = await service.ingest([d('E3', 'svc_backup02', T0 + 2 * MIN), d('E2', 'alice', T0 + 2 * MIN)]);
    assert.deepEqual(r.suppressed, [{ rule_id: RULE, suppression_id: saved.id }]);
    assert.equal(r.deduplicated.length, 1, "alice's detection still becomes (part of) an alert");
    const other = await service.ingest([detection('another-rule', 'medium', { user: ['svc_backup03'] }, T0 + 3 * MIN, { eventIds: ['E4'] })]);
    assert.equal(other.created.length, 1, 'the filter names one rule; others are untouched');

    const [listed] = await service.listSuppressions();
    assert.deepEqual([listed.suppressed, listed.created_by, listed.reason], [1, 'analyst1', 'nightly job']);
    assert.equal(metrics.find('vigil_alert_detections_total')!.get({ outcome: 'suppressed' }), 1);
    const rows = await (await store.controlDb()).all<{ rule_id: string; event_ids: string }>('SELECT rule_id, event_ids FROM respond_suppressed');
    assert.deepEqual(rows, [{ rule_id: RULE, event_ids: '["E3"]' }]);

    await service.deleteSuppression(saved.id);
    const after = await service.ingest([d('E4', 'svc_backup03', T0 + 3 * MIN)]);
    assert.equal(after.suppressed.length, 0, 'deleted suppressions no longer apply');
  });
});

test('a simple condition suppresses by alert fields and by event fields (all events must match)', async () => {
  await withStore(async (store, service) => {
    await store.append([sysmonEvent('C1', T0, 'bob', 'backup.exe --nightly'), sysmonEvent('C2', T0, 'bob', 'whoami'), sysmonEvent('C3', T0, 'bob', 'backup.exe --weekly')]);
    await service.createSuppression({ name: 'test hosts', condition: { host: 'lab-*', 'rule.level': ['low', 'medium'] } }, 'a');
    await service.createSuppression({ name: 'backup cmd', condition: { 'rule.id': 'r-proc', 'process.command_line': '*backup.exe*' } }, 'a');
    const r = await service.ingest([
      detection('r-any', 'medium', { host: ['LAB-7'] }, T0),
      detection('r-any', 'high', { host: ['lab-7'] }, T0),
      detection('r-proc', 'high', { host: ['ws-1'] }, T0, { eventIds: ['C1', 'C3'] }),
      detection('r-proc', 'high', { host: ['ws-2'] }, T0, { eventIds: ['C1', 'C2'] }),
      detection('r-proc', 'high', { host: ['ws-3'] }, T0, { eventIds: ['missing'] }),
    ]);
    assert.equal(r.suppressed.length, 2, 'lab host at medium, and the detection whose every event runs backup.exe');
    assert.equal(r.created.length, 3, 'high on a lab host, a mixed detection, and one whose events are not stored');
    const handed = await service.ingest([detection('r-proc', 'high', { host: ['ws-4'] }, T0, { eventIds: ['N1'] })], T0, { events: subjectEvents([sysmonEvent('N1', T0, 'bob', 'backup.exe --now')]) });
    assert.equal(handed.suppressed.length, 1, 'events handed in by the caller are used without the store');
    const preview = await service.previewSuppression({ name: 'x', condition: { host: 'ws-*' } }, {});
    assert.equal(preview.alerts.matched, 2);
    assert.equal(preview.history, undefined, 'history over events is for Sigma filters');
  });
});

test('bad suppressions are refused with the reason and position', async () => {
  await withStore(async (_store, service) => {
    await assert.rejects(service.createSuppression({ name: 'x', sigma: 'title: t\nlogsource: {product: windows}\nfilter:\n  rules: [x]\n  sel: {User: a}\n  condition: sel and nope\n' }, 'a'), (err: unknown) => {
      assert.ok(err instanceof SuppressionInputError);
      assert.match(JSON.stringify(err.details), /suppression\.yml:6:\d+: error: condition/);
      return true;
    });
    await assert.rejects(service.createSuppression({ name: 'x', sigma: `title: r\nlogsource: {product: windows}\ndetection:\n  sel: {User: a}\n  condition: sel\n` }, 'a'), /exactly one Sigma filter/);
  });
});
