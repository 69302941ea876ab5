/**
 * The typed syntax tree of a query. It records what was typed, not what it means: whether
 * `source.port:>10` compares numbers or `@timestamp:>-1h` compares times depends on the
 * field's stored type, which the compiler looks up. Every node carries where it was typed
 * (1-based columns, `end` exclusive) so that compile-time errors point at the right place too.
 */

export interface Span {
  /** 1-based column of the first character. */
  column: number;
  /** 1-based column just after the last character. */
  end: number;
}

/** A piece of an unquoted value: literal text, a `*` (any run) or a `?` (one character). */
export type ValuePart = { kind: 'literal'; text: string } | { kind: 'any' } | { kind: 'one' };

export interface FieldRef extends Span {
  name: string;
}

export type Comparator = '>' | '>=' | '<' | '<=';

/** What a field term asks of the field's value. */
export type Match =
  /** `field:value`, `field:"a phrase"`, `field:wild*card?`; wildcards only when unquoted. */
  | { kind: 'value'; parts: ValuePart[]; quoted: boolean; text: string }
  /** `field:>10`, `field:<=2026-01-01`. */
  | { kind: 'compare'; op: Comparator; value: string }
  /** `field:[a TO b]` (inclusive), `field:{a TO b}` (exclusive); `*` leaves an end open (null). */
  | { kind: 'range'; lower: string | null; upper: string | null; lowerInclusive: boolean; upperInclusive: boolean }
  /** `field:*`. */
  | { kind: 'exists' }
  /** `field:/regex/`, RE2 syntax, unanchored. */
  | { kind: 'regex'; pattern: string }
  /** `field:10.0.0.0/8`, `field:2001:db8::/32`. */
  | { kind: 'cidr'; text: string; network: Network };

/** An IP network: the first address and the prefix length, as numbers of the version's width. */
export interface Network {
  version: 4 | 6;
  prefix: number;
  /** First and last address of the network (IPv4 fits a number; IPv6 needs a bigint). */
  first: bigint;
  last: bigint;
}

export interface TermNode extends Span {
  type: 'term';
  field: FieldRef;
  match: Match;
  /** Where the value was typed, for errors about it. */
  value: Span;
}

/** A term without a field: matched against the event's text (see docs/query-language.md). */
export interface TextNode extends Span {
  type: 'text';
  parts: ValuePart[];
  quoted: boolean;
  text: string;
}

export interface AndNode extends Span {
  type: 'and';
  children: FilterNode[];
}

export interface OrNode extends Span {
  type: 'or';
  children: FilterNode[];
}

export interface NotNode extends Span {
  type: 'not';
  child: FilterNode;
}

export type FilterNode = TermNode | TextNode | AndNode | OrNode | NotNode;

export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'dc';

export interface Aggregate extends Span {
  fn: AggregateFunction;
  /** Absent only for `count()`. */
  field?: FieldRef;
  /** The output column: the `as` alias, else `count`, `sum(source.bytes)`, `dc(user.name)`, ... */
  name: string;
}

export interface StatsPipe extends Span {
  type: 'stats';
  aggregates: Aggregate[];
  by: FieldRef[];
}

export interface SortKey {
  field: FieldRef;
  descending: boolean;
}

export interface SortPipe extends Span {
  type: 'sort';
  keys: SortKey[];
}

export interface HeadPipe extends Span {
  type: 'head';
  count: number;
}

export interface FieldsPipe extends Span {
  type: 'fields';
  fields: FieldRef[];
}

export interface TimechartPipe extends Span {
  type: 'timechart';
  /** 0 when no `span=` was given: the compiler picks one from the time range. */
  span_ms: number;
  /** The span as typed, e.g. `1h`. */
  spanText: string;
  aggregates: Aggregate[];
  by?: FieldRef;
}

export type Pipe = StatsPipe | SortPipe | HeadPipe | FieldsPipe | TimechartPipe;

export interface Query {
  /** The query text as given. */
  text: string;
  /** Null when the query has no filter (`| stats count()` alone, `*`, or an empty query). */
  filter: FilterNode | null;
  pipes: Pipe[];
}

/** The name an aggregate gets when the user did not choose one with `as` (Splunk's naming). */
export function defaultAggregateName(fn: AggregateFunction, field?: string): string {
  return field === undefined ? fn : `${fn}(${field})`;
}

export function hasWildcards(parts: readonly ValuePart[]): boolean {
  return parts.some((p) => p.kind !== 'literal');
}

/** The value's text with wildcards written as `*` and `?` (for explanations). */
export function patternText(parts: readonly ValuePart[]): string {
  return parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'any' ? '*' : '?')).join('');
}

/** The literal text of parts without wildcards. */
export function literalText(parts: readonly ValuePart[]): string {
  return parts.map((p) => (p.kind === 'literal' ? p.text : '')).join('');
}
