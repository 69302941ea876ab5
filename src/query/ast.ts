/** The query language's syntax tree. Every node carries the 1-based column where it starts. */

export interface Pos {
  col: number;
}

/** A value as typed: `alice`, `"a phrase"`, `ali*`, `10.0.0.0/8`. */
export interface ValueNode extends Pos {
  text: string;
  quoted: boolean;
  /** Unquoted text containing unescaped `*` or `?`. */
  wildcard: boolean;
}

export type Comparator = '>' | '>=' | '<' | '<=';

export type Expr =
  | ({ kind: 'and' | 'or'; left: Expr; right: Expr } & Pos)
  | ({ kind: 'not'; expr: Expr } & Pos)
  | ({ kind: 'match'; field: string; value: ValueNode } & Pos)
  | ({ kind: 'exists'; field: string } & Pos)
  | ({ kind: 'compare'; field: string; op: Comparator; value: ValueNode } & Pos)
  | ({ kind: 'range'; field: string; low: ValueNode; high: ValueNode } & Pos)
  | ({ kind: 'text'; value: ValueNode } & Pos);

export type AggFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'dc';

export interface Aggregation extends Pos {
  fn: AggFn;
  field?: string;
  /** Output column name: `as NAME`, or `count()`, `sum(bytes)`. */
  name: string;
}

export type Pipe =
  | ({ kind: 'stats'; aggs: Aggregation[]; by: string[] } & Pos)
  | ({ kind: 'timechart'; spanMs: number; aggs: Aggregation[]; by: string[] } & Pos)
  | ({ kind: 'sort'; keys: Array<{ field: string; desc: boolean }> } & Pos)
  | ({ kind: 'head'; count: number } & Pos)
  | ({ kind: 'fields'; fields: string[] } & Pos);

export interface Query {
  filter?: Expr;
  pipes: Pipe[];
}
