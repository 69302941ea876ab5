/**
 * Literals anchored at one end of a value: whole values and prefixes (walked from the first
 * character) or suffixes (walked back from the last). A walk costs the length of the longest
 * literal the value starts (ends) with, not the value's length, and never allocates: the value
 * is folded to lower case one character at a time, as the Aho-Corasick automaton does.
 *
 * Most Sigma values are anchored (`Image|endswith: '\\whoami.exe'`, whole `EventID`s), so this
 * keeps the bulk of a route's literals out of the substring scans.
 *
 * Layout: the root's children in a table by ASCII code (the first step is the only one with
 * many choices), every other node's children as a short run of (character, child) edges. A walk
 * follows one path through thousands of literals, so the trie is kept small (a few bytes per
 * edge) rather than a dense table with a row per node, most of whose rows would miss the cache.
 */
import { foldUnit } from './fold.js';

export type Anchor = 'prefix' | 'suffix';

export class AnchoredTrie {
  /** The root's child per ASCII code (both cases), 0 for none (the root is nobody's child). */
  private readonly rootAscii = new Int32Array(128);
  /** Node → its first edge; its edges end where the next node's begin. */
  private readonly edgeStart: Int32Array;
  /** Edges: the (lower-case) character and the child it leads to. */
  private readonly edgeChar: Uint16Array;
  private readonly edgeChild: Int32Array;
  /** Node → 1 when reaching it reports `partial` payloads, 2 when only `whole`, 3 both, 0 none. */
  private readonly report: Uint8Array;
  /** Payloads reported when the walk reaches a node (prefix / suffix literals). */
  private readonly partial: Array<number[] | null> = [null];
  /** Payloads reported when the walk reaches a node with the whole value consumed (whole values). */
  private readonly whole: Array<number[] | null> = [null];

  /**
   * `literals`: lower-cased, non-empty; `wholeValue` marks the ones that must span the entire
   * value (only meaningful for 'prefix' tries); `payloads[i]` are the ids reported for literal i.
   */
  constructor(
    readonly anchor: Anchor,
    literals: readonly string[],
    payloads: ReadonlyArray<readonly number[]>,
    wholeValue: readonly boolean[],
  ) {
    // Built with a map per node, then laid out as edge runs.
    const children: Array<Map<number, number>> = [new Map()];
    literals.forEach((lit, id) => {
      let s = 0;
      for (let k = 0; k < lit.length; k++) {
        const c = lit.charCodeAt(anchor === 'prefix' ? k : lit.length - 1 - k);
        let t = children[s].get(c);
        if (t === undefined) {
          t = children.push(new Map()) - 1;
          this.partial.push(null);
          this.whole.push(null);
          children[s].set(c, t);
        }
        s = t;
      }
      const outs = wholeValue[id] ? this.whole : this.partial;
      const o = (outs[s] ??= []);
      for (const x of payloads[id]) if (!o.includes(x)) o.push(x);
    });
    const n = children.length;
    let edges = 0;
    for (const m of children) edges += m.size;
    this.edgeStart = new Int32Array(n + 1);
    this.edgeChar = new Uint16Array(edges);
    this.edgeChild = new Int32Array(edges);
    this.report = new Uint8Array(n);
    let e = 0;
    for (let s = 0; s < n; s++) {
      this.edgeStart[s] = e;
      for (const [c, t] of children[s]) {
        this.edgeChar[e] = c;
        this.edgeChild[e++] = t;
      }
      this.report[s] = (this.partial[s] !== null ? 1 : 0) | (this.whole[s] !== null ? 2 : 0);
    }
    this.edgeStart[n] = e;
    // Upper-case ASCII steps like lower case: the value is never lower-cased as a whole.
    for (const [c, t] of children[0]) {
      if (c >= 128) continue;
      this.rootAscii[c] = t;
      if (c >= 97 && c <= 122) this.rootAscii[c - 32] = t;
    }
  }

  /** One folded step from a node other than the root; 0 when no literal continues with it. */
  private step(s: number, code: number): number {
    const c = code < 128 ? (code >= 65 && code <= 90 ? code + 32 : code) : foldUnit(code);
    const end = this.edgeStart[s + 1];
    for (let e = this.edgeStart[s]; e < end; e++) if (this.edgeChar[e] === c) return this.edgeChild[e];
    return 0;
  }

  /** Adds the payloads of every literal anchored in `text` to `out`, each once (see AhoCorasick.collect). */
  collect(text: string, marks: Uint32Array, epoch: number, out: Int32Array, count: number): number {
    const n = text.length;
    if (n === 0) return count;
    const fwd = this.anchor === 'prefix';
    const first = text.charCodeAt(fwd ? 0 : n - 1);
    let s = first < 128 ? this.rootAscii[first] : this.step(0, first);
    for (let k = 0; ; ) {
      if (s === 0) return count;
      const r = this.report[s];
      if (r !== 0) {
        if ((r & 1) !== 0) count = add(this.partial[s]!, marks, epoch, out, count);
        if ((r & 2) !== 0 && k === n - 1) count = add(this.whole[s]!, marks, epoch, out, count);
      }
      if (++k === n) return count;
      s = this.step(s, text.charCodeAt(fwd ? k : n - 1 - k));
    }
  }
}

function add(ids: number[], marks: Uint32Array, epoch: number, out: Int32Array, count: number): number {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (marks[id] !== epoch) {
      marks[id] = epoch;
      out[count++] = id;
    }
  }
  return count;
}
