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
 * loads per character. So a scan starts in a cheaper mode that passes over text (window-skip.ts)
 * and runs the automaton from the root only where a pattern may start; it hands back to the
 * skipping mode as soon as the automaton is at the root again (no partial match in progress:
 * every occurrence starting up to there has been reported). Exact: no occurrence starts at a
 * position passed over.
 */
import { foldUnit } from './fold.js';
import { bucketOf, hashBlock, MIN_WINDOW, skipTable } from './window-skip.js';

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
  /** Trie children on non-ASCII characters, per state. */
  private readonly wide: Array<Map<number, number> | undefined>;
  private readonly fail: Int32Array;
  private readonly foldCase: boolean;
  /** Window length, shift table and character buckets of the skipping mode. */
  private readonly m: number;
  private readonly b: number;
  private readonly shift: Uint8Array;
  private readonly asciiBucket: Uint8Array;
  /**
   * Whether some pattern could occur in the text of a number or boolean (`-1.5e+30`, `NaN`,
   * `Infinity`, `true`): a pattern with any other character cannot.
   */
  readonly mayOccurInScalars: boolean;

  /**
   * Patterns must already be in the case the scanned text will be in. `payloads[i]` are the
   * ids reported for pattern i (default: [i]).
   */
  constructor(patterns: readonly string[], payloads?: ReadonlyArray<readonly number[]>, opts: { foldCase?: boolean } = {}) {
    this.foldCase = opts.foldCase ?? false;
    let width = 1;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const code = p.charCodeAt(i);
        if (code < 128 && this.asciiClass[code] === 0) this.asciiClass[code] = width++;
      }
    }
    // The trie, straight into a dense table over the ASCII classes (0: no child; the root is
    // nobody's child); non-ASCII children in per-state maps.
    let bound = 1; // states: at most one per pattern character, plus the root
    for (const p of patterns) bound += p.length;
    const next = new Int32Array(bound * width);
    const wide: Array<Map<number, number> | undefined> = [undefined];
    const out: Array<number[] | null> = [null];
    let n = 1;
    const newState = (): number => {
      wide.push(undefined);
      out.push(null);
      return n++;
    };
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const code = p.charCodeAt(i);
        if (code < 128) {
          const k = s * width + this.asciiClass[code];
          if (next[k] === 0) next[k] = newState();
          s = next[k];
        } else {
          const m = (wide[s] ??= new Map());
          let t = m.get(code);
          if (t === undefined) m.set(code, (t = newState()));
          s = t;
        }
      }
      const o = (out[s] ??= []);
      for (const x of payloads?.[id] ?? [id]) if (!o.includes(x)) o.push(x);
    });
    ({ m: this.m, b: this.b, shift: this.shift, asciiBucket: this.asciiBucket } = skipTable(patterns, this.foldCase));
    this.mayOccurInScalars = patterns.some((p) => /^[-+.0-9einftyaruls]*$/.test(p.toLowerCase()));
    // Breadth first, each state's row is completed in place: trie children keep their entry and
    // get their failure link, missing entries take the failure state's (already complete) row.
    const fail = new Int32Array(n);
    this.wide = wide;
    this.fail = fail;
    const queue = new Int32Array(n);
    let qn = 1;
    for (let qi = 0; qi < qn; qi++) {
      const s = queue[qi];
      const f = fail[s];
      if (s !== 0 && out[f]) out[s] = out[s] ? [...new Set([...out[s]!, ...out[f]!])] : out[f];
      const row = s * width;
      for (let cls = 1; cls < width; cls++) {
        const child = next[row + cls];
        const viaFail = s === 0 ? 0 : next[f * width + cls];
        if (child !== 0) {
          fail[child] = viaFail;
          queue[qn++] = child;
        } else next[row + cls] = viaFail;
      }
      const w = wide[s];
      if (w !== undefined) {
        for (const [code, child] of w) {
          fail[child] = s === 0 ? 0 : this.wideChild(f, code);
          queue[qn++] = child;
        }
      }
    }
    this.width = width;
    const hasOut = new Uint8Array(n);
    for (let s = 0; s < n; s++) if (out[s] !== null) hasOut[s] = 1;
    // Shared prefixes leave part of `next` unused: copy the used part when that saves much.
    const table = n * 4 < bound * 3 ? next.slice(0, n * width) : next.subarray(0, n * width);
    for (let i = 0; i < table.length; i++) {
      const t = table[i];
      table[i] = hasOut[t] === 1 ? ~(t * width) : t * width;
    }
    if (this.foldCase) {
      // Lower-case patterns, text scanned as is: A-Z step like a-z (no per-event toLowerCase).
      for (let c = 65; c <= 90; c++) this.asciiClass[c] = this.asciiClass[c + 32];
    }
    this.table = table;
    this.outputs = out;
  }

  get states(): number {
    return this.outputs.length;
  }

  /**
   * Transition on a non-ASCII text character: through the trie's non-ASCII children and failure
   * links, or, for a character that folds into ASCII (the Kelvin sign), the table.
   */
  private wideStep(s: number, raw: number): number {
    const code = this.foldCase ? foldUnit(raw) : raw;
    if (code < 128) {
      const t = this.table[s * this.width + this.asciiClass[code]];
      return t < 0 ? ~t / this.width : t / this.width;
    }
    return this.wideChild(s, code);
  }

  /** The state after a non-ASCII character (as the patterns spell it) from state s. */
  private wideChild(s: number, code: number): number {
    for (;;) {
      const nx = this.wide[s]?.get(code);
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
   * Start of the first window at or after `from` where a pattern may begin, or `text.length`
   * (window-skip.ts). No pattern starts at a position passed over.
   */
  private skip(text: string, from: number): number {
    if (this.b !== 2) return this.skipBlocks(text, from);
    const n = text.length;
    const m = this.m;
    const shift = this.shift;
    const ab = this.asciiBucket;
    if (m >= MIN_WINDOW) {
      for (let end = from + m - 1; end < n; ) {
        const c0 = text.charCodeAt(end - 1);
        const c1 = text.charCodeAt(end);
        const sh = shift[((c0 < 128 ? ab[c0] : this.bucket(c0)) << 7) | (c1 < 128 ? ab[c1] : this.bucket(c1))];
        if (sh === 0) return end - m + 1;
        end += sh;
      }
      return n;
    }
    if (from >= n) return n;
    let i = from;
    let c = text.charCodeAt(i);
    let a = c < 128 ? ab[c] : this.bucket(c);
    for (; i < n - 1; i++) {
      c = text.charCodeAt(i + 1);
      const x = c < 128 ? ab[c] : this.bucket(c);
      if (shift[(a << 7) | x] !== 0) return i;
      a = x;
    }
    // The last character pairs with nothing; one-character patterns marked every pair.
    return shift[a << 7] !== 0 ? i : n;
  }

  /** `skip` for sets of long literals: windows ended by (hashed) blocks of four characters. */
  private skipBlocks(text: string, from: number): number {
    const n = text.length;
    const m = this.m;
    const shift = this.shift;
    const ab = this.asciiBucket;
    for (let end = from + m - 1; end < n; ) {
      let key = 0;
      for (let k = end - 3; k <= end; k++) {
        const c = text.charCodeAt(k);
        key = (key << 7) | (c < 128 ? ab[c] : this.bucket(c));
      }
      const sh = shift[hashBlock(key)];
      if (sh === 0) return end - m + 1;
      end += sh;
    }
    return n;
  }

  /** The skip bucket of a non-ASCII text character. */
  private bucket(code: number): number {
    return this.foldCase ? bucketOf(foldUnit(code)) : 127;
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
