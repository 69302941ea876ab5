/**
 * The entities of recent events that fed a correlation, so that a correlation detection names
 * its users, hosts and addresses. Bounded: the oldest entries go first.
 */
import type { Entities } from '../detection.js';

export class EntityMemory {
  private readonly map = new Map<string, Entities>();

  constructor(private readonly max: number) {}

  remember(id: string, entities: Entities): void {
    this.map.delete(id);
    this.map.set(id, entities);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  get(id: string): Entities | undefined {
    return this.map.get(id);
  }
}
