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

/**
 * The key a detection is de-duplicated by. A correlation is about its group-by values (the
 * address that sprays, the host that beacons): each firing of a sliding window consumes its
 * entries, so a long spray fires again every few accounts with other users among its entities;
 * keyed by those entities, each firing would be another alert. Keyed by the group, they grow one.
 */
export function detectionKey(d: Detection, kinds: readonly EntityKind[]): string {
  const group = d.kind === 'correlation' ? d.details?.group_by : undefined;
  if (group && typeof group === 'object' && Object.keys(group).length) {
    const parts = Object.entries(group as Record<string, unknown>)
      .map(([field, value]) => `${field}=${JSON.stringify(value)}`)
      .sort();
    return `${d.rule.id}\u0001group\u0001${parts.join('\u0001')}`;
  }
  return dedupKey(d.rule.id, d.entities, kinds);
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

/** Two alerts of the same rule and key as one: what sequential de-duplication would have built. */
export function combineAlerts(a: Alert, b: Alert, maxEventIds: number, now: number): Alert {
  const [early, late] = b.last_seen >= a.last_seen ? [a, b] : [b, a];
  return {
    ...a,
    // A rule's level can change between rule-set versions; the alert shows the highest seen.
    rule: { ...a.rule, level: maxLevel(a.rule.level, b.rule.level), tags: [...new Set([...a.rule.tags, ...b.rule.tags])] },
    entities: mergeEntities(a.entities, b.entities),
    event_ids: appendBounded(early.event_ids, late.event_ids, maxEventIds),
    event_count: a.event_count + b.event_count,
    count: a.count + b.count,
    explanation: late.explanation,
    details: Object.keys(late.details).length ? late.details : early.details,
    first_seen: Math.min(a.first_seen, b.first_seen),
    last_seen: Math.max(a.last_seen, b.last_seen),
    updated_at: now,
  };
}

/**
 * The detections of one ingest call folded per key before they touch the database: a burst of
 * one rule on one entity (a brute force, a scan) costs one alert write, not one per detection.
 * A detection joins its key's current fold when it is within the window of it (in event-time
 * order), exactly as one-by-one de-duplication would; folds keep the order of their first
 * detection, so grouping into incidents sees alerts in input order.
 */
export function foldDetections(ds: readonly Detection[], keys: readonly EntityKind[], windowMs: number, maxEventIds: number, now: number): Array<{ alert: Alert; size: number }> {
  const byKey = new Map<string, Array<{ pos: number; d: Detection }>>();
  ds.forEach((d, pos) => {
    const key = detectionKey(d, keys);
    const list = byKey.get(key) ?? [];
    list.push({ pos, d });
    byKey.set(key, list);
  });
  const folds: Array<{ pos: number; alert: Alert; size: number }> = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.d.ts - b.d.ts || a.pos - b.pos);
    let current: { pos: number; alert: Alert; size: number } | undefined;
    for (const { pos, d } of list) {
      const one = newAlert(d, key, maxEventIds, now);
      if (current && d.ts <= current.alert.last_seen + windowMs) {
        current.alert = combineAlerts(current.alert, one, maxEventIds, now);
        current.size++;
        current.pos = Math.min(current.pos, pos);
      } else {
        current = { pos, alert: one, size: 1 };
        folds.push(current);
      }
    }
  }
  return folds.sort((a, b) => a.pos - b.pos).map(({ alert, size }) => ({ alert, size }));
}
