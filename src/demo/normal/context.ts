/**
 * State shared by the normal-activity generators of one run: the world, the record context,
 * Windows record numbering, and the failure rates derived from the run's size.
 */
import type { RecordContext } from '../sources/context.js';
import type { EventRecordIds } from '../sources/windows-event.js';
import type { DemoWorld } from '../world.js';

export interface NormalContext {
  ctx: RecordContext;
  world: DemoWorld;
  record_ids: EventRecordIds;
  /**
   * Probability that a normal SSH login, or a Windows logon, fails. Derived from the run so that
   * failures stay at a human rate (a couple of typos per user per day) whatever the event count:
   * a fixed share of 10 million events would look like brute force.
   */
  linux_failure_p: number;
  windows_failure_p: number;
}

/** An ephemeral client port (IANA dynamic range, what Windows and modern Linux use). */
export function ephemeralPort(n: NormalContext): number {
  return n.ctx.rng.range(49152, 65535);
}

/** A Windows process id (always a multiple of 4). */
export function windowsPid(n: NormalContext): number {
  return 4 * n.ctx.rng.range(100, 16000);
}

/** A Linux process id. */
export function linuxPid(n: NormalContext): number {
  return n.ctx.rng.range(1000, 399999);
}
