/**
 * The built-in rules on the running server, over the demo scenario ingested through the API:
 * each rule meant for a step of the attack story fires on that step's entities, and nothing
 * fires on the normal traffic around it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateScenarioBatches, scenarioGroundTruth } from '../../demo/scenario.js';
import type { Detection } from '../detection.js';
import { startTestServer } from '../../testing/server.js';

const OPTIONS = { seed: 'builtin-rules', start_ms: Date.UTC(2026, 0, 5), events: 20_000 };

test('built-in rules: the attack story fires, normal traffic stays quiet', async () => {
  const srv = await startTestServer();
  try {
    const detection = srv.server.detection;
    assert.ok(detection, 'detection is on by default');
    const found: Detection[] = [];
    detection.live.onDetections((d) => {
      found.push(...d);
    });
    for (const batch of generateScenarioBatches(OPTIONS, 5_000)) {
      const res = await srv.request('/api/v1/ingest?format=vigil&source=demo', { method: 'POST', body: batch.map((r) => JSON.stringify(r)).join('\n') });
      assert.equal(res.status, 200, await res.text());
    }
    await detection.live.flush();

    const truth = scenarioGroundTruth(OPTIONS).stories[0].entities;
    const titles = new Set(found.map((d) => d.rule.title));
    for (const expected of [
      'SSH password spraying from one address',
      'PowerShell with an encoded command',
      'Certutil downloading a file',
      "Program run from a user's Temp folder after a download",
      'CloudTrail logging stopped or trail deleted',
      'AdministratorAccess attached to an IAM identity',
      'Access key created for another IAM user',
    ]) assert.ok(titles.has(expected), `${expected} fired (fired: ${[...titles].join('; ')})`);

    for (const d of found) {
      const story = [truth.attacker_ip, truth.user, truth.workstation_host, truth.backdoored_aws_user];
      const names = [...(d.entities.ip ?? []), ...(d.entities.user ?? []), ...(d.entities.host ?? [])];
      assert.ok(names.some((n) => story.includes(n) || n.startsWith(`${truth.user}`) || n.toLowerCase().includes(truth.user.toLowerCase())), `${d.rule.title} is about the story (entities ${JSON.stringify(d.entities)})`);
    }
    const spraying = found.find((d) => d.kind === 'correlation' && d.rule.title.startsWith('SSH password spraying'));
    assert.ok(spraying?.entities.ip?.includes(truth.attacker_ip), 'the spraying correlation names the attacker address');
    assert.ok(spraying && spraying.eventIds.length >= 5, 'and carries the failed attempts');

    const health = (await (await srv.request('/api/v1/health')).json()) as { sources: Record<string, { evaluated?: number; stored?: number }> };
    assert.equal(health.sources.demo?.evaluated, OPTIONS.events, 'every stored event was evaluated');
  } finally {
    await srv.stop();
  }
});
