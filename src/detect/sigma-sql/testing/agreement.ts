/**
 * Test support for the matcher/SQL conformance: records → stored events in a temporary
 * in-memory DuckDbStore, and both back ends' results as (rule, event) pairs to compare.
 */
import type { Logsource, NormalizedRecord, VigilEvent } from '../../../core/event.js';
import { newEventId } from '../../../core/ids.js';
import { DuckDbStore } from '../../../storage/duckdb/duckdb-store.js';
import type { RuleInfo, SigmaBundle } from '../../sigma/index.js';
import type { StoredHuntOptions, StoredHuntResult } from '../retro-hunt.js';
import { huntStoredEvents } from '../retro-hunt.js';

const DEFAULT_TS = Date.UTC(2024, 0, 1);

/** A stored event as the pipeline makes it (ids are unique per call order, so runs compare). */
export function toVigilEvent(r: NormalizedRecord, n: number, source = 'conformance', format = 'test'): VigilEvent {
  const ts = r.ts !== undefined && Number.isFinite(r.ts) ? r.ts : DEFAULT_TS + n;
  const id = newEventId(ts).slice(0, 10) + n.toString(32).toUpperCase().padStart(16, '0');
  const e: VigilEvent = { id, ts, fields: r.fields, native: r.native, meta: { source, format, ingestTime: DEFAULT_TS } };
  if (r.logsource) e.meta.logsource = r.logsource;
  return e;
}

/** A plain record with an optional declared logsource (hand-written events). */
export function plainRecord(native: Record<string, unknown>, logsource?: Logsource, fields: Record<string, unknown> = {}): NormalizedRecord {
  return { native, fields: fields as NormalizedRecord['fields'], ...(logsource ? { logsource } : {}) };
}

/** An evtx_dump-shaped Windows record (`Event.System` header, EventData or UserData). */
export function windowsRecord(channel: string, provider: string, eventId: number, data?: Record<string, unknown>, userData?: Record<string, unknown>): Record<string, unknown> {
  const event: Record<string, unknown> = {
    System: {
      Provider: { '#attributes': { Name: provider } },
      EventID: eventId,
      TimeCreated: { '#attributes': { SystemTime: '2024-01-01T00:00:00.000000Z' } },
      Channel: channel,
      Computer: 'host1',
    },
  };
  if (data) event.EventData = data;
  if (userData) event.UserData = userData;
  return { Event: event };
}

export async function openStoreWith(events: readonly VigilEvent[]): Promise<DuckDbStore> {
  const store = new DuckDbStore({ path: ':memory:', partition: 'day' });
  await store.open();
  for (let i = 0; i < events.length; i += 1000) await store.append(events.slice(i, i + 1000) as VigilEvent[]);
  return store;
}

export type Pairs = Map<number, Set<string>>;

/** The matcher's result: rule index → ids of the events it matched. */
export function matcherPairs(bundle: SigmaBundle, events: readonly VigilEvent[]): Pairs {
  const out: Pairs = new Map();
  for (const e of events) {
    for (const m of bundle.match(e)) {
      const s = out.get(m.rule.index) ?? new Set<string>();
      s.add(e.id);
      out.set(m.rule.index, s);
    }
  }
  return out;
}

export function sqlPairs(result: StoredHuntResult): Pairs {
  const out: Pairs = new Map();
  for (const d of result.detections) {
    const s = out.get(d.rule.index) ?? new Set<string>();
    s.add(d.eventId);
    out.set(d.rule.index, s);
  }
  return out;
}

export interface Disagreement {
  rule: RuleInfo;
  onlyMatcher: string[];
  onlySql: string[];
}

export interface Agreement {
  result: StoredHuntResult;
  /** Rules compiled to SQL on which both back ends selected the same events. */
  agreeing: number;
  /** Rule/event pairs both selected. */
  pairs: number;
  disagreements: Disagreement[];
  /** Matches of rules that were refused or failed (not comparable). */
  uncomparedMatches: number;
}

/** Runs the rule set both ways over the same events and compares rule by rule. */
export async function compareBackends(bundle: SigmaBundle, events: readonly VigilEvent[], store: DuckDbStore, opts: StoredHuntOptions = {}): Promise<Agreement> {
  const result = await huntStoredEvents(bundle, store, opts);
  const fromMatcher = matcherPairs(bundle, events);
  const fromSql = sqlPairs(result);
  const excluded = new Set([...result.refused.map((r) => r.rule.index), ...result.failed.map((r) => r.rule.index)]);
  const out: Agreement = { result, agreeing: 0, pairs: 0, disagreements: [], uncomparedMatches: 0 };
  for (const r of bundle.rules) {
    const m = fromMatcher.get(r.index) ?? new Set<string>();
    if (excluded.has(r.index)) {
      out.uncomparedMatches += m.size;
      continue;
    }
    const s = fromSql.get(r.index) ?? new Set<string>();
    const onlyMatcher = [...m].filter((id) => !s.has(id));
    const onlySql = [...s].filter((id) => !m.has(id));
    if (onlyMatcher.length || onlySql.length) out.disagreements.push({ rule: r.info, onlyMatcher, onlySql });
    else {
      out.agreeing++;
      out.pairs += m.size;
    }
  }
  return out;
}
