/**
 * Intel over the demo generator's day: with the story's C2 address and C2 domain as
 * indicators (as a CTI feed about the campaign would carry them), every hit is a story record
 * and the payload, beacon and upload steps are all seen; normal traffic never matches.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateScenario, scenarioGroundTruth, type StoryStep } from '../../demo/index.js';
import { parseIndicatorCsv } from './csv-feed.js';
import { DEFAULT_FEED_LIMITS } from './feed-result.js';
import { IntelMatcher } from './matcher.js';

test('demo day: the campaign indicators hit story records only', () => {
  const options = { seed: 'intel', start_ms: Date.UTC(2026, 0, 5), events: 30_000 };
  const story = scenarioGroundTruth(options).stories[0];
  const stepOf = new Map<number, StoryStep>();
  for (const s of story.steps) for (const i of s.record_indexes) stepOf.set(i, s.step);
  const exfilParent = story.entities.exfil_domain.split('.').slice(1).join('.');
  const feed = parseIndicatorCsv(`type,value,description\nip,${story.entities.c2_ip},C2 server\ndomain,${story.entities.c2_domain},C2 domain\ndomain,${exfilParent},upload service\n`, 'campaign', DEFAULT_FEED_LIMITS);
  assert.deepEqual(feed.errors, []);
  const matcher = new IntelMatcher(feed.indicators);
  const hitSteps = new Map<string, number>();
  let i = 0;
  for (const r of generateScenario(options)) {
    const hits = matcher.match({ id: `e${i}`, ts: r.ts as number, fields: r.fields, native: r.native, meta: { source: 'demo', ingestTime: r.ts as number } });
    if (hits.length > 0) {
      const step = stepOf.get(i);
      assert.ok(step, `record ${i} is normal traffic but matched: ${hits[0].explanation[0]}`);
      hitSteps.set(step, (hitSteps.get(step) ?? 0) + 1);
    }
    i++;
  }
  assert.deepEqual([...hitSteps.keys()].sort(), ['c2_beaconing', 'large_upload', 'suspicious_process']);
  // 70 beacons × three matching records: the DNS query (by name and answer), the flow out, the flow back.
  assert.equal(hitSteps.get('c2_beaconing'), 70 * 3);
});
