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

export class PeerMemory {
  private readonly peers = new Map<string, RememberedPeer>();

  constructor(private readonly maxEntries = 16_384) {}

  static key(host: string | undefined, program: string, pid: string): string {
    return `${host ?? ''}\u0000${program}\u0000${pid}`;
  }

  remember(key: string, peer: RememberedPeer): void {
    this.peers.delete(key);
    if (this.peers.size >= this.maxEntries) this.peers.delete(this.peers.keys().next().value as string);
    this.peers.set(key, peer);
  }

  recall(key: string): RememberedPeer | undefined {
    return this.peers.get(key);
  }

  get size(): number {
    return this.peers.size;
  }
}
