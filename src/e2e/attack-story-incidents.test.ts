/**
 * Issue 7's end-to-end test: the demo's attack story (password spraying on SSH from abroad, a
 * success, a suspicious process, beaconing to a rare domain, a large upload, a CloudTrail
 * change by the same user) told twice, a day apart, inside normal traffic from every source,
 * ingested through the API of a real server with the default detection (built-in Sigma rules,
 * correlations, behavioural analytics) and alerting. Expected: one incident per story holding
 * the alerts of every step, and nothing from the normal traffic around them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateScenarioBatches, scenarioGroundTruth } from '../demo/scenario.js';
import { startTestServer } from '../testing/server.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2);
const OPTIONS = { seed: 'e2e-incidents', start_ms: START, span_ms: 2 * DAY, events: 60_000, attack_at_ms: [START + 0.4 * DAY, START + 1.5 * DAY] };

interface Incident {
  id: string;
  title: string;
  status: string;
  level: string;
  alert_count: number;
  first_seen: number | string;
}
interface Alert {
  id: string;
  rule: { id: string; title: string; level: string };
  incident_id: string | null;
  entities: Record<string, string[] | undefined>;
}

test('the attack story becomes one incident per story, normal traffic none', { timeout: 600_000 }, async () => {
  const srv = await startTestServer();
  try {
    for (const batch of generateScenarioBatches(OPTIONS, 5_000)) {
      const res = await srv.request('/api/v1/ingest?format=vigil&source=demo', { method: 'POST', body: batch.map((r) => JSON.stringify(r)).join('\n') });
      assert.equal(res.status, 200, await res.text());
    }
    await srv.server.detection?.live.flush();

    const truth = scenarioGroundTruth(OPTIONS);
    const incidents = ((await (await srv.request('/api/v1/incidents?limit=100')).json()) as { incidents: Incident[] }).incidents;
    const alerts = ((await (await srv.request('/api/v1/alerts?limit=1000')).json()) as { alerts: Alert[] }).alerts;
    const summary = incidents.map((i) => `${i.title} [${i.alert_count} alerts]`).join('\n');

    assert.equal(incidents.length, truth.stories.length, `one incident per story, got:\n${summary}`);
    for (const story of truth.stories) {
      const e = story.entities;
      const own = (i: Incident): Alert[] => alerts.filter((a) => a.incident_id === i.id);
      const names = (i: Incident, kind: string): string[] => own(i).flatMap((a) => a.entities[kind] ?? []);
      const incident = incidents.find((i) => names(i, 'user').includes(e.user) && names(i, 'ip').includes(e.attacker_ip));
      assert.ok(incident, `an incident names ${e.user} and ${e.attacker_ip}:\n${summary}`);
      const titles = new Set(alerts.filter((a) => a.incident_id === incident.id).map((a) => a.rule.title));
      const has = (re: RegExp, step: string): void => assert.ok([...titles].some((t) => re.test(t)), `${step}: an alert in the incident (${[...titles].join('; ')})`);
      has(/password spraying/i, 'ssh_password_spraying');
      has(/brute force|new country/i, 'ssh_login_success');
      has(/encoded command|certutil|temp folder/i, 'suspicious_process');
      has(/beacon/i, 'c2_beaconing');
      has(/exfiltration|upload|outbound/i, 'large_upload');
      has(/cloudtrail|administratoraccess|access key/i, 'cloudtrail_change');
      assert.ok(['high', 'critical'].includes(incident.level), `severity ${incident.level}`);
      for (const a of own(incident)) {
        const story = [e.attacker_ip, e.workstation_ip, e.workstation_host, e.user, e.bastion_host];
        const named = Object.values(a.entities).flat();
        assert.ok(named.some((n) => story.includes(n as string)), `${a.rule.title} names one of the story's entities (${JSON.stringify(a.entities)})`);
      }
    }
    const loose = alerts.filter((a) => a.incident_id === null);
    assert.deepEqual(loose.map((a) => a.rule.title), [], 'every alert belongs to a story incident');

    const detail = (await (await srv.request(`/api/v1/incidents/${incidents[0].id}`)).json()) as { timeline: { events: Array<{ source: string; fields: Record<string, unknown> }> } };
    assert.ok(detail.timeline.events.length > 10 && new Set(detail.timeline.events.map((e) => e.fields['event.dataset'] ?? e.fields['event.module'])).size >= 3, 'the incident has a timeline of related events across sources');
  } finally {
    await srv.stop();
  }
});
