/**
 * Event-level tests for every correlation type, built on the specification's worked examples
 * (there are no public vectors), plus time handling and memory bounds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, securityEvent } from '../testing/helpers.js';
import type { SigmaBundle, SigmaInput } from '../match/bundle.js';
import type { CorrelationOptions, CorrelationDetection } from './types.js';
import { CorrelationEngine } from './engine.js';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

function setup(yaml: string, opts?: CorrelationOptions): { bundle: SigmaBundle; engine: CorrelationEngine } {
  const { bundle, rejected, diagnostics } = compileText(yaml);
  assert.deepEqual(rejected, [], diagnostics.map((d) => d.message).join('\n'));
  return { bundle, engine: new CorrelationEngine(bundle, opts) };
}

function run(b: { bundle: SigmaBundle; engine: CorrelationEngine }, events: Array<[number, SigmaInput]>, flush = true): CorrelationDetection[] {
  const out: CorrelationDetection[] = [];
  for (const [ts, ev] of events) out.push(...b.engine.process(b.bundle.match(ev), ts, ts));
  if (flush) out.push(...b.engine.flush());
  return out;
}

const failedLogin = `title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource: {product: windows, service: security}
detection:
  selection: {EventID: [529, 4625]}
  condition: selection
`;
const fail = (user: string, host = 'HOST1', extra: Record<string, unknown> = {}): SigmaInput => ({ native: securityEvent(4625, { User: user, ...extra }, { computer: host }) });

test('event_count: 100 failed logins on one computer within an hour (specification example)', () => {
  const b = setup(`${failedLogin}---
title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
correlation:
  type: event_count
  rules: [53ba33fd-3a50-4468-a5ef-c583635cfa92]
  group-by: [ComputerName]
  timespan: 1h
  condition: {gte: 100}
`);
  const events: Array<[number, SigmaInput]> = [];
  for (let i = 0; i < 99; i++) events.push([T0 + i * 30_000, fail('u')]);
  for (let i = 0; i < 50; i++) events.push([T0 + i * 30_000 + 1, fail('u', 'HOST2')]);
  assert.deepEqual(run(b, events, false), [], '99 on HOST1 and 50 on HOST2 are not enough');
  const [d, ...rest] = run(b, [[T0 + 99 * 30_000, fail('u')]]);
  assert.equal(rest.length, 0);
  assert.equal(d.correlation.title, 'Many failed logins');
  assert.deepEqual(d.groupBy, { ComputerName: 'HOST1' });
  assert.equal(d.value, 100);
  assert.equal(d.eventCount, 100);
  assert.equal(d.events.length, 100);
  // 100 more spread over more than an hour never fill one window.
  const spread: Array<[number, SigmaInput]> = [];
  for (let i = 0; i < 100; i++) spread.push([T0 + 10 * 3600_000 + i * 40_000, fail('u', 'HOST3')]);
  assert.deepEqual(run(b, spread), []);
});

test('value_count: 100 distinct users per computer and workstation within a day', () => {
  const b = setup(`${failedLogin}---
title: Failed login
id: 0e95725d-7320-415d-80f7-004da920fc12
correlation:
  type: value_count
  rules: [53ba33fd-3a50-4468-a5ef-c583635cfa92]
  group-by: [ComputerName, WorkstationName]
  timespan: 1d
  condition: {field: User, gte: 100}
`);
  const events: Array<[number, SigmaInput]> = [];
  for (let i = 0; i < 300; i++) events.push([T0 + i * MIN, fail(`user${i % 99}`, 'DC1', { WorkstationName: 'WS1' })]);
  assert.deepEqual(run(b, events, false), [], '99 distinct users, many times, is not 100');
  const [d] = run(b, [[T0 + 400 * MIN, fail('user-new', 'DC1', { WorkstationName: 'WS1' })]]);
  assert.deepEqual(d.groupBy, { ComputerName: 'DC1', WorkstationName: 'WS1' });
  assert.equal(d.value, 100);
});

const recon = ['a', 'b', 'c']
  .map((x) => `title: recon ${x}\nname: recon_cmd_${x}\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel: {CommandLine|contains: 'recon-${x}'}\n  condition: sel\n`)
  .join('---\n');
const proc = (cmd: string, user = 'alice', host = 'PC1'): SigmaInput => ({
  native: { Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: host }, EventData: { CommandLine: cmd, User: user } } },
});

test('temporal: three recon commands in any order within 5 minutes by the same user on one system', () => {
  const corr = `---\ntitle: Recon\ncorrelation:\n  type: temporal\n  rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]\n  group-by: [ComputerName, User]\n  timespan: 5m\n`;
  const b = setup(recon + corr);
  const hits = run(b, [
    [T0, proc('x recon-c')],
    [T0 + MIN, proc('x recon-a')],
    [T0 + 2 * MIN, proc('x recon-a', 'bob')],
    [T0 + 4 * MIN, proc('x recon-b')],
  ]);
  assert.equal(hits.length, 1);
  assert.deepEqual(hits[0].groupBy, { ComputerName: 'PC1', User: 'alice' });
  assert.equal(hits[0].value, 3);
  const b2 = setup(recon + corr);
  assert.deepEqual(run(b2, [[T0, proc('recon-a')], [T0 + MIN, proc('recon-b')], [T0 + 6 * MIN, proc('recon-c')]]), [], 'c comes too late');
});

test('temporal_ordered with a chained event_count: failed logins followed by a successful login (specification example)', () => {
  const yaml = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, successful_login]
  group-by: [User]
  timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition: {gte: 10}
---
${failedLogin}---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource: {product: windows, service: security}
detection:
  selection: {EventID: [528, 4624]}
  condition: selection
`;
  const ok = (user: string): SigmaInput => ({ native: securityEvent(4624, { User: user }) });
  const b = setup(yaml);
  const events: Array<[number, SigmaInput]> = [];
  for (let i = 0; i < 10; i++) events.push([T0 + i * 10_000, fail('eve')]);
  events.push([T0 + 3 * MIN, ok('eve')]);
  const hits = run(b, events);
  const titles = hits.map((h) => [h.correlation.title, h.standalone]);
  assert.deepEqual(titles, [
    ['Multiple failed logons', false],
    ['Correlation - Multiple Failed Logins Followed by Successful Login', true],
  ]);
  assert.deepEqual(hits[1].groupBy, { User: 'eve' });
  assert.equal(hits[1].correlation.level, 'high');
  // The base rules only feed the correlations (generate is false): not alerts on their own.
  assert.ok(b.bundle.rules.every((r) => !r.standalone));
  // Success first, failures after: no sequence.
  const b2 = setup(yaml);
  const reversed: Array<[number, SigmaInput]> = [[T0, ok('eve')]];
  for (let i = 0; i < 10; i++) reversed.push([T0 + MIN + i * 10_000, fail('eve')]);
  assert.deepEqual(run(b2, reversed).map((h) => h.correlation.title), ['Multiple failed logons']);
});

const website = `title: website access\nname: website_access\nlogsource: {category: proxy}\ndetection:\n  sel: {cs-method: [GET, POST]}\n  condition: sel\n`;
const access = (ip: string, user: string, bytes: number): SigmaInput => ({ native: { 'cs-method': 'POST', SourceIP: ip, User: user, bytes_sent: bytes, BytesOut: bytes }, meta: { logsource: { category: 'proxy' } } });

test('value_sum: more than 1 MB sent by one source and user within an hour', () => {
  const b = setup(`${website}---\ntitle: Possible Exfiltration to Website\ncorrelation:\n  type: value_sum\n  rules: [website_access]\n  group-by: [SourceIP, User]\n  timespan: 1h\n  condition: {field: bytes_sent, gt: 1000000}\n`);
  const hits = run(b, [
    [T0, access('10.0.0.1', 'u', 600_000)],
    [T0 + MIN, access('10.0.0.2', 'u', 900_000)],
    [T0 + 2 * MIN, access('10.0.0.1', 'u', 400_001)],
  ]);
  assert.equal(hits.length, 1);
  assert.equal(hits[0].value, 1_000_001);
  assert.deepEqual(hits[0].groupBy, { SourceIP: '10.0.0.1', User: 'u' });
});

test('value_avg: average above 500 bytes over a day (tumbling window, evaluated when it closes)', () => {
  const b = setup(`${website}---\ntitle: Suspicious average network traffic\ncorrelation:\n  type: value_avg\n  rules: [website_access]\n  group-by: [SourceIP, User]\n  timespan: 24h\n  condition: {field: BytesOut, gt: 500}\n`);
  const day = 86_400_000;
  const early = run(b, [[T0 + 1000, access('a', 'u', 400)], [T0 + 2000, access('a', 'u', 700)], [T0 + 3000, access('b', 'u', 100)]], false);
  assert.deepEqual(early, [], 'nothing fires before the window closes');
  const hits = run(b, [[T0 + day + 61_000 + 1000, access('c', 'u', 1)]], false);
  assert.equal(hits.length, 1, 'the watermark passed the end of the first day');
  assert.equal(hits[0].value, 550);
  assert.deepEqual(hits[0].window, { start: T0, end: T0 + day });
  assert.deepEqual(b.engine.flush(), [], 'c averages 1 byte');
});

test('value_percentile: a percentile of a numeric field compared to the threshold', () => {
  const b = setup(`${website}---\ntitle: big transfers\ncorrelation:\n  type: value_percentile\n  rules: [website_access]\n  group-by: [User]\n  timespan: 1h\n  condition: {field: bytes_sent, percentile: 50, gte: 1000}\n`);
  const hits = run(b, [1, 2000, 3000, 5, 4000].map((v, i): [number, SigmaInput] => [T0 + i * 1000, access('x', 'u', v)]));
  assert.equal(hits.length, 1);
  assert.equal(hits[0].value, 2000);
});

test('aliases: group by the same address seen as destination in one rule and source in the other (specification example)', () => {
  const yaml = `title: internal error\nname: internal_error\nlogsource: {category: webserver}\ndetection:\n  selection: {http.response.status_code: 500}\n  condition: selection\n---
title: new connection\nname: new_network_connection\nlogsource: {category: firewall}\ndetection:\n  selection: {event.category: network, event.type: connection, event.outcome: success}\n  condition: selection\n---
title: error then connection\ncorrelation:\n  type: temporal\n  rules: [internal_error, new_network_connection]\n  group-by: [internal_ip, remote_ip]\n  timespan: 10s\n  aliases:\n    internal_ip: {internal_error: destination.ip, new_network_connection: source.ip}\n    remote_ip: {internal_error: source.ip, new_network_connection: destination.ip}\n`;
  const b = setup(yaml);
  const web = (src: string, dst: string): SigmaInput => ({ native: { http: { response: { status_code: 500 } } }, fields: { 'source.ip': src, 'destination.ip': dst }, meta: { logsource: { category: 'webserver' } } });
  const fw = (src: string, dst: string): SigmaInput => ({ native: {}, fields: { 'event.category': ['network'], 'event.type': ['connection'], 'event.outcome': 'success', 'source.ip': src, 'destination.ip': dst }, meta: { logsource: { category: 'firewall' } } });
  const hits = run(b, [
    [T0, web('203.0.113.9', '10.0.0.5')],
    [T0 + 2000, fw('10.0.0.6', '203.0.113.9')],
    [T0 + 3000, fw('10.0.0.5', '203.0.113.9')],
  ]);
  assert.equal(hits.length, 1);
  assert.deepEqual(hits[0].groupBy, { internal_ip: '10.0.0.5', remote_ip: '203.0.113.9' });
});

test('upper-bound conditions are evaluated on closed windows only', () => {
  const b = setup(`${failedLogin}---\ntitle: few users\ncorrelation:\n  type: value_count\n  rules: [failed_login]\n  group-by: [ComputerName]\n  timespan: 1h\n  condition: {field: User, lt: 3}\n`);
  assert.deepEqual(run(b, [[T0 + 1, fail('a')], [T0 + 2, fail('b')]], false), []);
  const hits = b.engine.flush();
  assert.equal(hits.length, 1);
  assert.equal(hits[0].value, 2);
});

test('out-of-order events within the allowed lateness count; later ones are counted as late and ignored', () => {
  const yaml = `${failedLogin}---\ntitle: three failures\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [ComputerName]\n  timespan: 5m\n  condition: {gte: 3}\n`;
  const b = setup(yaml, { allowed_lateness_ms: 2 * MIN });
  const hits = run(b, [[T0 + 4 * MIN, fail('a')], [T0 + 3 * MIN, fail('a')], [T0 + 2 * MIN + 30_000, fail('a')]]);
  assert.equal(hits.length, 1, 'disorder within two minutes gives the sorted answer');
  assert.deepEqual(hits[0].window, { start: T0 + 2 * MIN + 30_000, end: T0 + 4 * MIN });
  const late = setup(yaml, { allowed_lateness_ms: 0 });
  assert.deepEqual(run(late, [[T0 + 4 * MIN, fail('a')], [T0 + 3 * MIN, fail('a')], [T0 + 4 * MIN + 1, fail('a')]]), []);
  assert.equal(late.engine.stats()[0].late, 1);
});

test('memory is bounded per correlation and per group, and what is dropped is counted', () => {
  const yaml = `${failedLogin}---\ntitle: many\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [User]\n  timespan: 1h\n  condition: {gte: 1000}\n`;
  const b = setup(yaml, { max_groups_per_correlation: 10, max_entries_per_group: 5 });
  const events: Array<[number, SigmaInput]> = [];
  for (let i = 0; i < 30; i++) events.push([T0 + i, fail(`u${i}`)]);
  for (let i = 0; i < 8; i++) events.push([T0 + 100 + i, fail('u29')]);
  run(b, events);
  const [s] = b.engine.stats();
  assert.equal(s.groups, 10);
  assert.equal(s.evictedGroups, 20);
  assert.equal(s.truncatedEntries, 4);
  assert.ok(s.entries <= 10 * 5);
});
