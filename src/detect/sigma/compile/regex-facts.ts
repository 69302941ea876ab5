/**
 * Cheap necessary conditions of a regular expression, tested before running it: re2js costs
 * tens of nanoseconds per character, while most event values fail one of these in a native
 * string search or one pass of table lookups. Every value the expression matches satisfies:
 *  - `minLength`: it is at least this many UTF-16 units long (each character atom is ≥ 1);
 *  - `factors`: for each set, its lower case contains one of the set's strings; a set is built
 *    from a stretch of the expression where each step is one character from a small set
 *    (`\.[ "']` gives `. `, `."`, `.'`), also inside groups that must occur: what a literal guard
 *    cannot express;
 *  - `run`: it holds `length` consecutive characters of a class (`[a-f0-9]{64}`).
 * Only a subset of the syntax is read (sequences of characters, escapes, classes and
 * quantified atoms; groups count only for the minimum length); anything else gives no facts
 * for that part, so the conditions stay necessary. Characters outside ASCII count as members
 * of every class, and case-insensitive factors never contain `s` (RE2 folds the long s to it).
 */
import type { RegexFlags } from './regex.js';

export interface RegexFacts {
  minLength: number;
  /** Best first; every set must have a string the value contains. */
  factors?: string[][];
  run?: { member: Uint8Array; length: number };
}

/** A character set: ASCII membership, and whether it has (or may have) anything else. */
interface CharSet {
  ascii: Uint8Array;
  other: boolean;
}

/** One quantified atom of a sequence; `set` undefined: a zero-width assertion or a group. */
interface Atom {
  set: CharSet | undefined;
  min: number;
  max: number;
  /** A group's shortest match, and its factor sets when it has a single branch. */
  inner?: number;
  sets?: string[][];
}

const MAX_FACTORS = 16;
const MAX_SETS = 3;
const MIN_RUN = 8;

