/**
 * One attack story's timeline, from the first sprayed password to the stopped trail, as
 * records sorted by event time. Built from its own random stream, so the story is identical
 * whatever the size and mix of the surrounding normal traffic.
 */
import { Prng } from '../prng.js';
import type { RecordContext } from '../sources/context.js';
import { TimeFormatter } from '../time-format.js';
import type { DemoWorld } from '../world.js';
import type { StoryCast } from './cast.js';
import { takeOverCloudAccount } from './cloud-takeover.js';
import { closeSshSession, rdpToWorkstation, sprayAndLogIn, type StoryWriter } from './intrusion.js';
import { beacon, runPayload, upload } from './payload.js';
import type { StoryEntry } from './steps.js';

/** Upper bound of one story's length; a story must fit in the span from its start. */
export const STORY_DURATION_MS = 2 * 60 * 60 * 1000;
/** Which beacon the upload follows: about half an hour after the implant starts. */
const UPLOAD_AFTER_BEACON = 35;

const MINUTE_MS = 60_000;

export function buildStory(world: DemoWorld, cast: StoryCast, start_ms: number, seed: number | string): StoryEntry[] {
  const ctx: RecordContext = { rng: new Prng(seed, cast.story_id), time: new TimeFormatter() };
  const { rng } = ctx;
  const entries: StoryEntry[] = [];
  const writer: StoryWriter = {
    ctx,
    world,
    cast,
    add(step, record) {
      entries.push({ ts: record.ts as number, record, step });
    },
  };

  const loginAt = sprayAndLogIn(writer, start_ms);
  const rdpAt = loginAt + rng.range(6 * MINUTE_MS, 10 * MINUTE_MS);
  const rdpLogonId = `0x${rng.range(0x1000000, 0xfffffff).toString(16)}`;
  const cradleAt = rdpAt + rng.range(90_000, 150_000);
  const implantAt = runPayload(writer, cradleAt, rdpLogonId);
  // The attacker leaves once the implant calls home; the RDP hop goes with the SSH session.
  const sessionEnd = cradleAt + rng.range(12 * MINUTE_MS, 16 * MINUTE_MS);
  rdpToWorkstation(writer, rdpAt, sessionEnd, rdpLogonId);
  closeSshSession(writer, loginAt, sessionEnd);
  const beacons = beacon(writer, implantAt + 15_000);
  const uploadEnd = upload(writer, beacons[UPLOAD_AFTER_BEACON] + 20_000);
  takeOverCloudAccount(writer, uploadEnd + rng.range(3 * MINUTE_MS, 6 * MINUTE_MS));

  // Stable sort: records at the same millisecond keep the order the story wrote them in.
  entries.sort((a, b) => a.ts - b.ts);
  const last = entries[entries.length - 1].ts;
  if (last - start_ms >= STORY_DURATION_MS) {
    throw new Error(`story ${cast.story_id} runs ${last - start_ms} ms, over STORY_DURATION_MS`);
  }
  return entries;
}
