import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZodError } from 'zod';
import type { NormalizedRecord } from '../core/event.js';
import { generateScenario, generateScenarioBatches, scenarioGroundTruth } from './scenario.js';
import { resolveScenarioOptions, type ScenarioOptionsInput } from './options.js';
import { STORY_DURATION_MS } from './story/attack-story.js';

const START = Date.UTC(2024, 2, 4);
const DAY = 86_400_000;
const BASE: ScenarioOptionsInput = { seed: 11, start_ms: START, events: 6000 };

const all = (o: ScenarioOptionsInput): NormalizedRecord[] => [...generateScenario(o)];

describe('generateScenario', () => {
  it('is deterministic: the same options give byte-identical records', () => {
    assert.equal(JSON.stringify(all(BASE)), JSON.stringify(all(BASE)));
  });

  it('changes with the seed', () => {
    const a = all(BASE);
    const b = all({ ...BASE, seed: 12 });
    assert.equal(a.length, b.length);
    assert.notEqual(JSON.stringify(a.slice(0, 50)), JSON.stringify(b.slice(0, 50)));
  });

  it('emits records in event-time order, inside the span', () => {
    const records = all({ ...BASE, span_ms: 3 * DAY, events: 20_000 });
    let last = -Infinity;
    for (const r of records) {
      const ts = r.ts as number;
      assert.equal(typeof ts, 'number');
      assert.ok(ts >= last, 'time went back');
      assert.ok(ts >= START && ts < START + 3 * DAY);
      last = ts;
    }
  });

  it('honours the requested count, with and without the story', () => {
    for (const events of [500, 2345, 10_000]) {
      assert.equal(all({ ...BASE, events }).length, events);
      assert.equal(all({ ...BASE, events, attack: false }).length, events);
    }
    const storyOnly = scenarioGroundTruth(BASE).stories[0].record_indexes.length;
    assert.equal(all({ ...BASE, events: storyOnly }).length, storyOnly);
  });

  it('writes only the sources in the mix (the story keeps its own)', () => {
    const records = all({ ...BASE, mix: { netflow: 1 } });
    const truth = scenarioGroundTruth({ ...BASE, mix: { netflow: 1 } });
    const story = new Set(truth.stories[0].record_indexes);
    records.forEach((r, i) => {
      if (!story.has(i)) assert.deepEqual(r.logsource, { product: 'netflow' });
    });
    assert.ok(records.some((r, i) => story.has(i) && r.logsource?.product === 'aws'));
  });

  it('gives the same stream in batches', () => {
    const batches = [...generateScenarioBatches(BASE, 700)];
    assert.ok(batches.slice(0, -1).every((b) => b.length === 700));
    assert.ok(batches[batches.length - 1].length <= 700);
    assert.equal(JSON.stringify(batches.flat()), JSON.stringify(all(BASE)));
    assert.throws(() => generateScenarioBatches(BASE, 0), RangeError);
  });

  it('validates options when called, naming the option', () => {
    const rejects = (o: ScenarioOptionsInput, path: string) => {
      assert.throws(
        () => generateScenario(o),
        (e: unknown) => e instanceof ZodError && e.issues.some((i) => i.path.join('.') === path),
        `expected an error at ${path}`,
      );
    };
    rejects({ ...BASE, span_ms: STORY_DURATION_MS - 1 }, 'span_ms');
    rejects({ ...BASE, mix: { netflow: 0 } }, 'mix');
    rejects({ ...BASE, users: 0 }, 'users');
    rejects({ ...BASE, events: 1.5 }, 'events');
    rejects({ ...BASE, attack: false, attack_at_ms: [START] }, 'attack_at_ms');
    rejects({ ...BASE, attack_at_ms: [START + DAY - 1000] }, 'attack_at_ms.0');
    rejects({ ...BASE, attack_at_ms: [START, START + 1000] }, 'attack_at_ms.1');
    assert.throws(() => generateScenario({ ...BASE, colour: 'red' } as ScenarioOptionsInput), ZodError);
    assert.throws(() => generateScenario({ ...BASE, events: 10 }), /at least the attack stories/);
    assert.throws(() => generateScenario({ ...BASE, users: 1, attack_at_ms: [START, START + STORY_DURATION_MS] }), /engineers/);
  });

  it('accepts a short span without the story', () => {
    assert.equal(all({ ...BASE, span_ms: 60_000, attack: false, events: 100 }).length, 100);
  });
});

describe('resolveScenarioOptions', () => {
  it('fills defaults and places one story 60% into the span', () => {
    const o = resolveScenarioOptions({ start_ms: START });
    assert.equal(o.seed, 1);
    assert.equal(o.span_ms, DAY);
    assert.equal(o.events, 100_000);
    assert.equal(o.users, 40);
    assert.deepEqual(o.attack_at_ms, [START + Math.floor((DAY - STORY_DURATION_MS) * 0.6)]);
    assert.ok(Math.abs(Object.values(o.mix).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });

  it('replaces the whole mix when one is given', () => {
    const o = resolveScenarioOptions({ start_ms: START, mix: { zeek_dns: 2 } });
    assert.deepEqual(o.mix, { netflow: 0, zeek_dns: 2, windows_sysmon: 0, windows_security: 0, linux_auth: 0, aws_cloudtrail: 0 });
  });
});
