/**
 * A binary prefix trie over address bits: the networks (CIDRs) of the indicator feeds, one
 * trie per IP version. A lookup walks at most 32 (IPv4) or 128 (IPv6) bits and collects every
 * network on the way, so nested networks from different feeds all match. Hash sets cannot do
 * this; a sorted range list could, but overlapping ranges from several feeds make it awkward.
 */

interface TrieNode<T> {
  zero?: TrieNode<T>;
  one?: TrieNode<T>;
  values?: T[];
}

export class PrefixTrie<T> {
  private readonly root: TrieNode<T> = {};
  size = 0;

  insert(bytes: Uint8Array, prefix: number, value: T): void {
    let node = this.root;
    for (let bit = 0; bit < prefix; bit++) {
      const one = (bytes[bit >> 3] >> (7 - (bit & 7))) & 1;
      node = one ? (node.one ??= {}) : (node.zero ??= {});
    }
    (node.values ??= []).push(value);
    this.size++;
  }

  /** Every value whose network contains `bytes`, shortest prefix first. */
  lookup(bytes: Uint8Array): T[] {
    let out: T[] | undefined;
    let node: TrieNode<T> | undefined = this.root;
    const bits = bytes.length * 8;
    for (let bit = 0; node; bit++) {
      if (node.values) (out ??= []).push(...node.values);
      if (bit === bits) break;
      node = (bytes[bit >> 3] >> (7 - (bit & 7))) & 1 ? node.one : node.zero;
    }
    return out ?? [];
  }

  /** The same walk for an IPv4 address given as a 32-bit number (no byte array). */
  lookupUint32(addr: number): T[] {
    let out: T[] | undefined;
    let node: TrieNode<T> | undefined = this.root;
    for (let bit = 31; node; bit--) {
      if (node.values) (out ??= []).push(...node.values);
      if (bit < 0) break;
      node = (addr >>> bit) & 1 ? node.one : node.zero;
    }
    return out ?? [];
  }
}
