/**
 * Aho-Corasick automaton. One pass over a field value finds every pattern it contains, so the
 * literals of thousands of rules cost one scan per field instead of one scan per rule.
 *
 * ASCII steps go through a dense DFA table over a reduced alphabet (each ASCII character that
 * occurs in some pattern is a class; every other ASCII character is class 0, which leads back
 * to the root). Non-ASCII characters, rare in event data but common in homoglyph rule lists,
 * step through the sparse trie and its failure links instead, so they do not widen the table.
 */
export class AhoCorasick {
  readonly width: number;
  private readonly table: Int32Array;
  /** For each state, the payload ids of the patterns ending there (via suffix links too), or null. */
  private readonly outputs: Array<number[] | null>;
  private readonly asciiClass = new Uint16Array(128);
  private readonly children: Array<Map<number, number>>;
  private readonly fail: Int32Array;
  private readonly foldCase: boolean;
  private readonly foldCache = new Map<number, number>();

  /**
   * Patterns must already be in the case the scanned text will be in. `payloads[i]` are the
   * ids reported for pattern i (default: [i]).
   */
  constructor(patterns: readonly string[], payloads?: ReadonlyArray<readonly number[]>, opts: { foldCase?: boolean } = {}) {
    this.foldCase = opts.foldCase ?? false;
    const classChar: number[] = [-1];
    const children: Array<Map<number, number>> = [new Map()];
    const out: Array<number[] | null> = [null];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const code = p.charCodeAt(i);
        if (code < 128 && this.asciiClass[code] === 0) {
          this.asciiClass[code] = classChar.length;
          classChar.push(code);
        }
        let nxt = children[s].get(code);
        if (nxt === undefined) {
          nxt = children.length;
          children.push(new Map());
          out.push(null);
          children[s].set(code, nxt);
        }
        s = nxt;
      }
      const o = (out[s] ??= []);
      for (const x of payloads?.[id] ?? [id]) if (!o.includes(x)) o.push(x);
    });
    const width = classChar.length;
    const n = children.length;
    const table = new Int32Array(n * width);
    const fail = new Int32Array(n);
    this.children = children;
    this.fail = fail;
    const queue: number[] = [0];
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      const f = fail[s];
      if (s !== 0 && out[f]) out[s] = out[s] ? [...new Set([...out[s]!, ...out[f]!])] : out[f];
      for (let cls = 1; cls < width; cls++) {
        const child = children[s].get(classChar[cls]);
        const viaFail = s === 0 ? 0 : table[f * width + cls];
        if (child !== undefined) {
          fail[child] = viaFail;
          table[s * width + cls] = child;
          queue.push(child);
        } else table[s * width + cls] = viaFail;
      }
      for (const [code, child] of children[s]) {
        if (code < 128) continue;
        fail[child] = s === 0 ? 0 : this.wideStep(f, code);
        queue.push(child);
      }
    }
    if (this.foldCase) {
      // Lower-case patterns, text scanned as is: A-Z step like a-z (no per-event toLowerCase).
      for (let c = 65; c <= 90; c++) this.asciiClass[c] = this.asciiClass[c + 32];
    }
    this.width = width;
    this.table = table;
    this.outputs = out;
  }

  get states(): number {
    return this.outputs.length;
  }

  /** Transition on a non-ASCII character through the trie and failure links. */
  private wideStep(s: number, raw: number): number {
    const code = this.foldCase ? this.fold(raw) : raw;
    for (;;) {
      const nx = this.children[s].get(code);
      if (nx !== undefined) return nx;
      if (s === 0) return 0;
      s = this.fail[s];
    }
  }

  /**
   * The lower case of one character (its first UTF-16 unit when lower-casing yields more, as for
   * U+0130; patterns never contain the extra units, see prefilter.ts).
   */
  private fold(code: number): number {
    let f = this.foldCache.get(code);
    if (f === undefined) {
      f = String.fromCharCode(code).toLowerCase().charCodeAt(0);
      if (this.foldCache.size < 4096) this.foldCache.set(code, f);
    }
    return f;
  }

  private step(s: number, code: number): number {
    return code < 128 ? this.table[s * this.width + this.asciiClass[code]] : this.wideStep(s, code);
  }

  /** Does the text contain any pattern? (stops at the first) */
  test(text: string): boolean {
    const { table, width, outputs, asciiClass } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      s = code < 128 ? table[s * width + asciiClass[code]] : this.wideStep(s, code);
      if (outputs[s] !== null) return true;
    }
    return false;
  }

  /**
   * Adds the payload ids of every pattern the text contains to `out` (from `count` on), each
   * once: `marks[id] === epoch` records what is already there. Returns the new count.
   */
  collect(text: string, marks: Uint32Array, epoch: number, out: Int32Array, count: number): number {
    const { table, width, outputs, asciiClass } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      s = code < 128 ? table[s * width + asciiClass[code]] : this.wideStep(s, code);
      const o = outputs[s];
      if (o !== null) {
        for (let k = 0; k < o.length; k++) {
          const id = o[k];
          if (marks[id] !== epoch) {
            marks[id] = epoch;
            out[count++] = id;
          }
        }
      }
    }
    return count;
  }

  /** Calls onMatch(payloadId) for every pattern occurrence end (an id may be reported more than once). */
  scan(text: string, onMatch: (id: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = this.step(s, text.charCodeAt(i));
      const o = this.outputs[s];
      if (o !== null) for (let k = 0; k < o.length; k++) onMatch(o[k]);
    }
  }
}
