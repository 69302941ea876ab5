/**
 * The scenario generator behind `vigil demo` and the benchmarks: normal multi-source traffic
 * over a span with the attack stories merged in, as a stream of NormalizedRecords in event-time
 * order, plus the ground truth of where the stories are.
 *
 * Deterministic: the output is a pure function of the options (seed included). Nothing reads
 * the clock or Math.random. Streaming: memory stays flat whatever the event count; only the
 * stories' few hundred records are prepared ahead.
 */
import type { NormalizedRecord } from '../core/event.js';
import { EventClock } from './event-clock.js';
import { storyEntities, storyTruth, type ScenarioGroundTruth } from './ground-truth.js';
import { NormalTraffic } from './normal/normal-traffic.js';
import { resolveScenarioOptions, type ScenarioOptions, type ScenarioOptionsInput } from './options.js';
import { Prng } from './prng.js';
import { assignEventRecordId, EventRecordIds } from './sources/windows-event.js';
import { buildStory } from './story/attack-story.js';
import { castStories, type StoryCast } from './story/cast.js';
import type { StoryEntry } from './story/steps.js';
import { AD_DOMAIN, buildWorld, type DemoWorld } from './world.js';

interface PlannedStory {
  cast: StoryCast;
  entries: StoryEntry[];
}

interface ScenarioPlan {
  options: ScenarioOptions;
  world: DemoWorld;
  stories: PlannedStory[];
  /** Every story entry in event-time order, with the index of its story. */
  merged: { entry: StoryEntry; story: number }[];
  normal_count: number;
}

function planScenario(input: ScenarioOptionsInput): ScenarioPlan {
  const options = resolveScenarioOptions(input);
  const world = buildWorld(options.seed, options.users, options.linux_servers);
  const casts = castStories(world, new Prng(options.seed, 'cast'), options.attack_at_ms.length);
  const stories = casts.map((cast, i) => ({ cast, entries: buildStory(world, cast, options.attack_at_ms[i], options.seed) }));
  const merged = stories.flatMap((s, story) => s.entries.map((entry) => ({ entry, story })));
  merged.sort((a, b) => a.entry.ts - b.entry.ts);
  if (merged.length > options.events) {
    throw new RangeError(`events (${options.events}) must be at least the attack stories' ${merged.length} records`);
  }
  return { options, world, stories, merged, normal_count: options.events - merged.length };
}

function clockFor(plan: ScenarioPlan): EventClock {
  const o = plan.options;
  return new EventClock(o.start_ms, o.span_ms, plan.normal_count, o.seed);
}

/**
 * One pass over a plan: merges the story entries into the normal stream. Fills caller-owned
 * arrays so the hot loop has no per-record generator step.
 */
class ScenarioRun {
  private readonly recordIds = new EventRecordIds();
  private readonly normal: NormalTraffic;
  private readonly clock: EventClock;
  private story = 0;
  /** The next normal event time, drawn but not yet used (NaN when none is pending). */
  private pendingTs = Number.NaN;

  constructor(private readonly plan: ScenarioPlan) {
    this.normal = new NormalTraffic(plan.world, plan.options, plan.normal_count, this.recordIds);
    this.clock = clockFor(plan);
  }

  /** Appends up to `max` records to `out`; returns how many (0 when the run is over). */
  fill(out: NormalizedRecord[], max: number): number {
    const merged = this.plan.merged;
    let added = 0;
    while (added < max) {
      if (Number.isNaN(this.pendingTs) && this.clock.remaining > 0) this.pendingTs = this.clock.next();
      const next = this.story < merged.length ? merged[this.story].entry : undefined;
      // At equal times the story record goes first; scenarioGroundTruth uses the same rule.
      if (next !== undefined && (Number.isNaN(this.pendingTs) || next.ts <= this.pendingTs)) {
        // Windows logs number records in the order they are written, so story records get theirs here.
        if (next.record.logsource?.product === 'windows') assignEventRecordId(next.record, this.recordIds);
        out.push(next.record);
        this.story++;
      } else if (!Number.isNaN(this.pendingTs)) {
        out.push(this.normal.record(this.pendingTs));
        this.pendingTs = Number.NaN;
      } else {
        break;
      }
      added++;
    }
    return added;
  }
}

const INTERNAL_BATCH = 1024;

/**
 * The scenario's records, one at a time, in event-time order. Options are validated now
 * (throws ZodError or RangeError); records are made as they are pulled.
 */
export function generateScenario(input: ScenarioOptionsInput): Generator<NormalizedRecord, void, undefined> {
  const run = new ScenarioRun(planScenario(input));
  return (function* records() {
    const buffer: NormalizedRecord[] = [];
    while (run.fill(buffer, INTERNAL_BATCH) > 0) {
      for (let i = 0; i < buffer.length; i++) yield buffer[i];
      buffer.length = 0;
    }
  })();
}

/** The same stream in arrays of up to `batch_size` records (fresh arrays, owned by the caller). */
export function generateScenarioBatches(input: ScenarioOptionsInput, batch_size = 1000): Generator<NormalizedRecord[], void, undefined> {
  if (!Number.isInteger(batch_size) || batch_size < 1) throw new RangeError('batch_size must be a positive integer');
  const run = new ScenarioRun(planScenario(input));
  return (function* batches() {
    for (;;) {
      const batch: NormalizedRecord[] = [];
      if (run.fill(batch, batch_size) === 0) return;
      yield batch;
    }
  })();
}

/**
 * Where the attack stories are in the stream generateScenario produces for the same options,
 * computed without generating the normal records (it replays only the clock).
 */
export function scenarioGroundTruth(input: ScenarioOptionsInput): ScenarioGroundTruth {
  const plan = planScenario(input);
  const clock = clockFor(plan);
  const positions = new Array<number>(plan.merged.length);
  let emitted = 0;
  let s = 0;
  for (let i = 0; i < plan.normal_count; i++) {
    const ts = clock.next();
    while (s < plan.merged.length && plan.merged[s].entry.ts <= ts) positions[s++] = emitted++;
    emitted++;
  }
  while (s < plan.merged.length) positions[s++] = emitted++;

  const perStory = plan.stories.map(() => [] as number[]);
  plan.merged.forEach((m, i) => perStory[m.story].push(positions[i]));
  return {
    options: plan.options,
    total_records: plan.options.events,
    normal_records: plan.normal_count,
    stories: plan.stories.map((story, i) =>
      storyTruth(story.cast.story_id, storyEntities(story.cast, plan.world.bastion, AD_DOMAIN), story.entries, perStory[i]),
    ),
  };
}
