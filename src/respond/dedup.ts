/**
 * De-duplication: one alert per rule and entity key within a window of event time. A detection
 * whose rule and key equal an open alert's, and whose time lies within `window_ms` of that
 * alert's span, grows the alert (count, last_seen, event ids) instead of making a new one.
 */
import type { Detection, Entities, EntityKind } from '../detect/detection.js';
import { mergeEntities } from '../detect/detection.js';
import type { Alert } from './model.js';
import { maxLevel } from './model.js';
import { newId } from './store/rows.js';

/** Rule id plus, for each configured kind, its sorted values: order of discovery does not matter. */
export function dedupKey(ruleId: string, entities: Entities, kinds: readonly EntityKind[]): string {
  const parts = [...kinds].sort().map((k) => `${k}=${[...(entities[k] ?? [])].sort().join(',')}`);
  return `${ruleId}\u0001${parts.join('\u0001')}`;
}

/** The newest `max` distinct ids, oldest first: the alert keeps the latest evidence. */
export function appendBounded(ids: readonly string[], more: readonly string[], max: number): string[] {
  const out = [...ids];
  const seen = new Set(out);
  for (const id of more) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out.length > max ? out.slice(out.length - max) : out;
}

export function newAlert(d: Detection, key: string, maxEventIds: number, now: number): Alert {
  return {
    id: newId('al', now),
    rule: { id: d.rule.id, title: d.rule.title, level: d.rule.level, tags: [...d.rule.tags] },
    kind: d.kind,
    dedup_key: key,
    entities: mergeEntities({}, d.entities),
    event_ids: appendBounded([], d.eventIds, maxEventIds),
    event_count: Math.max(d.eventCount, d.eventIds.length),
    count: 1,
    explanation: [...d.explanation],
    details: d.details ?? {},
    first_seen: d.ts,
    last_seen: d.ts,
    status: 'new',
    assignee: null,
    incident_id: null,
    created_at: now,
    updated_at: now,
  };
}

/** The alert grown by one more detection of the same rule and key. */
export function mergeIntoAlert(a: Alert, d: Detection, maxEventIds: number, now: number): Alert {
  const later = d.ts >= a.last_seen;
  return {
    ...a,
    // A rule's level can change between rule-set versions; the alert shows the highest seen.
    rule: { ...a.rule, level: maxLevel(a.rule.level, d.rule.level), tags: [...new Set([...a.rule.tags, ...d.rule.tags])] },
    entities: mergeEntities(a.entities, d.entities),
    event_ids: appendBounded(a.event_ids, d.eventIds, maxEventIds),
    event_count: a.event_count + Math.max(d.eventCount, d.eventIds.length),
    count: a.count + 1,
    explanation: later ? [...d.explanation] : a.explanation,
    details: later && d.details ? d.details : a.details,
    first_seen: Math.min(a.first_seen, d.ts),
    last_seen: Math.max(a.last_seen, d.ts),
    updated_at: now,
  };
}
