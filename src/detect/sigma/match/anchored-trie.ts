/**
 * Literals anchored at one end of a value: whole values and prefixes (walked from the first
 * character) or suffixes (walked back from the last). A walk costs the length of the longest
 * literal the value starts (ends) with, not the value's length, and never allocates: the value
 * is folded to lower case one character at a time, as the Aho-Corasick automaton does.
 *
 * Most Sigma values are anchored (`Image|endswith: '\\whoami.exe'`, whole `EventID`s), so this
 * keeps the bulk of a route's literals out of the substring scans.
 */
import { foldUnit } from './fold.js';

export type Anchor = 'prefix' | 'suffix';

export class AnchoredTrie {
  private readonly asciiClass = new Uint8Array(128);
  private width = 1;
  /** Child per (node, ASCII class), 0 when there is none (the root is nobody's child). */
  private next = new Int32Array(0);
  /** Children on non-ASCII characters, per node (rare: homoglyph lists). */
  private readonly wide: Array<Map<number, number> | undefined> = [];
  /** Payloads reported when the walk reaches a node (prefix / suffix literals). */
  private readonly partial: Array<number[] | null> = [];
  /** Payloads reported when the walk reaches a node with the whole value consumed (whole values). */
  private readonly whole: Array<number[] | null> = [];

  /**
   * `literals`: lower-cased, non-empty; `whole` marks the ones that must span the entire value
   * (only meaningful for 'prefix' tries); `payloads[i]` are the ids reported for literal i.
   */
  constructor(
    readonly anchor: Anchor,
    literals: readonly string[],
    payloads: ReadonlyArray<readonly number[]>,
    wholeValue: readonly boolean[],
  ) {
    const classes: number[] = [];
    for (const lit of literals) {
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        if (c < 128 && this.asciiClass[c] === 0) this.asciiClass[c] = classes.push(c);
      }
    }
    const width = (this.width = classes.length + 1);
    let next = new Int32Array(64 * width);
    let n = 1;
    this.partial.push(null);
    this.whole.push(null);
    literals.forEach((lit, id) => {
      let s = 0;
      for (let k = 0; k < lit.length; k++) {
        const c = lit.charCodeAt(anchor === 'prefix' ? k : lit.length - 1 - k);
        let t = c < 128 ? next[s * width + this.asciiClass[c]] : (this.wide[s]?.get(c) ?? 0);
        if (t === 0) {
          t = n++;
          if (n * width > next.length) {
            const grown = new Int32Array(next.length * 2);
            grown.set(next);
            next = grown;
          }
          this.partial.push(null);
          this.whole.push(null);
          if (c < 128) next[s * width + this.asciiClass[c]] = t;
          else (this.wide[s] ??= new Map()).set(c, t);
        }
        s = t;
      }
      const outs = wholeValue[id] ? this.whole : this.partial;
      const o = (outs[s] ??= []);
      for (const x of payloads[id]) if (!o.includes(x)) o.push(x);
    });
    this.next = next.subarray(0, n * width);
    // Upper-case ASCII steps like lower case: the value is never lower-cased as a whole.
    for (let c = 65; c <= 90; c++) this.asciiClass[c] = this.asciiClass[c + 32];
  }

  /** One folded step; 0 when no literal continues with this character. */
  private step(s: number, code: number): number {
    if (code >= 128) {
      code = foldUnit(code);
      // Some characters fold into ASCII (the Kelvin sign to k): those step through the table.
      if (code >= 128) return this.wide[s]?.get(code) ?? 0;
    }
    const cls = this.asciiClass[code];
    return cls === 0 ? 0 : this.next[s * this.width + cls];
  }

  /** Adds the payloads of every literal anchored in `text` to `out`, each once (see AhoCorasick.collect). */
  collect(text: string, marks: Uint32Array, epoch: number, out: Int32Array, count: number): number {
    const n = text.length;
    const fwd = this.anchor === 'prefix';
    let s = 0;
    for (let k = 0; k < n; k++) {
      s = this.step(s, text.charCodeAt(fwd ? k : n - 1 - k));
      if (s === 0) return count;
      const p = this.partial[s];
      if (p !== null) count = add(p, marks, epoch, out, count);
      if (k === n - 1) {
        const w = this.whole[s];
        if (w !== null) count = add(w, marks, epoch, out, count);
      }
    }
    return count;
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
