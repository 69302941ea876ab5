/**
 * Aho-Corasick automaton. One pass over a field value finds every pattern it contains, so the
 * literals of thousands of rules cost one scan per field instead of one scan per rule.
 *
 * ASCII steps go through a dense DFA table over a reduced alphabet (each ASCII character that
 * occurs in some pattern is a class; every other ASCII character is class 0, which leads back
 * to the root). Non-ASCII characters, rare in event data but common in homoglyph rule lists,
 * step through the sparse trie and its failure links instead, so they do not widen the table.
 *
 * Most field values contain no pattern at all, and stepping a large DFA costs a few memory
 * loads per character. So a scan starts in a cheaper mode that skips text (Wu-Manber): with m
 * the shortest pattern's length, a 16 KiB table gives for each (case-folded) pair of characters
 * how far a window of m characters may move when the pair ends it without any pattern being
 * able to start in the window. Where the shift is 0 the automaton runs from the window's start
 * at the root, and hands back to the skipping mode as soon as it is at the root again (no
 * partial match in progress: every occurrence starting up to there has been reported). Exact,
 * and for rare literals of some length most characters are never read. Sets with one- or
 * two-character patterns cannot skip; their table marks the pairs a pattern may start with,
 * and positions whose pair starts none are passed over.
 */
