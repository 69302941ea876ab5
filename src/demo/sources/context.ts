/**
 * What every record builder needs: a random stream for the details that vary per record
 * (ports, pids, GUIDs) and the time formatter. Passed in, never global, so two generators can
 * run side by side and each stays deterministic.
 */
import type { Prng } from '../prng.js';
import type { TimeFormatter } from '../time-format.js';

export interface RecordContext {
  rng: Prng;
  time: TimeFormatter;
}
