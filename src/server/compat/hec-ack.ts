/**
 * Indexer acknowledgement for HEC (Splunk's "useACK"): each request on a channel gets the next
 * ackId of that channel; the id is marked done once the pipeline has stored the batch, and a
 * status query answers true once, then forgets the id (as Splunk does). Memory is bounded: the
 * least recently used channels and the oldest unqueried ids are forgotten first.
 */
export class HecAckRegistry {
  private readonly channels = new Map<string, { next: number; done: Set<number> }>();

  constructor(
    private readonly maxChannels = 1000,
    private readonly maxIdsPerChannel = 10_000,
  ) {}

  /** Reserves the ackId a request on this channel will carry. */
  reserve(channel: string): number {
    const ch = this.touch(channel);
    return ch.next++;
  }

  /** Marks an ackId stored. */
  complete(channel: string, ackId: number): void {
    const ch = this.touch(channel);
    ch.done.add(ackId);
    if (ch.done.size > this.maxIdsPerChannel) {
      const oldest = ch.done.values().next().value;
      if (oldest !== undefined) ch.done.delete(oldest);
    }
  }

  /** `{"0":true,"1":false}`: true for stored ids, each reported true only once. */
  query(channel: string, ackIds: number[]): Record<string, boolean> {
    const ch = this.channels.get(channel);
    const out: Record<string, boolean> = {};
    for (const id of ackIds) {
      const done = ch?.done.has(id) ?? false;
      if (done) ch?.done.delete(id);
      out[String(id)] = done;
    }
    return out;
  }

  private touch(channel: string): { next: number; done: Set<number> } {
    let ch = this.channels.get(channel);
    if (ch) this.channels.delete(channel);
    else ch = { next: 0, done: new Set() };
    this.channels.set(channel, ch);
    if (this.channels.size > this.maxChannels) {
      const lru = this.channels.keys().next().value;
      if (lru !== undefined) this.channels.delete(lru);
    }
    return ch;
  }
}
