/**
 * Which positions of a text a literal scan may pass over (Wu-Manber, blocks of two characters);
 * the scan itself is AhoCorasick.skip. With m the shortest literal's length, a window of m
 * characters can hold the start of a literal only if the pair that ends it occurs in the first m
 * characters of some literal; the table gives, per (case-folded) pair, how far the window may
 * move when that pair ends it. Rare literals of some length leave most characters unread.
 *
 * Literals of one or two characters allow no useful window: the table then marks the pairs a
 * literal may start with, and positions whose pair starts none are passed over one by one.
 */
import { foldUnit } from './fold.js';

/** Below this a window moves by at most one: literal sets this short skip by start pairs. */
export const MIN_WINDOW = 3;

/** Longest window: shifts fit a byte; past a few dozen characters longer windows gain little. */
const MAX_WINDOW = 64;

/** Literal sets at least this long skip by blocks of four (hashes, GUIDs, long paths). */
const LONG = 16;

export interface SkipTable {
  /** Window length: the shortest literal's length (at most MAX_WINDOW). */
  m: number;
  /**
   * Block length: 2 (the table is indexed by pairs), or 4 for sets of long literals (hashed
   * blocks: pairs of long literals cover most pairs of text, blocks of four far fewer).
   */
  b: number;
  /** `(bucket(c0) << 7) | bucket(c1)` → how far a window ended by c0 c1 may move (m ≥ MIN_WINDOW); else non-zero when a literal may start with c0 c1. */
  shift: Uint8Array;
  /** ASCII code → its bucket (folded when the scan folds case); others: bucketOf(fold(c)). */
  asciiBucket: Uint8Array;
}

/** `literals` are in the case the text is scanned in (lower case when `foldCase`). */
export function skipTable(literals: readonly string[], foldCase: boolean): SkipTable {
  let m = MAX_WINDOW;
  for (const p of literals) m = Math.min(m, p.length);
  const asciiBucket = new Uint8Array(128);
  for (let c = 0; c < 128; c++) asciiBucket[c] = foldCase ? foldUnit(c) : c;
  const shift = new Uint8Array(1 << 14);
  if (m < MIN_WINDOW) {
    // Start-pair marks: a one-character literal starts every pair beginning with it, an empty
    // one every pair.
    for (const p of literals) {
      if (p.length === 0) shift.fill(1);
      else if (p.length === 1) {
        const a = bucketOf(p.charCodeAt(0));
        shift.fill(1, a << 7, (a + 1) << 7);
      } else shift[(bucketOf(p.charCodeAt(0)) << 7) | bucketOf(p.charCodeAt(1))] = 1;
    }
    return { m, b: 2, shift, asciiBucket };
  }
  const b = m >= LONG ? 4 : 2;
  shift.fill(m - b + 1);
  for (const p of literals) {
    for (let j = b - 1; j < m; j++) {
      let k = 0;
      for (let i = j - b + 1; i <= j; i++) k = (k << 7) | bucketOf(p.charCodeAt(i));
      const h = b === 2 ? k : hashBlock(k);
      if (shift[h] > m - 1 - j) shift[h] = m - 1 - j;
    }
  }
  return { m, b, shift, asciiBucket };
}

/** A block of four 7-bit buckets → a 14-bit table index (multiplicative hash, top bits). */
export function hashBlock(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 18;
}

/** Bucket of a literal character (literals are already in the scanned case); non-ASCII: 127. */
export function bucketOf(code: number): number {
  return code < 128 ? code : 127;
}
