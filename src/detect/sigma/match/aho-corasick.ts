/**
 * Aho-Corasick automaton compiled to a dense DFA over a reduced alphabet: every character that
 * occurs in some pattern gets a class, every other character is class 0 (which can only lead
 * back towards the root). One pass over a field value reports every pattern it contains, so the
 * literals of thousands of rules cost one scan per field instead of one scan per rule.
 */
export class AhoCorasick {
  private readonly width: number;
  private readonly table: Int32Array;
  /** For each state, the pattern ids ending there (including via suffix links), or null. */
  private readonly outputs: Array<number[] | null>;
  private readonly asciiClass = new Uint16Array(128);
  private readonly otherClass = new Map<number, number>();

  /** Patterns must already be in the case the scanned text will be in. */
  constructor(patterns: readonly string[]) {
    let classes = 1;
    const classOf = (code: number): number => {
      if (code < 128) {
        if (this.asciiClass[code] === 0) this.asciiClass[code] = classes++;
        return this.asciiClass[code];
      }
      let c = this.otherClass.get(code);
      if (c === undefined) {
        c = classes++;
        this.otherClass.set(code, c);
      }
      return c;
    };
    // Trie with sparse children first.
    const children: Array<Map<number, number>> = [new Map()];
    const out: Array<number[] | null> = [null];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const cls = classOf(p.charCodeAt(i));
        let nxt = children[s].get(cls);
        if (nxt === undefined) {
          nxt = children.length;
          children.push(new Map());
          out.push(null);
          children[s].set(cls, nxt);
        }
        s = nxt;
      }
      (out[s] ??= []).push(id);
    });
    const width = classes;
    const n = children.length;
    const table = new Int32Array(n * width);
    const fail = new Int32Array(n);
    // Breadth-first: fill the DFA transitions and merge outputs along failure links.
    const queue: number[] = [];
    for (let cls = 0; cls < width; cls++) {
      const nxt = children[0].get(cls);
      if (nxt !== undefined) {
        table[cls] = nxt;
        fail[nxt] = 0;
        queue.push(nxt);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      const f = fail[s];
      if (out[f]) out[s] = out[s] ? [...out[s]!, ...out[f]!] : out[f];
      for (let cls = 0; cls < width; cls++) {
        const nxt = children[s].get(cls);
        if (nxt !== undefined) {
          fail[nxt] = table[f * width + cls];
          table[s * width + cls] = nxt;
          queue.push(nxt);
        } else {
          table[s * width + cls] = table[f * width + cls];
        }
      }
    }
    this.width = width;
    this.table = table;
    this.outputs = out;
  }

  get states(): number {
    return this.outputs.length;
  }

  /** Calls onMatch(patternId) for every pattern occurrence end (a pattern may be reported more than once). */
  scan(text: string, onMatch: (id: number) => void): void {
    const { table, width, outputs, asciiClass, otherClass } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const cls = code < 128 ? asciiClass[code] : (otherClass.get(code) ?? 0);
      s = table[s * width + cls];
      const o = outputs[s];
      if (o !== null) for (let k = 0; k < o.length; k++) onMatch(o[k]);
    }
  }
}
