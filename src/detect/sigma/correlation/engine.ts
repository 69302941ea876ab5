/**
 * Correlation in event time. Feed it the base detections of each event with the event's time;
 * it returns the correlation detections that became true. Chained correlations (a correlation
 * over correlations) receive their children's detections as inputs.
 *
 * Time: the watermark is the newest event time seen minus `allowed_lateness_ms`. Inputs older
 * than the watermark are late: counted and not used. Inputs within the lateness are placed in
 * time order, so moderate disorder (several files, several shippers) gives the same answer as
 * sorted input. Tumbling windows close when the watermark passes their end; `flush()` closes
 * the rest at the end of a finite input.
 */
import type { SigmaBundle, SigmaMatch } from '../match/bundle.js';
import type { SigmaCorrelation } from '../model/types.js';
import { isSliding } from './aggregate.js';
import { GroupTable } from './group-state.js';
import type { CorrelationDetection, CorrelationEntry, CorrelationOptions, CorrelationStats } from './types.js';
import { DEFAULT_CORRELATION_OPTIONS } from './types.js';
import type { Fired } from './windows.js';
import { bucketOf, closeBucket, pruneSliding, slideAndCheck } from './windows.js';

interface Consumer {
  corr: number;
  source: number;
}

interface CorrState {
  c: SigmaCorrelation;
  index: number;
  sliding: boolean;
  table: GroupTable;
  stats: CorrelationStats;
  standalone: boolean;
  /** Tumbling: open buckets by end time (a binary min-heap). */
  heap: Array<{ end: number; key: string; bucket: number }>;
}

/** What an input carries from its source: a base detection or a child correlation's detection. */
type Source = { kind: 'match'; m: SigmaMatch } | { kind: 'corr'; d: CorrelationDetection };

const PRUNE_EVERY = 4096;

export class CorrelationEngine {
  private readonly opts: Required<CorrelationOptions>;
  private readonly corrs: CorrState[] = [];
  private readonly byRule = new Map<number, Consumer[]>();
  private readonly byCorr = new Map<number, Consumer[]>();
  private maxTs = -Infinity;
  private inputs = 0;

  constructor(bundle: SigmaBundle, opts: CorrelationOptions = {}) {
    this.opts = { ...DEFAULT_CORRELATION_OPTIONS, ...opts };
    const ruleByRef = new Map<string, number>();
    for (const r of bundle.rules) {
      if (r.info.id) ruleByRef.set(r.info.id, r.info.index);
      if (r.info.name) ruleByRef.set(r.info.name, r.info.index);
    }
    const corrByRef = new Map<string, number>();
    bundle.correlations.forEach((c, i) => {
      if (c.id) corrByRef.set(c.id, i);
      if (c.name) corrByRef.set(c.name, i);
    });
    bundle.correlations.forEach((c, index) => {
      const stats: CorrelationStats = { title: c.title, mode: isSliding(c) ? 'sliding' : 'tumbling', groups: 0, entries: 0, fired: 0, late: 0, evictedGroups: 0, truncatedEntries: 0, missingValue: 0 };
      this.corrs.push({ c, index, sliding: isSliding(c), table: new GroupTable(this.opts.max_groups_per_correlation, this.opts.max_entries_per_group, stats), stats, standalone: true, heap: [] });
      c.rules.forEach((ref, source) => {
        const rule = ruleByRef.get(ref.ref);
        const child = corrByRef.get(ref.ref);
        if (rule !== undefined) push(this.byRule, rule, { corr: index, source });
        else if (child !== undefined) push(this.byCorr, child, { corr: index, source });
      });
    });
    for (const [child, consumers] of this.byCorr) {
      if (consumers.some((k) => !this.corrs[k.corr].c.generate)) this.corrs[child].standalone = false;
    }
  }

  get watermark(): number {
    return this.maxTs - this.opts.allowed_lateness_ms;
  }

  /** Base detections of one event at event time `ts` (epoch ms); `ref` identifies the event. */
  process(matches: readonly SigmaMatch[], ts: number, ref?: unknown): CorrelationDetection[] {
    const out: CorrelationDetection[] = [];
    if (ts > this.maxTs) this.maxTs = ts;
    for (const m of matches) {
      for (const k of this.byRule.get(m.rule.index) ?? []) this.feed(k, { kind: 'match', m }, ts, [ref], false, out);
    }
    this.closeDue(out);
    if (++this.inputs % PRUNE_EVERY === 0) this.prune();
    return out;
  }

  /** End of input: evaluate every open tumbling window. */
  flush(): CorrelationDetection[] {
    const out: CorrelationDetection[] = [];
    this.closeDue(out, Infinity);
    return out;
  }

  stats(): CorrelationStats[] {
    return this.corrs.map((s) => ({ ...s.stats, groups: s.table.size }));
  }

