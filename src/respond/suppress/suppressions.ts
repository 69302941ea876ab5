/**
 * Suppressions: saved Sigma filters or simple conditions. A suppressed detection is not an alert
 * but is never dropped silently: the suppression's counter grows and the detection is written to
 * respond_suppressed with its rule, entities and event ids.
 */
import { z } from 'zod';
import type { ControlDb } from '../../control/control-db.js';
import { fromJson, newId, num, str, strOrNull, toJson } from '../store/rows.js';
import { conditionMatches, conditionNeedsEvents, conditionSchema, type SuppressionCondition } from './conditions.js';
import { compileSigmaFilter, filterCoversRule, SuppressionInputError, type CompiledSigmaFilter } from './sigma-filter.js';
import { asSigmaInput, type DetectionSubject } from './subject.js';

export const suppressionInput = z
  .object({
    name: z.string().min(1).max(200),
    reason: z.string().max(2000).optional(),
    /** YAML text of one Sigma filter document. */
    sigma: z.string().min(1).max(100_000).optional(),
    condition: conditionSchema.optional(),
  })
  .strict()
  .refine((s) => (s.sigma === undefined) !== (s.condition === undefined), 'give exactly one of `sigma` or `condition`');
export type SuppressionInput = z.infer<typeof suppressionInput>;

export interface Suppression {
  id: string;
  name: string;
  kind: 'sigma' | 'condition';
  sigma?: string;
  condition?: SuppressionCondition;
  reason: string | null;
  created_by: string;
  created_at: number;
  /** Detections it suppressed since it was saved. */
  suppressed: number;
  last_suppressed_at: number | null;
}

/** A suppression ready to evaluate. */
export interface ActiveSuppression {
  id: string;
  needsEvents: boolean;
  matches(s: DetectionSubject): boolean;
}

export function compileSuppression(input: SuppressionInput, id = 'preview'): ActiveSuppression {
  if (input.sigma !== undefined) {
    const f: CompiledSigmaFilter = compileSigmaFilter(input.sigma);
    return {
      id,
      needsEvents: true,
      // Suppressed when the filter covers the rule and drops every triggering event it saw.
      matches: (s) => filterCoversRule(f, s.rule.id) && s.events.length > 0 && s.events.every((e) => f.suppresses(asSigmaInput(e))),
    };
  }
  if (input.condition === undefined) throw new SuppressionInputError('give exactly one of `sigma` or `condition`');
  const c = input.condition;
  return { id, needsEvents: conditionNeedsEvents(c), matches: (s) => conditionMatches(c, s) };
}

function rowToSuppression(r: Record<string, unknown>): Suppression {
  const kind = str(r.kind) as Suppression['kind'];
  return {
    id: str(r.id),
    name: str(r.name),
    kind,
    ...(kind === 'sigma' ? { sigma: str(r.body) } : { condition: fromJson<SuppressionCondition>(r.body, {}) }),
    reason: strOrNull(r.reason),
    created_by: str(r.created_by),
    created_at: num(r.created_at),
    suppressed: num(r.suppressed),
    last_suppressed_at: r.last_suppressed_at === null || r.last_suppressed_at === undefined ? null : num(r.last_suppressed_at),
  };
}

const COLUMNS = 'id, name, kind, body, reason, created_by, created_at, suppressed, last_suppressed_at';

export async function listSuppressions(db: ControlDb): Promise<Suppression[]> {
  return (await db.all(`SELECT ${COLUMNS} FROM respond_suppressions ORDER BY created_at, id`)).map(rowToSuppression);
}

export async function insertSuppression(db: ControlDb, input: SuppressionInput, user: string, now: number): Promise<Suppression> {
  const s: Suppression = {
    id: newId('sup', now),
    name: input.name,
    kind: input.sigma !== undefined ? 'sigma' : 'condition',
    ...(input.sigma !== undefined ? { sigma: input.sigma } : { condition: input.condition! }),
    reason: input.reason ?? null,
    created_by: user,
    created_at: now,
    suppressed: 0,
    last_suppressed_at: null,
  };
  await db.run(`INSERT INTO respond_suppressions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    s.id, s.name, s.kind, s.kind === 'sigma' ? s.sigma! : toJson(s.condition), s.reason, s.created_by, s.created_at, 0, null,
  ]);
  return s;
}

export async function deleteSuppression(db: ControlDb, id: string): Promise<boolean> {
  const found = await db.all('SELECT id FROM respond_suppressions WHERE id = $1', [id]);
  if (!found.length) return false;
  await db.run('DELETE FROM respond_suppressions WHERE id = $1', [id]);
  return true;
}

export interface SuppressedDetection {
  id: string;
  suppression_id: string;
  rule_id: string;
  level: string;
  /** Event time of the detection, epoch ms. */
  ts: number;
  entities: Record<string, string[]>;
  event_ids: string[];
  created_at: number;
}

/** What a suppression hid, newest first: the audit trail behind its counter. */
export async function listSuppressed(db: ControlDb, suppressionId: string, limit: number, offset: number): Promise<SuppressedDetection[]> {
  const rows = await db.all(
    'SELECT id, suppression_id, rule_id, level, ts, entities, event_ids, created_at FROM respond_suppressed WHERE suppression_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3',
    [suppressionId, limit, offset],
  );
  return rows.map((r) => ({
    id: str(r.id), suppression_id: str(r.suppression_id), rule_id: str(r.rule_id), level: str(r.level), ts: num(r.ts),
    entities: fromJson<Record<string, string[]>>(r.entities, {}), event_ids: fromJson<string[]>(r.event_ids, []), created_at: num(r.created_at),
  }));
}
