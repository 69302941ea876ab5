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

/**
 * Every related event, by time: the alerts' matched events, then events naming the incident's
 * entities within [from, to]; each event once, at most `limit`.
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
  if (r.store && eventIds.length) {
    for (const e of (await fetchStoredEvents(r.store, eventIds)).values()) {
      out.set(e.id, { id: e.id, ts: e.ts, reason: 'alert', fields: e.fields });
    }
  }
  const q = entityQuery(entities, kinds);
  let truncated = false;
  if (r.search && q && out.size < limit) {
    const res = await r.search.search({ q, from: range.from, to: range.to + 1, limit: limit - out.size + 1 }, now);
    for (const row of res.rows) {
      const id = String(row.id ?? '');
      if (!id || out.has(id)) continue;
      if (out.size >= limit) {
        truncated = true;
        break;
      }
      const raw = row['@timestamp'];
      const ts = typeof raw === 'number' ? raw : Date.parse(String(raw ?? ''));
      const { native: _native, meta: _meta, ...fields } = row;
      out.set(id, { id, ts: Number.isNaN(ts) ? 0 : ts, reason: 'entity', ...(typeof row.source === 'string' ? { source: row.source } : {}), fields });
    }
  }
  const events = [...out.values()].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  return { events: events.slice(0, limit), truncated: truncated || events.length > limit };
}
