/**
 * The `correlation` section of a correlation rule (Sigma correlation specification v2.1):
 * type, rules, group-by, timespan, condition, aliases, generate.
 */
import type { Pos } from '../diagnostics.js';
import type { YMap, YNode } from '../yaml/located-yaml.js';
import { mapGet } from '../yaml/located-yaml.js';
import type { CompareOp, CorrelationCondition, CorrelationType, RuleMeta, RuleReference, SigmaCorrelation } from './types.js';
import { CORRELATION_TYPES } from './types.js';
import type { Problems } from './problems.js';
import { describeNode, expectString, expectStringList } from './problems.js';

const COMPARE_OPS: readonly CompareOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const KNOWN_KEYS = new Set(['type', 'rules', 'group-by', 'timespan', 'condition', 'aliases', 'generate']);
/** A year; longer windows would keep state for longer than any retention makes sense. */
const MAX_TIMESPAN_MS = 366 * 86_400_000;

export function parseCorrelation(meta: RuleMeta, n: YNode, p: Problems): SigmaCorrelation | undefined {
  if (n.kind !== 'map') {
    p.error(n.pos, `correlation must be a map, found ${describeNode(n)}`);
    return undefined;
  }
  for (const e of n.entries) {
    if (!KNOWN_KEYS.has(e.key)) p.warn(e.keyPos, `unknown correlation attribute '${e.key}' is ignored`);
  }
  const typeEntry = mapGet(n, 'type');
  let type: CorrelationType | undefined;
  if (!typeEntry) p.error(n.pos, 'correlation has no type');
  else {
    const t = expectString(typeEntry.value, 'correlation type', p);
    if (t !== undefined) {
      if ((CORRELATION_TYPES as readonly string[]).includes(t)) type = t as CorrelationType;
      else p.error(typeEntry.value.pos, `correlation type '${t}' is not one of ${CORRELATION_TYPES.join(', ')}`);
    }
  }
  const rules = parseRuleRefs(mapGet(n, 'rules')?.value, n.pos, p);
  const groupEntry = mapGet(n, 'group-by');
  const groupBy = groupEntry ? expectStringList(groupEntry.value, 'group-by', p) : [];
  const ts = parseTimespan(mapGet(n, 'timespan')?.value, n.pos, p);
  const aliases = parseAliases(mapGet(n, 'aliases')?.value, p);
  let generate = false;
  const gen = mapGet(n, 'generate');
  if (gen) {
    if (gen.value.kind === 'scalar' && typeof gen.value.value === 'boolean') generate = gen.value.value;
    else p.error(gen.value.pos, `generate must be true or false, found ${describeNode(gen.value)}`);
  }
  const condEntry = mapGet(n, 'condition');
  let condition: CorrelationCondition | undefined;
  if (condEntry) condition = parseCondition(condEntry.value, p);
  if (type === 'temporal' || type === 'temporal_ordered') {
    // Default: every referenced rule must have matched (specification: count of rule types).
    condition ??= { comparisons: [{ op: 'gte', value: rules.length }], pos: n.pos };
    if (rules.length < 2) p.warn(mapGet(n, 'rules')?.value.pos ?? n.pos, `${type} correlation with fewer than two rules`);
  } else if (type && !condition) {
    p.error(n.pos, `${type} correlation has no condition`);
  }
  if (type && condition && ['value_count', 'value_sum', 'value_avg', 'value_percentile'].includes(type) && !condition.field) {
    p.error(condition.pos, `${type} correlation condition needs a field`);
  }
  if (type && type !== 'temporal' && type !== 'temporal_ordered' && groupBy.length === 0 && !groupEntry) {
    p.warn(n.pos, `${type} correlation without group-by counts all matching events together`);
  }
  if (!type || !ts || !condition || rules.length === 0) return undefined;
  return {
    ...meta,
    kind: 'correlation',
    type,
    typePos: typeEntry!.value.pos,
    rules,
    groupBy,
    timespanMs: ts.ms,
    timespanText: ts.text,
    condition,
    aliases,
    generate,
    pos: n.pos,
  };
}

