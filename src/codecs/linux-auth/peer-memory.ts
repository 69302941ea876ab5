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

/** The entry is the remembered peer itself: remembering a known pid again allocates nothing. */
interface Entry extends RememberedPeer {
  program: string;
  host: string;
  pid: string;
  byPid: Map<string, Entry>;
  older: Entry | undefined;
  newer: Entry | undefined;
}

/**
 * Entries are found through nested maps (program → host → pid) rather than one map keyed by
 * the three joined: joining builds a new string per message that the map must flatten and
 * hash, which cost four times the lookups themselves (every sshd line goes through here).
 * Least-recently-remembered order is a linked list beside the maps, so remembering a known
 * pid is a few lookups and pointer moves instead of a delete and re-insert.
 */
export class PeerMemory {
  private readonly programs = new Map<string, Map<string, Map<string, Entry>>>();
  private count = 0;
  private oldest: Entry | undefined;
  private newest: Entry | undefined;

  constructor(private readonly maxEntries = 16_384) {}

  remember(host: string | undefined, program: string, pid: string, address: string, port: number | undefined): void {
    let hosts = this.programs.get(program);
    if (!hosts) this.programs.set(program, (hosts = new Map()));
    const hostKey = host ?? '';
    let byPid = hosts.get(hostKey);
    if (!byPid) hosts.set(hostKey, (byPid = new Map()));
    let e = byPid.get(pid);
    if (e) {
      e.address = address;
      e.port = port;
      this.unlink(e);
    } else {
      if (this.count >= this.maxEntries && this.oldest) this.forget(this.oldest);
      e = { address, port, program, host: hostKey, pid, byPid, older: undefined, newer: undefined };
      byPid.set(pid, e);
      this.count++;
    }
    e.older = this.newest;
    if (this.newest) this.newest.newer = e;
    this.newest = e;
    this.oldest ??= e;
  }

  recall(host: string | undefined, program: string, pid: string): RememberedPeer | undefined {
    return this.programs.get(program)?.get(host ?? '')?.get(pid);
  }

  get size(): number {
    return this.count;
  }

  /** Drops an entry, and the maps it leaves empty: host names are the sender's to invent, so they must not pile up. */
  private forget(e: Entry): void {
    e.byPid.delete(e.pid);
    if (e.byPid.size === 0) {
      const hosts = this.programs.get(e.program)!;
      hosts.delete(e.host);
      if (hosts.size === 0) this.programs.delete(e.program);
    }
    this.count--;
    this.unlink(e);
  }

  private unlink(e: Entry): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = undefined;
  }
}
