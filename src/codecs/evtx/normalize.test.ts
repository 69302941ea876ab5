import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { serviceForChannel } from './channels.js';
import { readEvtxBuffer } from './file.js';
import { evtxToNormalized, parseSystemTime } from './normalize.js';
import type { JsonObject } from './render-json.js';

function securityEvent(eventId: number, data: JsonObject): JsonObject {
  return {
    Event: {
      '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing', Guid: '54849625-5478-4994-A5BA-3E3B0328C30D' } },
        EventID: eventId,
        TimeCreated: { '#attributes': { SystemTime: '2017-04-14T01:21:10.906949Z' } },
        EventRecordID: 2260,
        Channel: 'Security',
        Computer: 'WIN-03DLIIOFRRA',
      },
      EventData: data,
    },
  };
}

test('a failed logon maps to authentication fields and the security logsource', () => {
  const native = securityEvent(4625, { TargetUserName: 'admin', TargetDomainName: 'CORP', IpAddress: '10.1.2.3', IpPort: '51234', LogonType: 3 });
  const n = evtxToNormalized(native);
  assert.equal(n.native, native, 'native is the evtx_dump object itself');
  assert.deepEqual(n.logsource, { product: 'windows', service: 'security' });
  assert.equal(n.ts, Date.parse('2017-04-14T01:21:10.906Z') + 0.949);
  assert.deepEqual(n.fields, {
    'event.kind': 'event',
    'event.code': '4625',
    'winlog.event_id': 4625,
    'event.provider': 'Microsoft-Windows-Security-Auditing',
    'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
    'host.name': 'WIN-03DLIIOFRRA',
    'winlog.channel': 'Security',
    'winlog.record_id': 2260,
    'user.name': 'admin',
    'user.domain': 'CORP',
    'source.ip': '10.1.2.3',
    'source.port': 51234,
    'winlog.logon.type': '3',
    'event.category': ['authentication'],
    'event.type': ['start'],
    'event.outcome': 'failure',
  });
  assert.equal(n.warnings, undefined);
});

test('placeholders such as "-" are not mapped; 4688 hex process ids become numbers', () => {
  const logon = evtxToNormalized(securityEvent(4624, { TargetUserName: 'SYSTEM', IpAddress: '-', IpPort: '-' }));
  assert.equal(logon.fields['source.ip'], undefined);
  assert.equal(logon.fields['source.port'], undefined);
  assert.equal(logon.fields['event.outcome'], 'success');
  const proc = evtxToNormalized(securityEvent(4688, { NewProcessName: 'C:\\Windows\\System32\\whoami.exe', NewProcessId: '0x58', ProcessId: '0x4', CommandLine: 'whoami /all', ParentProcessName: 'C:\\Windows\\System32\\cmd.exe' }));
  assert.equal(proc.fields['process.pid'], 0x58);
  assert.equal(proc.fields['process.parent.pid'], 4);
  assert.equal(proc.fields['process.name'], 'whoami.exe');
  assert.equal(proc.fields['process.parent.name'], 'cmd.exe');
  assert.equal(proc.fields['process.command_line'], 'whoami /all');
});

test('Sysmon process creation from a real log: process, parent and user fields', (t) => {
  const root = corpusPath(t, 'sigmahq-regression');
  if (!root) return;
  const file = join(root, 'regression_data/rules/windows/process_creation/proc_creation_win_findstr_lsass/fe63010f-8823-4864-a96b-a7b4a0f7b929.evtx');
  const [item] = [...readEvtxBuffer(readFileSync(file))];
  assert.equal(item.kind, 'record');
  if (item.kind !== 'record') return;
  const n = evtxToNormalized(item.record.event);
  assert.deepEqual(n.logsource, { product: 'windows', service: 'sysmon' });
  assert.equal(n.fields['event.code'], '1');
  assert.equal(n.fields['process.executable'], 'C:\\Windows\\System32\\findstr.exe');
  assert.equal(n.fields['process.name'], 'findstr.exe');
  assert.equal(n.fields['process.pid'], 8892);
  assert.equal(n.fields['process.parent.name'], 'cmd.exe');
  assert.equal(n.fields['user.name'], 'Administrator');
  assert.equal(n.fields['user.domain'], 'ATTACKRANGE');
  assert.deepEqual(n.fields['event.category'], ['process']);
  assert.equal(n.ts, parseSystemTime('2025-10-25T17:41:46.744119Z'));
});

test('separate-attribute JSON, EventID with Qualifiers, unknown channels and missing System', () => {
  const n = evtxToNormalized({
    Event: {
      System: {
        Provider_attributes: { Name: 'EventLog' },
        EventID_attributes: { Qualifiers: 32768 },
        EventID: 6009,
        TimeCreated_attributes: { SystemTime: '2017-07-12T17:16:28.214161Z' },
        Channel: 'Some-Vendor/Operational',
      },
    },
  });
  assert.equal(n.fields['event.code'], '6009');
  assert.equal(n.fields['event.provider'], 'EventLog');
  assert.deepEqual(n.logsource, { product: 'windows' });
  const qualified = evtxToNormalized({ Event: { System: { EventID: { '#attributes': { Qualifiers: 16384 }, '#text': '1' }, Channel: 'MSExchange Management' } } });
  assert.equal(qualified.fields['event.code'], '1');
  assert.deepEqual(qualified.logsource, { product: 'windows', service: 'msexchange-management' });
  assert.match(qualified.warnings?.[0] ?? '', /TimeCreated/);
  const empty = evtxToNormalized({ Other: {} });
  assert.deepEqual(empty.warnings, ['record has no Event.System element']);
});

test('channel names map to Sigma services as SigmaHQ lists them', () => {
  assert.equal(serviceForChannel('Microsoft-Windows-Sysmon/Operational'), 'sysmon');
  assert.equal(serviceForChannel('Windows PowerShell'), 'powershell-classic');
  assert.equal(serviceForChannel('Microsoft-Windows-PowerShell/Operational'), 'powershell');
  assert.equal(serviceForChannel('security'), 'security');
  assert.equal(serviceForChannel('Microsoft-Windows-Windows Defender/Operational'), 'windefend');
  assert.equal(serviceForChannel('Nope'), undefined);
});

test('SystemTime parsing keeps sub-millisecond digits and rejects malformed times', () => {
  assert.equal(parseSystemTime('2016-07-08T18:12:51.681640Z'), Date.parse('2016-07-08T18:12:51.681Z') + 0.64);
  assert.equal(parseSystemTime('2016-07-08T18:12:51Z'), Date.parse('2016-07-08T18:12:51Z'));
  assert.equal(parseSystemTime('2016-07-08 18:12:51'), undefined);
});
