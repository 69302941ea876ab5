/**
 * A simple suppression condition: `{ "field": value | [values], ... }`. Every field must match
 * (AND); a list matches when any of its values does (OR). Values compare case-insensitively as
 * whole values with `*` and `?` wildcards, as Sigma compares strings.
 *
 * Alert fields: `rule.id`, `rule.title`, `rule.level`, `rule.tags`, `kind`, and the entity kinds
 * `host`, `user`, `ip`, `process`, `hash`, `domain`. Any other name is an event field (ECS name,
 * e.g. `process.command_line`) read from the detection's stored events: it matches when it
 * matches on every one of them, so a condition never hides events it did not look at.
 */
import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from '../../detect/detection.js';
import type { DetectionSubject } from './subject.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const conditionSchema = z
  .record(z.string().min(1).max(200), z.union([scalar, z.array(scalar).min(1).max(1000)]))
  .refine((r) => Object.keys(r).length > 0, 'a condition needs at least one field')
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 fields');
export type SuppressionCondition = z.infer<typeof conditionSchema>;

const ALERT_FIELDS = new Set(['rule.id', 'rule.title', 'rule.level', 'rule.tags', 'kind', ...ENTITY_KINDS]);

export function conditionNeedsEvents(c: SuppressionCondition): boolean {
  return Object.keys(c).some((k) => !ALERT_FIELDS.has(k));
}

/** Case-insensitive whole-value glob: `*` any run, `?` one character. */
export function globMatches(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  if (!p.includes('*') && !p.includes('?')) return p === v;
  // Iterative glob with backtracking to the last star: linear in practice, no regex to build.
  let pi = 0, vi = 0, star = -1, mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function anyMatches(expected: unknown, actual: unknown): boolean {
  const wants = (Array.isArray(expected) ? expected : [expected]).map(String);
  const haves = (Array.isArray(actual) ? actual : [actual]).filter((v) => v !== null && v !== undefined).map(String);
  return haves.some((h) => wants.some((w) => globMatches(w, h)));
}

function alertValue(s: DetectionSubject, field: string): unknown {
  switch (field) {
    case 'rule.id': return s.rule.id;
    case 'rule.title': return s.rule.title;
    case 'rule.level': return s.rule.level;
    case 'rule.tags': return s.rule.tags;
    case 'kind': return s.kind;
    default: return s.entities[field as EntityKind] ?? [];
  }
}

/** Whether the condition suppresses this detection. */
export function conditionMatches(c: SuppressionCondition, s: DetectionSubject): boolean {
  for (const [field, expected] of Object.entries(c)) {
    if (ALERT_FIELDS.has(field)) {
      if (!anyMatches(expected, alertValue(s, field))) return false;
      continue;
    }
    if (s.events.length === 0) return false;
    if (!s.events.every((e) => anyMatches(expected, e.fields?.[field]))) return false;
  }
  return true;
}