  private feed(k: Consumer, src: Source, ts: number, refs: unknown[], derived: boolean, out: CorrelationDetection[]): void {
    const st = this.corrs[k.corr];
    if (!derived && ts < this.watermark) {
      st.stats.late++;
      return;
    }
    const values = st.c.groupBy.map((f) => groupValue(st.c, k.source, f, src));
    let value: unknown;
    if (st.c.condition.field) {
      value = sourceValue(st.c, k.source, st.c.condition.field, src);
      if (value === undefined || value === null) {
        st.stats.missingValue++;
        return;
      }
    }
    const key = JSON.stringify(values);
    const g = st.table.touch(key, values);
    const entry: CorrelationEntry = { ts, source: k.source, value, refs };
    if (st.sliding) {
      const at = st.table.insert(g.entries, entry);
      const fired = at >= 0 ? slideAndCheck(st.c, g, Math.min(at, g.entries.length - 1)) : undefined;
      if (fired) {
        st.stats.entries -= fired.entries.length;
        this.emit(st, g.values, fired, fired.end, out);
      }
      return;
    }
    const bucket = bucketOf(ts, st.c.timespanMs);
    let list = g.buckets.get(bucket);
    if (!list) {
      list = [];
      g.buckets.set(bucket, list);
      heapPush(st.heap, { end: (bucket + 1) * st.c.timespanMs, key, bucket });
    }
    st.table.insert(list, entry);
  }

  private closeDue(out: CorrelationDetection[], until = this.watermark): void {
    for (const st of this.corrs) {
      if (st.sliding) continue;
      while (st.heap.length > 0 && st.heap[0].end <= until) {
        const { key, bucket } = heapPop(st.heap);
        const g = st.table.get(key);
        const list = g?.buckets.get(bucket);
        if (!g || !list) continue; // the group was evicted
        g.buckets.delete(bucket);
        st.stats.entries -= list.length;
        const fired = closeBucket(st.c, bucket, list);
        if (fired) this.emit(st, g.values, fired, list[list.length - 1].ts, out);
        if (g.buckets.size === 0 && g.entries.length === 0) st.table.delete(key);
      }
    }
  }

  private emit(st: CorrState, values: unknown[], fired: Fired, ts: number, out: CorrelationDetection[]): void {
    st.stats.fired++;
    const refs = fired.entries.flatMap((e) => e.refs);
    const c = st.c;
    const d: CorrelationDetection = {
      correlation: { index: st.index, title: c.title, tags: c.tags, type: c.type, ...(c.id ? { id: c.id } : {}), ...(c.name ? { name: c.name } : {}), ...(c.level ? { level: c.level } : {}) },
      ts,
      window: { start: fired.start, end: fired.end },
      groupBy: Object.fromEntries(c.groupBy.map((f, i) => [f, values[i]])),
      value: fired.value,
      events: refs.slice(0, this.opts.max_events_per_detection),
      eventCount: refs.length,
      standalone: st.standalone,
    };
    out.push(d);
    for (const k of this.byCorr.get(st.index) ?? []) this.feed(k, { kind: 'corr', d }, ts, d.events, true, out);
  }

  private prune(): void {
    const wm = this.watermark;
    for (const st of this.corrs) {
      if (!st.sliding) continue;
      for (const g of [...st.table.all()]) {
        st.stats.entries -= pruneSliding(g, st.c, wm);
        if (g.entries.length === 0) st.table.delete(g.key);
      }
    }
  }
}

function push<K>(m: Map<K, Consumer[]>, k: K, v: Consumer): void {
  const list = m.get(k) ?? [];
  list.push(v);
  m.set(k, list);
}

/** The field a group-by name or condition field means for this source (correlation `aliases`). */
function aliasFor(c: SigmaCorrelation, source: number, field: string): string {
  const alias = c.aliases.get(field);
  return alias?.get(c.rules[source].ref) ?? field;
}

function sourceValue(c: SigmaCorrelation, source: number, field: string, src: Source): unknown {
  const f = aliasFor(c, source, field);
  if (src.kind === 'match') return src.m.field(f);
  return src.d.groupBy[f] ?? src.d.groupBy[field];
}

function groupValue(c: SigmaCorrelation, source: number, field: string, src: Source): unknown {
  const v = sourceValue(c, source, field, src);
  if (v === undefined) return null;
  return Array.isArray(v) ? v.map(String).join(',') : v;
}

function heapPush(h: Array<{ end: number; key: string; bucket: number }>, x: { end: number; key: string; bucket: number }): void {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p].end <= h[i].end) break;
    [h[p], h[i]] = [h[i], h[p]];
    i = p;
  }
}

function heapPop(h: Array<{ end: number; key: string; bucket: number }>): { end: number; key: string; bucket: number } {
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l].end < h[m].end) m = l;
      if (r < h.length && h[r].end < h[m].end) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
  return top;
}