export function parseRuleRefs(n: YNode | undefined, pos: Pos, p: Problems): RuleReference[] {
  if (!n) {
    p.error(pos, 'missing rules: the rules (ids or names) this applies to');
    return [];
  }
  if (n.kind === 'scalar' && n.value !== null) return [{ ref: String(n.value), pos: n.pos }];
  if (n.kind !== 'seq') {
    p.error(n.pos, `rules must be a list of rule ids or names, found ${describeNode(n)}`);
    return [];
  }
  const refs: RuleReference[] = [];
  for (const item of n.items) {
    if (item.kind === 'scalar' && item.value !== null) refs.push({ ref: String(item.value), pos: item.pos });
    else p.error(item.pos, `each rule reference must be an id or name, found ${describeNode(item)}`);
  }
  return refs;
}

function parseTimespan(n: YNode | undefined, pos: Pos, p: Problems): { ms: number; text: string } | undefined {
  if (!n) {
    p.error(pos, 'correlation has no timespan');
    return undefined;
  }
  const text = n.kind === 'scalar' ? String(n.value ?? '') : '';
  const m = /^(\d+)([smhdw])$/.exec(text);
  if (!m) {
    p.error(n.pos, `timespan '${text}' must be a number followed by s, m, h, d or w (e.g. 90m)`);
    return undefined;
  }
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  if (ms <= 0) {
    p.error(n.pos, `timespan '${text}' must be greater than zero`);
    return undefined;
  }
  if (ms > MAX_TIMESPAN_MS) {
    p.error(n.pos, `timespan '${text}' is longer than a year`);
    return undefined;
  }
  return { ms, text };
}

function parseCondition(n: YNode, p: Problems): CorrelationCondition | undefined {
  if (n.kind !== 'map') {
    p.error(n.pos, `correlation condition must be a map such as {gte: 10}, found ${describeNode(n)}`);
    return undefined;
  }
  const cond: CorrelationCondition = { comparisons: [], pos: n.pos };
  for (const e of n.entries) {
    if ((COMPARE_OPS as readonly string[]).includes(e.key)) {
      const v = e.value;
      if (v.kind !== 'scalar' || typeof v.value !== 'number' || !Number.isFinite(v.value)) {
        p.error(v.pos, `correlation condition ${e.key} needs a number, found ${describeNode(v)}`);
        continue;
      }
      cond.comparisons.push({ op: e.key as CompareOp, value: v.value });
    } else if (e.key === 'field') {
      const fields = expectStringList(e.value, 'condition field', p);
      if (fields.length > 1) p.error(e.value.pos, 'condition field lists several fields; only one field is supported');
      if (fields.length >= 1) cond.field = fields[0];
    } else if (e.key === 'percentile') {
      const v = e.value;
      if (v.kind !== 'scalar' || typeof v.value !== 'number' || v.value < 0 || v.value > 100) {
        p.error(v.pos, `percentile must be a number between 0 and 100, found ${describeNode(v)}`);
      } else cond.percentile = v.value;
    } else {
      p.error(e.keyPos, `unknown correlation condition item '${e.key}' (expected ${COMPARE_OPS.join(', ')}, field)`);
    }
  }
  if (cond.comparisons.length === 0) {
    p.error(n.pos, `correlation condition needs a comparison (${COMPARE_OPS.join(', ')})`);
    return undefined;
  }
  return cond;
}

function parseAliases(n: YNode | undefined, p: Problems): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (!n) return out;
  if (n.kind !== 'map') {
    p.error(n.pos, `aliases must be a map of alias → {rule: field}, found ${describeNode(n)}`);
    return out;
  }
  for (const e of n.entries) {
    const m = e.value;
    if (m.kind !== 'map') {
      p.error(m.pos, `alias '${e.key}' must map rule names to field names, found ${describeNode(m)}`);
      continue;
    }
    const perRule = new Map<string, string>();
    for (const r of (m as YMap).entries) {
      const f = expectString(r.value, `alias '${e.key}' field for rule '${r.key}'`, p);
      if (f !== undefined) perRule.set(r.key, f);
    }
    out.set(e.key, perRule);
  }
  return out;
}
