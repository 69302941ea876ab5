/**
 * Sigma matches and correlation detections as the one Detection shape alerting consumes.
 */
import type { VigilEvent } from '../../core/event.js';
import type { CorrelationDetection, RuleInfo, SigmaMatch } from '../sigma/index.js';
import { entitiesOfEvent, mergeEntities, toDetectionLevel, type Detection, type Entities } from '../detection.js';

/** The key a rule is known by in the API and in alerts: its id, else its name, else where it is written. */
export function ruleKeyOf(info: Pick<RuleInfo, 'id' | 'name' | 'file' | 'line'>): string {
  return info.id ?? info.name ?? `${info.file}:${info.line}`;
}

export function explainMatch(m: SigmaMatch): string[] {
  return m.matched.map((v) => {
    const field = v.field === null ? 'keyword' : v.field;
    const seen = v.eventValue === undefined ? '' : ` (event: ${JSON.stringify(v.eventValue).slice(0, 200)})`;
    return `${v.selection}: ${field} ${v.ruleValue}${seen}`;
  });
}

export function detectionFromMatch(m: SigmaMatch, event: VigilEvent): Detection {
  return {
    kind: 'sigma',
    rule: { id: ruleKeyOf(m.rule), title: m.rule.title, level: toDetectionLevel(m.rule.level), tags: m.rule.tags },
    ts: event.ts,
    eventIds: [event.id],
    eventCount: 1,
    entities: entitiesOfEvent(event),
    explanation: explainMatch(m),
    details: { source: event.meta.source, rule_file: `${m.rule.file}:${m.rule.line}`, ...(m.rule.status ? { rule_status: m.rule.status } : {}) },
  };
}

/**
 * `entitiesOf` looks up the entities of a contributing event by id (kept for events that fed a
 * correlation); the group-by values name the entity the correlation is about.
 */
export function detectionFromCorrelation(c: CorrelationDetection, entitiesOf: (id: string) => Entities | undefined): Detection {
  let entities: Entities = {};
  const ids = c.events.filter((e): e is string => typeof e === 'string');
  for (const id of ids) {
    const e = entitiesOf(id);
    if (e) entities = mergeEntities(entities, e);
  }
  const group = Object.entries(c.groupBy).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const window = `${new Date(c.window.start).toISOString()} – ${new Date(c.window.end).toISOString()}`;
  return {
    kind: 'correlation',
    rule: { id: c.correlation.id ?? c.correlation.name ?? c.correlation.title, title: c.correlation.title, level: toDetectionLevel(c.correlation.level), tags: c.correlation.tags },
    ts: c.ts,
    eventIds: ids,
    eventCount: c.eventCount,
    entities,
    explanation: [`${c.correlation.type} reached ${c.value} in window ${window}${group ? ` for ${group}` : ''}`],
    details: { correlation_type: c.correlation.type, value: c.value, window: c.window, group_by: c.groupBy },
  };
}