export function regexFacts(source: string, flags: RegexFlags): RegexFacts | undefined {
  const fold = flags.i || /\(\?[a-z]*i/.test(source);
  const p = new Reader(source, fold);
  const branches = p.alternation();
  if (p.failed || p.pos !== source.length) return undefined;
  const facts: RegexFacts = { minLength: Math.min(...branches.map(minLength)) };
  if (branches.length === 1) {
    const factors = factorSets(branches[0], fold);
    if (factors.length > 0) facts.factors = factors;
    const run = longestRun(branches[0]);
    if (run) facts.run = run;
  }
  return facts.minLength > 0 || facts.factors || facts.run ? facts : undefined;
}

/** Does the value (and its lower case) satisfy the facts? */
export function factsHold(f: RegexFacts, text: string, lower: string): boolean {
  if (text.length < f.minLength) return false;
  if (f.factors !== undefined) {
    for (const set of f.factors) {
      let any = false;
      for (let i = 0; i < set.length && !any; i++) any = lower.includes(set[i]);
      if (!any) return false;
    }
  }
  if (f.run !== undefined) {
    const { member, length } = f.run;
    let n = 0;
    for (let i = 0; i < text.length && n < length; i++) {
      const c = text.charCodeAt(i);
      n = c >= 128 || member[c] === 1 ? n + 1 : 0;
    }
    if (n < length) return false;
  }
  return true;
}

function minLength(seq: Atom[]): number {
  let n = 0;
  for (const a of seq) n += a.min * (a.set ? 1 : (a.inner ?? 0));
  return n;
}

/**
 * The sets of strings of the stretches of single-character steps (and of groups that must
 * occur), lower-cased, longest strings first.
 */
function factorSets(seq: Atom[], fold: boolean): string[][] {
  const sets: string[][] = [];
  let strings: string[] = [''];
  const close = (): void => {
    if (strings[0] !== '' && usable(strings)) sets.push(strings);
    strings = [''];
  };
  for (const a of seq) {
    const chars = a.set && a.min === a.max && a.min <= 4 ? enumerate(a.set, fold) : undefined;
    if (!chars || a.min === 0) {
      close();
      if (a.sets && a.min > 0) sets.push(...a.sets);
      continue;
    }
    for (let k = 0; k < a.min; k++) {
      if (strings.length * chars.length > MAX_FACTORS) close();
      strings = strings.flatMap((s) => chars.map((c) => s + c));
    }
  }
  close();
  const distinct = [...new Map(sets.map((x) => [x.join('\u0000'), x])).values()];
  return distinct.sort((x, y) => y[0].length - x[0].length || x.length - y.length).slice(0, MAX_SETS);
}

/** One-character factors only when they are punctuation (letters and digits are everywhere). */
function usable(strings: string[]): boolean {
  return strings[0].length >= 2 || strings.every((s) => !/[a-z0-9]/.test(s));
}

/** The lower-case characters of a small ASCII set, or undefined. */
function enumerate(set: CharSet, fold: boolean): string[] | undefined {
  if (set.other) return undefined;
  const out = new Set<string>();
  for (let c = 0; c < 128; c++) if (set.ascii[c] === 1) out.add(String.fromCharCode(c).toLowerCase());
  if (out.size === 0 || out.size > 4 || (fold && out.has('s'))) return undefined;
  return [...out];
}

function longestRun(seq: Atom[]): RegexFacts['run'] {
  let best: RegexFacts['run'];
  for (const a of seq) {
    if (a.set && a.min >= MIN_RUN && (!best || a.min > best.length) && a.set.ascii.some((x) => x === 0)) best = { member: a.set.ascii, length: a.min };
  }
  return best;
}

/** Reads the subset; `failed` when it meets anything else. */
class Reader {
  pos = 0;
  failed = false;
  constructor(
    private readonly s: string,
    private readonly fold: boolean,
  ) {}

  alternation(): Array<Atom[]> {
    const branches = [this.sequence()];
    while (!this.failed && this.s[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches;
  }

  private sequence(): Atom[] {
    const out: Atom[] = [];
    while (!this.failed && this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      const atom = this.atom();
      if (atom) out.push(this.quantified(atom));
    }
    return out;
  }

  private atom(): Atom | undefined {
    const c = this.s[this.pos++];
    if (c === '(') {
      if (this.s[this.pos] === '?') {
        const m = /^\?(P<\w+>|[a-zA-Z]*:|[a-zA-Z]*\))/.exec(this.s.slice(this.pos));
        if (!m) return this.fail();
        this.pos += m[0].length;
        if (m[0].endsWith(')')) return undefined; // (?i): flags only, read as a whole
      }
      const inner = this.alternation();
      if (this.s[this.pos++] !== ')') return this.fail();
      const group: Atom = { set: undefined, min: 1, max: 1, inner: Math.min(...inner.map(minLength)) };
      if (inner.length === 1) group.sets = factorSets(inner[0], this.fold);
      return group;
    }
    if (c === '^' || c === '$') return { set: undefined, min: 1, max: 1, inner: 0 };
    if (c === '.') return { set: anySet(), min: 1, max: 1 };
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false);
    if (c === undefined || '*+?{'.includes(c)) return this.fail();
    return { set: this.single(c.charCodeAt(0)), min: 1, max: 1 };
  }

  private escape(inClass: boolean): Atom | undefined {
    const e = this.s[this.pos++] ?? '';
    if (e === '') return this.fail();
    if ('dws'.includes(e)) return { set: classEscape(e), min: 1, max: 1 };
    if ('DWSpPC'.includes(e)) {
      if ((e === 'p' || e === 'P') && this.s[this.pos] === '{') this.pos = this.s.indexOf('}', this.pos) + 1 || this.s.length;
      else if (e === 'p' || e === 'P') this.pos++;
      return { set: anySet(), min: 1, max: 1 };
    }
    if (!inClass && 'bBAz'.includes(e)) return { set: undefined, min: 1, max: 1, inner: 0 };
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11 };
    if (simple[e] !== undefined) return { set: this.single(simple[e]), min: 1, max: 1 };
    if (/[^a-zA-Z0-9]/.test(e)) return { set: this.single(e.charCodeAt(0)), min: 1, max: 1 };
    return this.fail(); // \x, \Q, octal, ...: not read
  }

  private charClass(): Atom | undefined {
    const set: CharSet = { ascii: new Uint8Array(128), other: false };
    let negated = false;
    if (this.s[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let first = true;
    while (this.pos < this.s.length && (this.s[this.pos] !== ']' || first)) {
      first = false;
      if (this.s.startsWith('[:', this.pos)) return this.fail();
      let lo: number;
      if (this.s[this.pos] === '\\') {
        this.pos++;
        const sub = this.escape(true);
        if (!sub?.set) return this.fail();
        const one = singleCode(sub.set);
        if (one === undefined) {
          merge(set, sub.set);
          continue;
        }
        lo = one;
      } else lo = this.s.charCodeAt(this.pos++);
      let hi = lo;
      if (this.s[this.pos] === '-' && this.s[this.pos + 1] !== ']' && this.pos + 1 < this.s.length) {
        this.pos++;
        if (this.s[this.pos] === '\\') return this.fail();
        hi = this.s.charCodeAt(this.pos++);
      }
      for (let c = lo; c <= hi; c++) {
        if (c < 128) merge(set, this.single(c));
        else set.other = true;
        if (c >= 128) break;
      }
    }
    if (this.s[this.pos++] !== ']') return this.fail();
    return { set: negated ? anySet() : set, min: 1, max: 1 };
  }

  private quantified(a: Atom): Atom {
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(this.s.slice(this.pos));
    if (!m) return a;
    this.pos += m[0].length;
    if (m[1] === '*') return { ...a, min: 0, max: Infinity };
    if (m[1] === '+') return { ...a, min: a.min, max: Infinity };
    if (m[1] === '?') return { ...a, min: 0 };
    const lo = Number(m[2]);
    const hi = m[3] === undefined ? lo : m[4] === '' ? Infinity : Number(m[4]);
    return { ...a, min: lo, max: hi };
  }

  /** A character, with its other case when the expression folds case. */
  private single(code: number): CharSet {
    const set: CharSet = { ascii: new Uint8Array(128), other: code >= 128 };
    if (code < 128) set.ascii[code] = 1;
    if (this.fold && code < 128) {
      const ch = String.fromCharCode(code);
      set.ascii[ch.toLowerCase().charCodeAt(0)] = 1;
      set.ascii[ch.toUpperCase().charCodeAt(0)] = 1;
      if (/[ks]/i.test(ch)) set.other = true; // the Kelvin sign, the long s
    }
    return set;
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
  }
}

function anySet(): CharSet {
  return { ascii: new Uint8Array(128).fill(1), other: true };
}

function classEscape(e: string): CharSet {
  const set: CharSet = { ascii: new Uint8Array(128), other: false };
  const re = e === 'd' ? /[0-9]/ : e === 'w' ? /[0-9A-Za-z_]/ : /[\t\n\f\r ]/;
  for (let c = 0; c < 128; c++) if (re.test(String.fromCharCode(c))) set.ascii[c] = 1;
  if (e === 's') set.ascii[11] = 1; // RE2's \s has no \v, but counting it keeps the set a superset
  return set;
}

function merge(into: CharSet, from: CharSet): void {
  for (let c = 0; c < 128; c++) if (from.ascii[c] === 1) into.ascii[c] = 1;
  if (from.other) into.other = true;
}

function singleCode(set: CharSet): number | undefined {
  const codes = set.other ? [] : [...set.ascii.keys()].filter((c) => set.ascii[c] === 1);
  return codes.length === 1 ? codes[0] : undefined;
}
