/**
 * After a retro-hunt's queries: the stored events behind the detections (for output), and
 * correlation rules replayed over the SQL detections in event-time order, as `vigil hunt` does
 * for files. A correlation reads group-by and value fields of the matched events; those are
 * resolved with the engine's own field resolver for each event's class, so they read exactly
 * what the matcher would have read.
 */
import type { Logsource } from '../../core/event.js';
import { PROMOTED_FIELDS } from '../../storage/schema.js';
import { fieldsOfRow, logsourceOfRow, objectOf } from '../../storage/row-to-event.js';
import type { CorrelationDetection, SigmaBundle, SigmaMatch } from '../sigma/index.js';
import { classifyEvent, CorrelationEngine, resolveField } from '../sigma/index.js';
import { compileAccessor } from '../sigma/match/accessors.js';
import { duckdbDialect, render } from '../../query/index.js';
import type { QueryableStore, StoredDetection } from './retro-hunt.js';
import { ident, join, param, sql } from './sql-kit.js';

export interface StoredEvent {
  id: string;
  /** Event time, epoch ms. */
  ts: number;
  native: Record<string, unknown>;
  /** Normalized fields: promoted columns and the `fields` JSON together. */
  fields: Record<string, unknown>;
  logsource?: Logsource;
}

const FETCH_CHUNK = 500;

/** The stored events with these ids (ids are bound values, fetched in chunks). */
export async function fetchStoredEvents(store: QueryableStore, ids: Iterable<string>): Promise<Map<string, StoredEvent>> {
  const out = new Map<string, StoredEvent>();
  const all = [...new Set(ids)];
  const columns = ['id', 'native', 'fields', 'logsource.product', 'logsource.service', 'logsource.category', ...PROMOTED_FIELDS.map((c) => c.name)];
  for (let i = 0; i < all.length; i += FETCH_CHUNK) {
    const chunk = all.slice(i, i + FETCH_CHUNK);
    const q = sql`SELECT epoch_us(${ident('@timestamp')}) AS _sigma_us, ${join(columns.map(ident), sql`, `)} FROM ${ident('events')} WHERE list_contains([${join(chunk.map((id) => param(id, 'string')), sql`, `)}], ${ident('id')})`;
    const res = await store.query(render(q, duckdbDialect));
    for (const row of res.rows) {
      const e: StoredEvent = { id: String(row.id), ts: Number(row._sigma_us) / 1000, native: objectOf(row.native), fields: fieldsOfRow(row) };
      const logsource = logsourceOfRow(row);
      if (logsource) e.logsource = logsource;
      out.set(e.id, e);
    }
  }
  return out;
}

/** A base detection as the correlation engine sees it: the rule, and its fields read from the event. */
function asMatch(bundle: SigmaBundle, d: StoredDetection, e: StoredEvent): SigmaMatch {
  const cls = classifyEvent({ native: e.native, ...(e.logsource ? { logsource: e.logsource } : {}) });
  const rule = bundle.rules[d.rule.index];
  const category = rule.ir.logsource.category;
  const fieldmap = category ? cls.categories.find((c) => c.category === category)?.fieldmap : undefined;
  const ev = { native: e.native, fields: e.fields };
  return {
    rule: rule.info,
    standalone: rule.standalone,
    logsource: { ...(cls.product ? { product: cls.product } : {}), ...(cls.service ? { service: cls.service } : {}), categories: cls.categories.map((c) => c.category) },
    matched: [],
    field: (name) => compileAccessor(resolveField(name, cls.shape, fieldmap, cls.aliases))(ev),
  };
}

/** Correlation detections from the SQL detections (all of them, standalone or not), replayed in event time. */
export function correlateStored(bundle: SigmaBundle, detections: readonly StoredDetection[], events: ReadonlyMap<string, StoredEvent>): CorrelationDetection[] {
  if (bundle.correlations.length === 0) return [];
  const byEvent = new Map<string, StoredDetection[]>();
  for (const d of detections) byEvent.set(d.eventId, [...(byEvent.get(d.eventId) ?? []), d]);
  const ordered = [...byEvent].map(([id, ds]) => ({ e: events.get(id), ds })).filter((x): x is { e: StoredEvent; ds: StoredDetection[] } => x.e !== undefined);
  ordered.sort((a, b) => a.e.ts - b.e.ts || (a.e.id < b.e.id ? -1 : 1));
  const engine = new CorrelationEngine(bundle, { allowed_lateness_ms: 0 });
  const out: CorrelationDetection[] = [];
  for (const { e, ds } of ordered) out.push(...engine.process(ds.map((d) => asMatch(bundle, d, e)), e.ts, e.native));
  out.push(...engine.flush());
  return out;
}
