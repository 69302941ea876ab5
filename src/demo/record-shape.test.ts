/**
 * Every record carries the fields, native shape and logsource its source promises, and the
 * promoted ECS fields have the types the store's columns have.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedRecord } from '../core/event.js';
import { PROMOTED_FIELDS } from '../storage/schema.js';
import { demoCountryOf, isPrivateIPv4 } from './geo.js';
import { generateScenario } from './scenario.js';

const START = Date.UTC(2024, 2, 4);
const records = [...generateScenario({ seed: 'shapes', start_ms: START, events: 30_000 })];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), 'expected an object');
  return v as Obj;
};
const iso = (ts: number) => new Date(ts).toISOString();

function assertHas(r: NormalizedRecord, names: string[]): void {
  for (const n of names) assert.ok(r.fields[n] !== undefined && r.fields[n] !== '', `${n} missing in ${JSON.stringify(r.fields)}`);
}

const checks: Record<string, (r: NormalizedRecord) => void> = {
  'linux/sshd': linuxChecks,
  'linux/sudo': linuxChecks,
  'linux/auth': linuxChecks,
  'windows/sysmon/process_creation': (r) => {
    assertHas(r, ['event.code', 'host.name', 'user.name', 'process.name', 'process.executable', 'process.command_line', 'process.pid', 'process.parent.name']);
    const system = obj(obj(r.native.Event).System);
    const data = obj(obj(r.native.Event).EventData);
    assert.equal(system.EventID, 1);
    assert.equal(system.Channel, 'Microsoft-Windows-Sysmon/Operational');
    assert.equal(obj(obj(system.Provider)['#attributes']).Name, 'Microsoft-Windows-Sysmon');
    assert.equal(system.Computer, r.fields['host.name']);
    assert.equal(obj(obj(system.TimeCreated)['#attributes']).SystemTime, `${iso(r.ts as number).slice(0, 23)}000Z`);
    assert.equal(data.Image, r.fields['process.executable']);
    assert.equal(data.CommandLine, r.fields['process.command_line']);
    assert.equal(data.ProcessId, r.fields['process.pid']);
    assert.equal(data.User, `${r.fields['user.domain']}\\${r.fields['user.name']}`);
    assert.equal(data.ParentImage, r.fields['process.parent.executable']);
    assert.match(String(data.Hashes), /SHA256=[0-9A-F]{64}/);
  },
  'windows/security': (r) => {
    assertHas(r, ['event.code', 'event.outcome', 'host.name', 'user.name', 'winlog.logon.type']);
    const system = obj(obj(r.native.Event).System);
    const data = obj(obj(r.native.Event).EventData);
    assert.equal(system.Channel, 'Security');
    assert.equal(String(system.EventID), r.fields['event.code']);
    assert.equal(r.fields['event.outcome'], system.EventID === 4624 ? 'success' : 'failure');
    assert.ok(system.EventID === 4624 || system.EventID === 4625);
    assert.equal(data.TargetUserName, r.fields['user.name']);
    assert.equal(typeof data.LogonType, 'number');
    assert.equal(String(data.LogonType), r.fields['winlog.logon.type']);
  },
  netflow: (r) => {
    assertHas(r, ['source.ip', 'source.port', 'destination.ip', 'destination.port', 'network.transport', 'network.bytes', 'network.packets', 'source.bytes']);
    assert.equal(r.native.sourceIPv4Address, r.fields['source.ip']);
    assert.equal(r.native.destinationIPv4Address, r.fields['destination.ip']);
    assert.equal(r.native.destinationTransportPort, r.fields['destination.port']);
    assert.equal(r.native.octetDeltaCount, r.fields['network.bytes']);
    assert.equal(r.native.flowEndMilliseconds, iso(r.ts as number));
    assert.ok((r.fields['network.packets'] as number) >= 1);
  },
  'zeek/dns': (r) => {
    assertHas(r, ['dns.question.name', 'source.ip', 'destination.ip', 'network.transport', 'dns.response_code']);
    assert.equal(r.native.query, r.fields['dns.question.name']);
    assert.equal(r.native['id.orig_h'], r.fields['source.ip']);
    assert.match(String(r.native.uid), /^C[A-Za-z0-9]{17}$/);
    assert.equal(Math.round((r.native.ts as number) * 1000), r.ts);
  },
  'aws/cloudtrail': (r) => {
    assertHas(r, ['cloud.provider', 'cloud.account.id', 'cloud.region', 'user.name', 'event.action', 'event.provider', 'event.outcome']);
    assert.equal(r.native.eventName, r.fields['event.action']);
    assert.equal(r.native.eventSource, r.fields['event.provider']);
    assert.equal(r.native.awsRegion, r.fields['cloud.region']);
    assert.equal(r.native.eventTime, `${iso(r.ts as number).slice(0, 19)}Z`);
    assert.equal(obj(r.native.userIdentity).accountId, r.fields['cloud.account.id']);
    assert.ok('requestParameters' in r.native && typeof r.native.sourceIPAddress === 'string');
    assert.ok(r.fields['source.ip'] === r.native.sourceIPAddress || r.fields['source.address'] === r.native.sourceIPAddress);
  },
};

function linuxChecks(r: NormalizedRecord): void {
  assertHas(r, ['message', 'host.name', 'process.name', 'process.pid', 'user.name', 'event.action', 'event.outcome']);
  const syslog = obj(r.native.syslog);
  assert.equal(syslog.hostname, r.fields['host.name']);
  assert.equal(syslog.app_name, r.fields['process.name']);
  assert.equal(syslog.procid, String(r.fields['process.pid']));
  assert.equal(syslog.timestamp, iso(r.ts as number));
  assert.equal(r.native.message, r.fields.message);
  if (r.fields['event.action'] === 'ssh_login') assertHas(r, ['source.ip', 'source.port', 'user.auth.method']);
}

const logsourceKey = (r: NormalizedRecord) => [r.logsource?.product, r.logsource?.service, r.logsource?.category].filter(Boolean).join('/');

describe('generated records', () => {
  it('come from every source, each with the fields and native shape it promises', () => {
    const seen = new Map<string, number>();
    for (const r of records) {
      const key = logsourceKey(r);
      const check = checks[key];
      assert.ok(check !== undefined, `unexpected logsource ${key}`);
      assertHas(r, ['event.kind', 'event.category', 'event.type', 'event.dataset', 'event.module']);
      check(r);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), Object.keys(checks).sort());
  });

  it('give promoted ECS fields the type of their column', () => {
    for (const r of records) {
      for (const column of PROMOTED_FIELDS) {
        const v = r.fields[column.name];
        if (v === undefined) continue;
        const where = `${column.name} in ${logsourceKey(r)}`;
        if (column.type === 'string') assert.equal(typeof v, 'string', where);
        else if (column.type === 'int') assert.ok(Number.isSafeInteger(v), where);
        else if (column.type === 'string[]') assert.ok(Array.isArray(v) && v.every((x) => typeof x === 'string'), where);
      }
    }
  });

  it('carry a source country exactly when the source address is public', () => {
    for (const r of records) {
      const ip = r.fields['source.ip'];
      const country = r.fields['source.geo.country_iso_code'];
      if (typeof ip !== 'string' || isPrivateIPv4(ip) || ip === '127.0.0.1') assert.equal(country, undefined, String(ip));
      else assert.equal(country, demoCountryOf(ip), ip);
    }
  });

  it('number Windows records per computer and channel in stream order, story included', () => {
    const last = new Map<string, number>();
    for (const r of records) {
      if (r.logsource?.product !== 'windows') continue;
      const system = obj(obj(r.native.Event).System);
      const key = `${system.Computer}|${system.Channel}`;
      const id = system.EventRecordID as number;
      assert.equal(r.fields['winlog.record_id'], id);
      assert.equal(id, (last.get(key) ?? id - 1) + 1, `gap or repeat in ${key}`);
      last.set(key, id);
    }
  });
});
