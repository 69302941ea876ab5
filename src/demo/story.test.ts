/**
 * The attack story is in the stream exactly where and as the ground truth says.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedRecord } from '../core/event.js';
import type { StoryGroundTruth } from './ground-truth.js';
import { NORMAL_MAX_OUTBOUND_FLOW_BYTES } from './normal/network-activity.js';
import { generateScenario, scenarioGroundTruth } from './scenario.js';
import type { ScenarioOptionsInput } from './options.js';
import { BEACON_COUNT, BEACON_JITTER_MS, BEACON_PERIOD_MS } from './story/payload.js';
import { STORY_DURATION_MS } from './story/attack-story.js';
import { STORY_STEPS, type StoryStep } from './story/steps.js';

const START = Date.UTC(2024, 2, 4);
const DAY = 86_400_000;
const OPTIONS: ScenarioOptionsInput = { seed: 'story', start_ms: START, events: 40_000 };
const records = [...generateScenario(OPTIONS)];
const truth = scenarioGroundTruth(OPTIONS);
const story = truth.stories[0];
const e = story.entities;

function stepRecords(s: StoryGroundTruth, step: StoryStep): NormalizedRecord[] {
  const found = s.steps.find((x) => x.step === step);
  assert.ok(found, step);
  return found.record_indexes.map((i) => records[i]);
}
const f = (r: NormalizedRecord, k: string) => r.fields[k];
const product = (r: NormalizedRecord) => r.logsource?.product;
const eventData = (r: NormalizedRecord) => (r.native.Event as { EventData: Record<string, unknown> }).EventData;

describe('attack story ground truth', () => {
  it('has one story with every step, in order, inside the span and the story length', () => {
    assert.equal(truth.stories.length, 1);
    assert.deepEqual(story.steps.map((s) => s.step), [...STORY_STEPS]);
    for (let i = 1; i < story.steps.length; i++) assert.ok(story.steps[i].first_ms > story.steps[i - 1].first_ms, story.steps[i].step);
    assert.ok(story.start_ms >= START && story.end_ms - story.start_ms < STORY_DURATION_MS);
    assert.equal(truth.total_records, records.length);
    assert.equal(truth.normal_records + story.record_indexes.length, records.length);
    const union = story.steps.flatMap((s) => s.record_indexes).sort((a, b) => a - b);
    assert.deepEqual(union, story.record_indexes);
    for (const s of story.steps) {
      for (const i of s.record_indexes) assert.ok(records[i].ts! >= s.first_ms && records[i].ts! <= s.last_ms, s.step);
    }
  });

  it('spraying: failed SSH passwords for many accounts, real and not, from the foreign address', () => {
    const rs = stepRecords(story, 'ssh_password_spraying');
    const auth = rs.filter((r) => product(r) === 'linux');
    const flows = rs.filter((r) => product(r) === 'netflow');
    assert.ok(auth.every((r) => f(r, 'event.outcome') === 'failure' && f(r, 'source.ip') === e.attacker_ip && f(r, 'host.name') === e.bastion_host));
    assert.notEqual(e.attacker_country, 'US');
    assert.ok(auth.every((r) => f(r, 'source.geo.country_iso_code') === e.attacker_country));
    const users = new Set(auth.map((r) => f(r, 'user.name')));
    assert.ok(users.size >= 8 && users.has(e.user), [...users].join(','));
    assert.ok(auth.some((r) => f(r, 'event.reason') === 'invalid user'));
    assert.ok(flows.length > 0 && flows.every((r) => f(r, 'source.ip') === e.attacker_ip && f(r, 'destination.port') === 22));
  });

  it('login: one accepted password for the victim from the same address, and its session', () => {
    const rs = stepRecords(story, 'ssh_login_success');
    const accepted = rs.filter((r) => f(r, 'event.action') === 'ssh_login');
    assert.equal(accepted.length, 1);
    assert.equal(f(accepted[0], 'event.outcome'), 'success');
    assert.equal(f(accepted[0], 'user.name'), e.user);
    assert.equal(f(accepted[0], 'source.ip'), e.attacker_ip);
    assert.equal(f(accepted[0], 'user.auth.method'), 'password');
    assert.deepEqual(rs.filter((r) => product(r) === 'linux').map((r) => f(r, 'event.action')), ['ssh_login', 'session_opened', 'session_closed']);
  });

  it('lateral movement: an RDP logon (type 10) as the victim on their workstation, from the bastion', () => {
    const rs = stepRecords(story, 'lateral_rdp_logon');
    const logon = rs.find((r) => f(r, 'event.code') === '4624');
    assert.ok(logon);
    assert.equal(f(logon, 'winlog.logon.type'), '10');
    assert.equal(f(logon, 'host.name'), e.workstation_host);
    assert.equal(f(logon, 'user.name'), e.user);
    assert.equal(f(logon, 'source.ip'), e.bastion_ip);
    assert.ok(rs.some((r) => product(r) === 'netflow' && f(r, 'destination.port') === 3389 && f(r, 'destination.ip') === e.workstation_ip));
  });

  it('suspicious processes: encoded PowerShell cradle, certutil download, payload from Temp', () => {
    const procs = stepRecords(story, 'suspicious_process').filter((r) => product(r) === 'windows');
    assert.equal(procs.length, 3);
    assert.ok(procs.every((r) => f(r, 'host.name') === e.workstation_host && f(r, 'user.name') === e.user));
    const [ps, certutil, payload] = procs;
    const encoded = /-enc (\S+)$/.exec(String(f(ps, 'process.command_line')));
    assert.ok(encoded, 'no -enc argument');
    const decoded = Buffer.from(encoded[1], 'base64').toString('utf16le');
    assert.match(decoded, /DownloadString/);
    assert.ok(decoded.includes(e.c2_domain));
    assert.match(String(f(ps, 'process.command_line')), / -w hidden /);
    assert.equal(f(certutil, 'process.name'), 'certutil.exe');
    assert.ok(String(f(certutil, 'process.command_line')).includes(`http://${e.c2_domain}/`));
    assert.match(String(f(payload, 'process.executable')), /\\AppData\\Local\\Temp\\[^\\]+\.exe$/);
    // The cradle is the parent of both children, by GUID as well as by pid.
    for (const child of [certutil, payload]) {
      assert.equal(eventData(child).ParentProcessGuid, eventData(ps).ProcessGuid);
      assert.equal(f(child, 'process.parent.pid'), f(ps, 'process.pid'));
    }
  });

  it('beaconing: the rare domain every 60 s with low jitter, a DNS lookup and a flow each way each time', () => {
    const rs = stepRecords(story, 'c2_beaconing');
    const lookups = rs.filter((r) => product(r) === 'zeek');
    const flows = rs.filter((r) => product(r) === 'netflow');
    assert.equal(lookups.length, BEACON_COUNT);
    assert.equal(flows.length, 2 * BEACON_COUNT);
    assert.ok(lookups.every((r) => f(r, 'dns.question.name') === e.c2_domain && f(r, 'source.ip') === e.workstation_ip));
    assert.ok(flows.every((r) => f(r, 'source.ip') === e.c2_ip || f(r, 'destination.ip') === e.c2_ip));
    const times = lookups.map((r) => r.ts!);
    for (let i = 1; i < times.length; i++) {
      assert.ok(Math.abs(times[i] - times[i - 1] - BEACON_PERIOD_MS) <= 2 * BEACON_JITTER_MS, `gap ${i}`);
    }
  });

  it('upload: well over a gigabyte to a second foreign host, every slice far above normal flows', () => {
    const flows = stepRecords(story, 'large_upload').filter((r) => product(r) === 'netflow');
    const total = flows.reduce((sum, r) => sum + (f(r, 'source.bytes') as number), 0);
    assert.ok(total > 1.5e9, `total ${total}`);
    assert.ok(flows.every((r) => f(r, 'source.ip') === e.workstation_ip && f(r, 'destination.ip') === e.exfil_ip));
    assert.ok(flows.every((r) => (f(r, 'source.bytes') as number) > 5 * NORMAL_MAX_OUTBOUND_FLOW_BYTES));
    assert.ok(stepRecords(story, 'large_upload').some((r) => f(r, 'dns.question.name') === e.exfil_domain));
  });

  it("cloud: the victim's key from the foreign address creates a key, attaches admin, stops the trail", () => {
    const rs = stepRecords(story, 'cloudtrail_change');
    assert.deepEqual(rs.map((r) => r.native.eventName), ['GetCallerIdentity', 'CreateAccessKey', 'AttachUserPolicy', 'StopLogging']);
    for (const r of rs) {
      assert.equal(r.native.sourceIPAddress, e.attacker_ip);
      assert.equal(f(r, 'user.name'), e.user);
      assert.equal((r.native.userIdentity as Record<string, unknown>).accessKeyId, e.aws_access_key_id);
    }
    assert.deepEqual(rs[1].native.requestParameters, { userName: e.backdoored_aws_user });
    assert.equal((rs[2].native.requestParameters as Record<string, unknown>).policyArn, 'arn:aws:iam::aws:policy/AdministratorAccess');
  });

  it('no record outside the ground truth carries a story indicator', () => {
    const inStory = new Set(story.record_indexes);
    const indicators = [e.attacker_ip, e.c2_ip, e.exfil_ip, e.c2_domain, e.exfil_domain];
    records.forEach((r, i) => {
      if (inStory.has(i)) return;
      const text = JSON.stringify(r);
      for (const indicator of indicators) assert.ok(!text.includes(`"${indicator}"`) && !text.includes(`${indicator}/`), `record ${i} has ${indicator}`);
    });
  });

  it('is the same story whatever the volume and mix around it', () => {
    const other: ScenarioOptionsInput = { ...OPTIONS, events: 25_000, mix: { netflow: 1, linux_auth: 1 } };
    const otherTruth = scenarioGroundTruth(other);
    const otherRecords = [...generateScenario(other)];
    const strip = (r: NormalizedRecord) => JSON.stringify(r).replace(/"(EventRecordID|winlog\.record_id)":\d+/g, '');
    assert.deepEqual(otherTruth.stories[0].entities, e);
    const mine = story.record_indexes.map((i) => strip(records[i]));
    const theirs = otherTruth.stories[0].record_indexes.map((i) => strip(otherRecords[i]));
    assert.deepEqual(theirs, mine);
  });

  it('places several stories where asked, with different victims and infrastructure', () => {
    const at = [START + 2 * 3_600_000, START + DAY + 3_600_000];
    const two = scenarioGroundTruth({ seed: 'two', start_ms: START, span_ms: 2 * DAY, events: 20_000, attack_at_ms: at });
    assert.equal(two.stories.length, 2);
    const [a, b] = two.stories;
    assert.equal(a.start_ms, at[0]);
    assert.equal(b.start_ms, at[1]);
    assert.notEqual(a.entities.user, b.entities.user);
    assert.notEqual(a.entities.attacker_ip, b.entities.attacker_ip);
    assert.notEqual(a.entities.c2_domain, b.entities.c2_domain);
    assert.ok(a.record_indexes[a.record_indexes.length - 1] < b.record_indexes[0]);
  });

  it('is absent without the attack', () => {
    const none = scenarioGroundTruth({ ...OPTIONS, attack: false });
    assert.deepEqual(none.stories, []);
    assert.equal(none.normal_records, OPTIONS.events);
  });
});
