/**
 * Per-correlation state, keyed by the group-by values (so the key space can be partitioned
 * across workers: a group's state never depends on another group). Bounded: at most
 * `maxGroups` groups (least recently updated evicted first) and `maxEntries` entries per group
 * (oldest dropped first); both are counted.
 */
import type { CorrelationEntry, CorrelationStats } from './types.js';

export interface Group {
  key: string;
  values: unknown[];
  /** Sliding mode: entries in time order. */
  entries: CorrelationEntry[];
  /** Tumbling mode: bucket index → entries in time order. */
  buckets: Map<number, CorrelationEntry[]>;
}

export class GroupTable {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly maxGroups: number,
    private readonly maxEntries: number,
    private readonly stats: CorrelationStats,
  ) {}

  get size(): number {
    return this.groups.size;
  }

  /** The group for `key`, created if needed, and marked most recently used. */
  touch(key: string, values: unknown[]): Group {
    let g = this.groups.get(key);
    if (g) {
      this.groups.delete(key);
      this.groups.set(key, g);
      return g;
    }
    if (this.groups.size >= this.maxGroups) {
      const oldest = this.groups.keys().next().value as string;
      const evicted = this.groups.get(oldest)!;
      this.stats.entries -= countEntries(evicted);
      this.groups.delete(oldest);
      this.stats.evictedGroups++;
    }
    g = { key, values, entries: [], buckets: new Map() };
    this.groups.set(key, g);
    return g;
  }

  get(key: string): Group | undefined {
    return this.groups.get(key);
  }

  delete(key: string): void {
    const g = this.groups.get(key);
    if (!g) return;
    this.stats.entries -= countEntries(g);
    this.groups.delete(key);
  }

  all(): IterableIterator<Group> {
    return this.groups.values();
  }

  /** Insert keeping time order (usually at the end), then enforce the per-group bound. */
  insert(list: CorrelationEntry[], e: CorrelationEntry): number {
    let i = list.length;
    while (i > 0 && list[i - 1].ts > e.ts) i--;
    list.splice(i, 0, e);
    this.stats.entries++;
    if (list.length > this.maxEntries) {
      list.shift();
      this.stats.entries--;
      this.stats.truncatedEntries++;
      i--;
    }
    return i;
  }
}

function countEntries(g: Group): number {
  let n = g.entries.length;
  for (const b of g.buckets.values()) n += b.length;
  return n;
}
