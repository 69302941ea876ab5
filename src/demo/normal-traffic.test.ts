/**
 * Normal traffic carries none of the story's indicators, so "nothing from the surrounding
 * normal traffic" is a testable promise: no foreign addresses, no spraying or brute force,
 * no new countries per user, no RDP, no download cradles, no rare periodic destinations,
 * no oversized uploads, no identity or trail changes in AWS.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedRecord } from '../core/event.js';
import { STORY_ONLY_AWS_EVENT_NAMES } from './catalog/aws-activity.js';
import { DEMO_GEO_PREFIXES } from './geo.js';
import { NORMAL_MAX_OUTBOUND_FLOW_BYTES } from './normal/network-activity.js';
import { generateScenario, scenarioGroundTruth } from './scenario.js';

const START = Date.UTC(2024, 2, 4);
const DAY = 86_400_000;
const normal = [...generateScenario({ seed: 'normal', start_ms: START, span_ms: 2 * DAY, events: 150_000, users: 60, attack: false })];

const f = (r: NormalizedRecord, k: string) => r.fields[k];
const str = (r: NormalizedRecord, k: string) => (typeof r.fields[k] === 'string' ? (r.fields[k] as string) : undefined);

function isForeign(ip: string | undefined): boolean {
  if (ip === undefined) return false;
  const dot = ip.lastIndexOf('.');
  const host = Number(ip.slice(dot + 1));
  return DEMO_GEO_PREFIXES.some((p) => p.role === 'foreign' && p.net24 === ip.slice(0, dot) && host >= p.first && host <= p.last);
}

/** Coefficient of variation of the gaps between sorted times: ~1 for random arrivals, ~0 for a beacon. */
function gapVariation(times: number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
  return mean === 0 ? 0 : sd / mean;
}

function groupTimes(records: NormalizedRecord[], key: (r: NormalizedRecord) => string | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of records) {
    const k = key(r);
    if (k === undefined) continue;
    const list = out.get(k) ?? [];
    list.push(r.ts as number);
    out.set(k, list);
  }
  return out;
}

const isAuth = (r: NormalizedRecord) => (f(r, 'event.category') as string[] | undefined)?.includes('authentication') === true;
const dnsKey = (r: NormalizedRecord) => (r.logsource?.product === 'zeek' ? `${f(r, 'host.name')} ${f(r, 'dns.question.name')}` : undefined);

