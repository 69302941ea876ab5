/**
 * Which rules of a route to evaluate on an event: those without literals, plus those whose
 * literal groups (prefilter.ts) all hold. Each indexed field is read once and walked / scanned
 * once for the literals of every rule; keywords are searched in the event's values as they are
 * walked, without collecting them. Scratch arrays are reused from event to event (an epoch
 * stamp says which entries are current), so an event that is a candidate for nothing costs the
 * scans and no allocation.
 */
import type { AhoCorasick } from './aho-corasick.js';
import type { ValueSink } from './accessors.js';
import { forEachValue } from './accessors.js';
import type { EvalContext } from './eval-context.js';
import type { Route, SlotIndex } from './route.js';

export class CandidateCollector {
  /** Candidate rule positions of the last `collect`, in rule order. */
  candidates = new Int32Array(256);
  private marks = new Uint32Array(0);
  private ruleCounts = new Int32Array(0);
  private groupMarks = new Uint32Array(0);
  private groupHits = new Int32Array(0);
  private epoch = 0;
  private readonly keywords = new KeywordSink();

  /** Fills `candidates`; returns how many there are. */
  collect(route: Route, ctx: EvalContext): number {
    const n = route.rules.length;
    const g = route.groupRule.length;
    if (this.marks.length < n) this.marks = new Uint32Array(Math.max(n, this.marks.length * 2));
    if (this.candidates.length < n) this.candidates = new Int32Array(Math.max(n, this.candidates.length * 2));
    if (this.ruleCounts.length < n) this.ruleCounts = new Int32Array(Math.max(n, this.ruleCounts.length * 2));
    if (this.groupMarks.length < g) {
      this.groupMarks = new Uint32Array(Math.max(g, this.groupMarks.length * 2));
      this.groupHits = new Int32Array(this.groupMarks.length);
    }
    let epoch = (this.epoch = (this.epoch + 1) >>> 0);
    if (epoch === 0) {
      this.marks.fill(0);
      this.groupMarks.fill(0);
      epoch = this.epoch = 1;
    }
    const marks = this.marks;
    const cand = this.candidates;
    let count = 0;
    const always = route.always;
    for (let i = 0; i < always.length; i++) {
      marks[always[i]] = epoch;
      cand[count++] = always[i];
    }
    // Which literal groups hold.
    const gm = this.groupMarks;
    const hits = this.groupHits;
    let nh = 0;
    const index = route.literalIndex;
    for (let k = 0; k < index.length; k++) {
      const x = index[k];
      const v = ctx.value(x.slot);
      if (v === undefined || v === null) continue;
      if (typeof v === 'string') nh = scan(x, v, gm, epoch, hits, nh);
      else if (typeof v === 'number' || typeof v === 'boolean') nh = scan(x, String(v), gm, epoch, hits, nh);
      else if (Array.isArray(v)) for (const e of v) if (e !== null && e !== undefined && typeof e !== 'object') nh = scan(x, String(e), gm, epoch, hits, nh);
    }
    if (route.keywordIndex !== undefined) {
      const kw = this.keywords;
      kw.start(route.keywordIndex, gm, epoch, hits, nh);
      forEachValue(ctx.ev, kw);
      nh = kw.count;
    }
    // A rule is a candidate when every one of its groups holds.
    const counts = this.ruleCounts;
    const groupRule = route.groupRule;
    const ruleGroups = route.ruleGroups;
    for (let i = 0; i < nh; i++) {
      const r = groupRule[hits[i]];
      if (marks[r] !== epoch) {
        marks[r] = epoch;
        counts[r] = 0;
      }
      if (++counts[r] === ruleGroups[r]) cand[count++] = r;
    }
    // Rule order (insertion sort: the candidates past the always-evaluated prefix are few).
    if (count > always.length) {
      for (let i = 1; i < count; i++) {
        const x = cand[i];
        let j = i - 1;
        while (j >= 0 && cand[j] > x) {
          cand[j + 1] = cand[j];
          j--;
        }
        cand[j + 1] = x;
      }
    }
    return count;
  }
}

function scan(x: SlotIndex, text: string, marks: Uint32Array, epoch: number, out: Int32Array, count: number): number {
  if (x.head !== undefined) count = x.head.collect(text, marks, epoch, out, count);
  if (x.tail !== undefined) count = x.tail.collect(text, marks, epoch, out, count);
  if (x.body !== undefined) count = x.body.collect(text, marks, epoch, out, count);
  if (x.shortBody !== undefined) count = x.shortBody.collect(text, marks, epoch, out, count);
  return count;
}

/** Scans each value of the walk for keyword literals (one instance, reused per event). */
class KeywordSink implements ValueSink {
  leaves = 0;
  count = 0;
  scalars = true;
  private ac: AhoCorasick | undefined;
  private marks: Uint32Array = new Uint32Array(0);
  private epoch = 0;
  private out: Int32Array = new Int32Array(0);

  start(ac: AhoCorasick, marks: Uint32Array, epoch: number, out: Int32Array, count: number): void {
    this.ac = ac;
    // Number and boolean texts are only worth converting when some literal could occur in one.
    this.scalars = ac.mayOccurInScalars;
    this.marks = marks;
    this.epoch = epoch;
    this.out = out;
    this.count = count;
  }

  text(s: string): void {
    this.count = this.ac!.collect(s, this.marks, this.epoch, this.out, this.count);
  }
}
