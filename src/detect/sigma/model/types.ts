/**
 * The typed model of a Sigma rule set as written: detection rules, correlation rules and
 * filters, each remembering where it came from. Nothing here has been compiled yet: values are
 * the YAML scalars as written and modifiers are the names as written; `compile/` turns this into
 * the neutral IR.
 */
import type { Pos } from '../diagnostics.js';
import type { YMap, YNode, YScalar } from '../yaml/located-yaml.js';

export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type SigmaLevel = (typeof SIGMA_LEVELS)[number];

export interface SigmaLogsource {
  product?: string;
  service?: string;
  category?: string;
}

export interface RuleOrigin {
  file: string;
  /** Position of the document (or `title:`) in the file. */
  pos: Pos;
  /** Index of the YAML document in a multi-document file, 0-based. */
  document: number;
}

export interface RuleReference {
  ref: string;
  pos: Pos;
}

/** Attributes common to rules, correlations and filters. */
export interface RuleMeta {
  title: string;
  id?: string;
  name?: string;
  status?: string;
  level?: SigmaLevel;
  description?: string;
  author?: string;
  date?: string;
  modified?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  related: Array<{ id: string; type: string }>;
  taxonomy?: string;
  origin: RuleOrigin;
  /** The whole document, for custom attributes (`tests`, `sample-evtx`, ...). */
  raw: YMap;
}

export interface SigmaRule extends RuleMeta {
  kind: 'rule';
  logsource: SigmaLogsource;
  logsourcePos: Pos;
  detection: SigmaDetection;
  fields: string[];
}

export interface SigmaDetection {
  identifiers: Map<string, SearchIdentifier>;
  conditions: ConditionText[];
  pos: Pos;
}

export interface ConditionText {
  text: string;
  pos: Pos;
  /** True when the YAML scalar was quoted (the text starts one column later). */
  quoted: boolean;
}

export interface SearchIdentifier {
  name: string;
  pos: Pos;
  node: DetectionNode;
}

/** `all`: every child must match (a map); `any`: one child must match (a list). */
export type DetectionNode =
  | { kind: 'all'; pos: Pos; children: DetectionNode[] }
  | { kind: 'any'; pos: Pos; children: DetectionNode[] }
  | DetectionItem;

export interface DetectionItem {
  kind: 'item';
  /** Field name, or null for a keyword item (matched against every value of the event). */
  field: string | null;
  modifiers: Array<{ name: string; pos: Pos }>;
  values: YScalar[];
  pos: Pos;
  /** True when the rule wrote a list (`field: [a]`), which matters for `all`. */
  listed: boolean;
}

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationCondition {
  /** Conjunction of comparisons (`gt: 100` and `lte: 200` is a range). */
  comparisons: Array<{ op: CompareOp; value: number }>;
  field?: string;
  /** For value_percentile: which percentile of the field is compared (default 95, as pySigma). */
  percentile?: number;
  pos: Pos;
}

export interface SigmaCorrelation extends RuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  typePos: Pos;
  rules: RuleReference[];
  groupBy: string[];
  timespanMs: number;
  timespanText: string;
  condition: CorrelationCondition;
  /** alias → (rule reference → field name in that rule's events). */
  aliases: Map<string, Map<string, string>>;
  generate: boolean;
  pos: Pos;
}

export interface SigmaFilter extends RuleMeta {
  kind: 'filter';
  logsource: SigmaLogsource;
  logsourcePos: Pos;
  /** 'any' applies to every rule whose logsource the filter's logsource covers. */
  rules: RuleReference[] | 'any';
  detection: SigmaDetection;
}

export type SigmaDocument = SigmaRule | SigmaCorrelation | SigmaFilter;

/** A rule's display key in messages: its id, else name, else title. */
export function ruleKey(r: { id?: string; name?: string; title: string }): string {
  return r.id ?? r.name ?? r.title;
}

export type { YNode };
