/**
 * sshd logs several lines per connection under one pid, and only some carry the peer address
 * (`Connection from A port P`, `Failed … from A`); `Disconnecting: Too many authentication
 * failures`, `kex_exchange_identification: …` or `Unable to negotiate …` do not. This remembers
 * the last address seen per (host, program, pid) so such lines still name their source, as a
 * reader of the log would. It is explicit state owned by the caller (one per source), bounded
 * (least recently used entries are forgotten), so the classifier itself stays a pure function.
 */
export interface RememberedPeer {
  address: string;
  port?: number;
}

interface Entry {
  key: string;
  peer: RememberedPeer;
  older: Entry | undefined;
  newer: Entry | undefined;
}

/**
 * Least-recently-remembered order is a linked list beside the map, so remembering a known
 * pid (most sshd lines) is one lookup and a few pointer moves instead of a delete and re-insert.
 */
export class PeerMemory {
  private readonly peers = new Map<string, Entry>();
  private oldest: Entry | undefined;
  private newest: Entry | undefined;

  constructor(private readonly maxEntries = 16_384) {}

  static key(host: string | undefined, program: string, pid: string): string {
    return `${host ?? ''}\u0000${program}\u0000${pid}`;
  }

  remember(key: string, peer: RememberedPeer): void {
    let e = this.peers.get(key);
    if (e) {
      e.peer = peer;
      this.unlink(e);
    } else {
      if (this.peers.size >= this.maxEntries && this.oldest) {
        this.peers.delete(this.oldest.key);
        this.unlink(this.oldest);
      }
      e = { key, peer, older: undefined, newer: undefined };
      this.peers.set(key, e);
    }
    e.older = this.newest;
    if (this.newest) this.newest.newer = e;
    this.newest = e;
    this.oldest ??= e;
  }

  recall(key: string): RememberedPeer | undefined {
    return this.peers.get(key)?.peer;
  }

  get size(): number {
    return this.peers.size;
  }

  private unlink(e: Entry): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = undefined;
  }
}