export class AhoCorasick {
  readonly width: number;
  /**
   * Transitions, indexed by `row + class` where `row = state * width`. An entry is the target's
   * row, or `~row` when the target has outputs (one sign test per character, no extra load).
   */
  private readonly table: Int32Array;
  /** For each state, the payload ids of the patterns ending there (via suffix links too), or null. */
  private readonly outputs: Array<number[] | null>;
  private readonly asciiClass = new Uint16Array(128);
  private readonly children: Array<Map<number, number>>;
  private readonly fail: Int32Array;
  private readonly foldCase: boolean;
  private readonly foldCache = new Map<number, number>();
  /**
   * `(bucket(c0) << 7) | bucket(c1)` → how far the window may move when it ends with c0 c1
   * (m ≥ MIN_WINDOW); below that, non-zero when some pattern may start with c0 c1.
   */
  private readonly shift = new Uint8Array(1 << 14);
  /** Window length: the shortest pattern's length, at most MAX_WINDOW. */
  private readonly m: number;
  /**
   * Whether some pattern could occur in the text of a number or boolean (`-1.5e+30`, `NaN`,
   * `Infinity`, `true`): a pattern with any other character cannot.
   */
  readonly mayOccurInScalars: boolean;
  /** ASCII code → its pair-filter bucket (folded when the automaton folds case). */
  private readonly asciiBucket = new Uint8Array(128);

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
    let m = MAX_WINDOW;
    for (const p of patterns) m = Math.min(m, p.length);
    this.m = m;
    this.mayOccurInScalars = patterns.some((p) => /^[-+.0-9einftyaruls]*$/.test(p.toLowerCase()));
    this.buildShifts(patterns);
    const width = classChar.length;
    const n = children.length;
    const next = new Int32Array(n * width);
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
        const viaFail = s === 0 ? 0 : next[f * width + cls];
        if (child !== undefined) {
          fail[child] = viaFail;
          next[s * width + cls] = child;
          queue.push(child);
        } else next[s * width + cls] = viaFail;
      }
      for (const [code, child] of children[s]) {
        if (code < 128) continue;
        fail[child] = s === 0 ? 0 : this.wideStep(f, code);
        queue.push(child);
      }
    }
    const table = new Int32Array(n * width);
    for (let i = 0; i < table.length; i++) {
      const t = next[i];
      table[i] = out[t] !== null ? ~(t * width) : t * width;
    }
    for (let c = 0; c < 128; c++) this.asciiBucket[c] = c;
    if (this.foldCase) {
      // Lower-case patterns, text scanned as is: A-Z step like a-z (no per-event toLowerCase).
      for (let c = 65; c <= 90; c++) {
        this.asciiClass[c] = this.asciiClass[c + 32];
        this.asciiBucket[c] = c + 32;
      }
    }
    this.width = width;
    this.table = table;
    this.outputs = out;
  }

  get states(): number {
    return this.outputs.length;
  }

  private buildShifts(patterns: readonly string[]): void {
    const m = this.m;
    if (m < MIN_WINDOW) {
      // Start-pair marks: a one-character pattern starts every pair beginning with it, an empty
      // one every pair.
      for (const p of patterns) {
        if (p.length === 0) this.shift.fill(1);
        else if (p.length === 1) {
          const a = bucketOf(p.charCodeAt(0));
          this.shift.fill(1, a << 7, (a + 1) << 7);
        } else this.shift[(bucketOf(p.charCodeAt(0)) << 7) | bucketOf(p.charCodeAt(1))] = 1;
      }
      return;
    }
    this.shift.fill(m - 1);
    for (const p of patterns) {
      for (let j = 1; j < m; j++) {
        const k = (bucketOf(p.charCodeAt(j - 1)) << 7) | bucketOf(p.charCodeAt(j));
        if (this.shift[k] > m - 1 - j) this.shift[k] = m - 1 - j;
      }
    }
  }

  /** The pair-filter bucket of a text character: its folded code when ASCII, else 127. */
  private bucket(code: number): number {
    if (code < 128) return this.asciiBucket[code];
    return this.foldCase ? bucketOf(this.fold(code)) : 127;
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

  /** `wideStep` in the table's encoding: rows in and out, `~row` when the target has outputs. */
  private wideRow(row: number, raw: number): number {
    const t = this.wideStep(row / this.width, raw);
    return this.outputs[t] !== null ? ~(t * this.width) : t * this.width;
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

  /**
   * Start of the first window at or after `from` where a pattern may begin, or `text.length`.
   * Windows before it cannot hold the start of any occurrence.
   */
  private skip(text: string, from: number): number {
    const n = text.length;
    const m = this.m;
    const shift = this.shift;
    const asciiBucket = this.asciiBucket;
    if (m >= MIN_WINDOW) {
      for (let end = from + m - 1; end < n; ) {
        const c0 = text.charCodeAt(end - 1);
        const c1 = text.charCodeAt(end);
        const sh = shift[((c0 < 128 ? asciiBucket[c0] : this.bucket(c0)) << 7) | (c1 < 128 ? asciiBucket[c1] : this.bucket(c1))];
        if (sh === 0) return end - m + 1;
        end += sh;
      }
      return n;
    }
    if (from >= n) return n;
    let i = from;
    let c = text.charCodeAt(i);
    let a = c < 128 ? asciiBucket[c] : this.bucket(c);
    for (; i < n - 1; i++) {
      c = text.charCodeAt(i + 1);
      const b = c < 128 ? asciiBucket[c] : this.bucket(c);
      if (shift[(a << 7) | b] !== 0) return i;
      a = b;
    }
    // The last character pairs with nothing; one-character patterns marked every pair.
    return shift[a << 7] !== 0 ? i : n;
  }

  /** Does the text contain any pattern? (stops at the first) */
  test(text: string): boolean {
    const { table, asciiClass } = this;
    const n = text.length;
    let i = this.skip(text, 0);
    while (i < n) {
      let s = 0;
      for (; i < n; i++) {
        const code = text.charCodeAt(i);
        s = code < 128 ? table[s + asciiClass[code]] : this.wideRow(s, code);
        if (s < 0) return true;
        if (s === 0) break;
      }
      i = this.skip(text, i + 1);
    }
    return false;
  }

  /**
   * Adds the payload ids of every pattern the text contains to `out` (from `count` on), each
   * once: `marks[id] === epoch` records what is already there. Returns the new count.
   */
  collect(text: string, marks: Uint32Array, epoch: number, out: Int32Array, count: number): number {
    const { table, width, outputs, asciiClass } = this;
    const n = text.length;
    let i = this.skip(text, 0);
    while (i < n) {
      let s = 0;
      for (; i < n; i++) {
        const code = text.charCodeAt(i);
        s = code < 128 ? table[s + asciiClass[code]] : this.wideRow(s, code);
        if (s < 0) {
          s = ~s;
          const o = outputs[s / width]!;
          for (let k = 0; k < o.length; k++) {
            const id = o[k];
            if (marks[id] !== epoch) {
              marks[id] = epoch;
              out[count++] = id;
            }
          }
        }
        if (s === 0) break;
      }
      i = this.skip(text, i + 1);
    }
    return count;
  }

  /** Calls onMatch(payloadId) for every pattern occurrence end (an id may be reported more than once). */
  scan(text: string, onMatch: (id: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      s = code < 128 ? this.table[s + this.asciiClass[code]] : this.wideRow(s, code);
      if (s < 0) {
        s = ~s;
        const o = this.outputs[s / this.width]!;
        for (let k = 0; k < o.length; k++) onMatch(o[k]);
      }
    }
  }
}

/**
 * Below three characters a window moves by at most one: sets with shorter patterns skip by
 * start pairs instead (positions whose pair starts no pattern), one position at a time.
 */
const MIN_WINDOW = 3;

/** Longest window: 255 fits the shift table; past a few dozen characters longer windows gain little. */
const MAX_WINDOW = 64;

/** Bucket of a pattern character (patterns are already in the scanned case). */
function bucketOf(code: number): number {
  return code < 128 ? code : 127;
}
