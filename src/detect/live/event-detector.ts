/**
 * What a detector beside Sigma plugs into the live path with (behavioural analytics, threat
 * intel): it sees every event batch in arrival order and answers with detections.
 */
import type { VigilEvent } from '../../core/event.js';
import type { Detection } from '../detection.js';

export interface EventDetector {
  /** Stable name, for counters (`analytics`, `intel`). */
  readonly name: string;
  process(events: readonly VigilEvent[]): Detection[];
}