describe('normal traffic', () => {
  it('never involves a foreign address', () => {
    for (const r of normal) {
      for (const k of ['source.ip', 'destination.ip']) assert.ok(!isForeign(str(r, k)), `${k} ${str(r, k)}`);
      if (r.logsource?.service === 'cloudtrail') assert.ok(!isForeign(String(r.native.sourceIPAddress)));
    }
  });

  it('has no password spraying or brute force: failures come from the user’s own address, rarely', () => {
    const failures = normal.filter((r) => isAuth(r) && f(r, 'event.outcome') === 'failure');
    assert.ok(failures.length > 0, 'some honest typos are expected');
    const usersByIp = new Map<string, Set<string>>();
    for (const r of failures) {
      const ip = str(r, 'source.ip');
      if (ip === undefined || ip === '127.0.0.1') continue;
      const users = usersByIp.get(ip) ?? new Set<string>();
      users.add(String(f(r, 'user.name')));
      usersByIp.set(ip, users);
    }
    for (const [ip, users] of usersByIp) assert.equal(users.size, 1, `${ip} failed for ${[...users].join(',')}`);
    const perUser = groupTimes(failures, (r) => String(f(r, 'user.name')));
    for (const [user, times] of perUser) {
      for (let i = 4; i < times.length; i++) assert.ok(times[i] - times[i - 4] > 10 * 60_000, `5 failures for ${user} within 10 minutes`);
    }
  });

  it('logs each user in from one country only (no new country, no impossible travel)', () => {
    const countries = new Map<string, Set<string>>();
    for (const r of normal) {
      const country = str(r, 'source.geo.country_iso_code');
      if (country === undefined || !(isAuth(r) && f(r, 'event.outcome') === 'success') && r.logsource?.service !== 'cloudtrail') continue;
      const user = String(f(r, 'user.name'));
      const set = countries.get(user) ?? new Set<string>();
      set.add(country);
      countries.set(user, set);
    }
    assert.ok(countries.size > 10);
    for (const [user, set] of countries) assert.equal(set.size, 1, `${user}: ${[...set].join(',')}`);
  });

  it('has no RDP logons and no suspicious process launches', () => {
    const suspicious = /(^|\s)-(enc|encodedcommand|e)\s|-w(indowstyle)? hidden|downloadstring|urlcache|invoke-expression|iex \(/i;
    for (const r of normal) {
      assert.notEqual(f(r, 'winlog.logon.type'), '10');
      const cmd = str(r, 'process.command_line');
      if (cmd !== undefined) assert.ok(!suspicious.test(cmd), cmd);
      const exe = str(r, 'process.executable');
      if (exe !== undefined) assert.ok(!/\\AppData\\Local\\Temp\\/i.test(exe), exe);
    }
  });

  it('resolves only well-known names, each used by several hosts, at irregular times', () => {
    const hostsByName = new Map<string, Set<string>>();
    for (const r of normal) {
      if (r.logsource?.product !== 'zeek') continue;
      const name = String(f(r, 'dns.question.name'));
      assert.ok(!name.endsWith('.example.net'), name);
      const hosts = hostsByName.get(name) ?? new Set<string>();
      hosts.add(String(f(r, 'host.name')));
      hostsByName.set(name, hosts);
    }
    for (const [name, hosts] of hostsByName) assert.ok(hosts.size >= 3, `${name} seen from ${hosts.size} hosts`);
    // Judged like a beaconing analytic would: only pairs seen often enough for timing to mean anything.
    let pairs = 0;
    for (const [pair, times] of groupTimes(normal, dnsKey)) {
      if (times.length < 20) continue;
      pairs++;
      assert.ok(gapVariation(times) > 0.4, `${pair} looks periodic`);
    }
    assert.ok(pairs > 50, `only ${pairs} host/name pairs to judge`);
  });

  it('tells a beacon from normal lookups by the same measure', () => {
    const options = { seed: 'contrast', start_ms: START, events: 20_000 };
    const withStory = [...generateScenario(options)];
    const e = scenarioGroundTruth(options).stories[0].entities;
    const beacon = groupTimes(withStory, dnsKey).get(`${e.workstation_host} ${e.c2_domain}`);
    assert.ok(beacon !== undefined && gapVariation(beacon) < 0.05);
  });

  it('never uploads more than a normal outbound flow can carry', () => {
    const perHourByHost = new Map<string, number>();
    for (const r of normal) {
      if (f(r, 'network.direction') !== 'outbound') continue;
      const bytes = f(r, 'source.bytes') as number;
      assert.ok(bytes <= NORMAL_MAX_OUTBOUND_FLOW_BYTES, `${bytes} bytes out`);
      const key = `${f(r, 'host.name')} ${Math.floor((r.ts as number) / 3_600_000)}`;
      perHourByHost.set(key, (perHourByHost.get(key) ?? 0) + bytes);
    }
    assert.ok(Math.max(...perHourByHost.values()) < 200e6);
  });

  it('makes no identity, policy or trail changes in AWS', () => {
    const cloud = normal.filter((r) => r.logsource?.service === 'cloudtrail');
    assert.ok(cloud.length > 1000);
    for (const r of cloud) {
      assert.ok(!(STORY_ONLY_AWS_EVENT_NAMES as readonly string[]).includes(String(r.native.eventName)), String(r.native.eventName));
      assert.ok(!String(r.native.userAgent).includes('kali'));
    }
  });
});
