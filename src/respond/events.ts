/**
 * Reading the events behind alerts from the store: by id (suppression checks, previews, the
 * incident timeline) and by entity value within an incident's window (the rest of the timeline,
 * through the search service so the query is the analyst's own language with bound values).
 */
import { fetchStoredEvents, type QueryableStore } from '../detect/sigma-sql/index.js';
import type { Entities, EntityKind } from '../detect/detection.js';
import type { SearchService } from '../search/search-service.js';
import type { SubjectEvent } from './suppress/subject.js';

export interface TimelineEvent {
  id: string;
  ts: number;
  source?: string;
  /** Why it is on the timeline: an alert's matched event, or an event naming an incident entity. */
  reason: 'alert' | 'entity';
  fields: Record<string, unknown>;
}

/** Where to look events up; either part may be missing (no store wired: empty answers). */
export interface EventReader {
  store?: QueryableStore;
  search?: SearchService;
}

export async function eventsByIds(r: EventReader, ids: readonly string[]): Promise<SubjectEvent[]> {
  if (!r.store || ids.length === 0) return [];
  const found = await fetchStoredEvents(r.store, ids);
  return [...found.values()].map((e) => ({ id: e.id, native: e.native, fields: e.fields, ...(e.logsource ? { logsource: e.logsource } : {}) }));
}

/** The ECS fields an entity kind is searched in (the ones entity extraction reads). */
const ENTITY_SEARCH_FIELDS: Record<EntityKind, readonly string[]> = {
  host: ['host.name', 'host.hostname'],
  user: ['user.name', 'user.target.name'],
  ip: ['source.ip', 'destination.ip', 'host.ip', 'client.ip'],
  process: ['process.executable', 'process.name'],
  hash: ['process.hash.sha256', 'file.hash.sha256'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain'],
};

/** Quoted for the query language: only `\"` and `\\` are escapes inside quotes. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `host.name:"web-1" OR user.name:"alice" ...` over the given kinds' values (at most `maxTerms`). */
export function entityQuery(entities: Entities, kinds: readonly EntityKind[], maxTerms = 64): string | undefined {
  const terms: string[] = [];
  for (const kind of kinds) {
    for (const value of entities[kind] ?? []) for (const field of ENTITY_SEARCH_FIELDS[kind]) terms.push(`${field}:${quote(value)}`);
  }
  return terms.length ? terms.slice(0, maxTerms).join(' OR ') : undefined;
}

const STRUCTURAL = new Set(['id', '@timestamp', 'source', 'format', 'logsource', 'tenant', 'ingest_time', 'native', 'meta']);

/** A search row (rowToEvent's shape) as a timeline entry: when, from which source, its ECS fields. */
function timelineEvent(row: Record<string, unknown>, reason: TimelineEvent['reason']): TimelineEvent | undefined {
  const id = typeof row.id === 'string' ? row.id : undefined;
  if (!id) return undefined;
  const raw = row['@timestamp'];
  const ts = typeof raw === 'number' ? raw : Date.parse(String(raw ?? ''));
  const fields = Object.fromEntries(Object.entries(row).filter(([k]) => !STRUCTURAL.has(k)));
  return { id, ts: Number.isNaN(ts) ? 0 : ts, reason, ...(typeof row.source === 'string' ? { source: row.source } : {}), fields };
}

const IDS_PER_QUERY = 200;

/**
 * Every related event, by time: the alerts' matched events, then events naming the incident's
 * entities, all within [from, to] (so only those partitions are read); each event once, at most
 * `limit`. Both go through the search service, so rows have one shape and values are bound.
 */
export async function incidentTimeline(
  r: EventReader,
  eventIds: readonly string[],
  entities: Entities,
  kinds: readonly EntityKind[],
  range: { from: number; to: number },
  limit: number,
  now: number,
): Promise<{ events: TimelineEvent[]; truncated: boolean }> {
  const out = new Map<string, TimelineEvent>();
  if (!r.search) return { events: [], truncated: false };
  let truncated = false;
  const add = (rows: Array<Record<string, unknown>>, reason: TimelineEvent['reason']): void => {
    for (const row of rows) {
      const e = timelineEvent(row, reason);
      if (!e || out.has(e.id)) continue;
      if (out.size >= limit) {
        truncated = true;
        return;
      }
      out.set(e.id, e);
    }
  };
  const window = { from: range.from, to: range.to + 1 };
  for (let i = 0; i < eventIds.length && out.size < limit; i += IDS_PER_QUERY) {
    const chunk = eventIds.slice(i, i + IDS_PER_QUERY);
    add((await r.search.search({ q: chunk.map((id) => `id:${quote(id)}`).join(' OR '), ...window, limit: chunk.length }, now)).rows, 'alert');
  }
  const q = entityQuery(entities, kinds);
  if (q && out.size < limit) add((await r.search.search({ q, ...window, limit: limit - out.size + 1 }, now)).rows, 'entity');
  const events = [...out.values()].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  return { events, truncated };
}
