/**
 * A dialect turns a fragment tree into SQL text plus the values to bind. Only a dialect knows
 * how its engine spells placeholders, identifiers, JSON access, list lambdas and the portable
 * functions; the compiler above it never writes engine-specific SQL.
 */
import type { JsonSource, ParamType, ParamValue, PortableFunction, SqlFragment, SqlVariable } from './fragment.js';

export interface RenderedSql {
  sql: string;
  /** Values for the placeholders, in placeholder order (`$1`, `{p1:…}` first). */
  params: unknown[];
}

/** Binds one more value and returns its placeholder; dialects bind their own constants this way too. */
export type Bind = (value: ParamValue, type: ParamType) => string;

export interface RenderedJsonSource {
  /** The quoted column. */
  column: string;
  path: readonly string[];
}

export interface SqlDialect {
  readonly name: string;
  quoteIdentifier(name: string): string;
  /** The placeholder of the `index`-th (1-based) bound value. */
  placeholder(index: number, type: ParamType): string;
  /** The value handed to the driver. */
  encodeParam(value: ParamValue, type: ParamType): unknown;
  /** `args` are rendered; `raw` are the same arguments as fragments, for dialects that look at a bound pattern. */
  call(fn: PortableFunction, args: readonly string[], raw: readonly SqlFragment[], bind: Bind): string;
  jsonText(sources: readonly RenderedJsonSource[], bind: Bind): string;
  /** `body` renders the predicate on `element`; called after the sources are bound, so placeholders follow the text. */
  jsonAny(sources: readonly RenderedJsonSource[], element: string, body: () => string, bind: Bind): string;
  listAny(list: string, element: string, body: string): string;
  /** The name of the n-th lambda variable of a statement. */
  variableName(n: number): string;
}

/** @deprecated name kept for callers of the first version; use SqlDialect. */
export type Dialect = SqlDialect;

export function render(fragment: SqlFragment, dialect: SqlDialect): RenderedSql {
  const params: unknown[] = [];
  const variables = new Map<SqlVariable, string>();
  const bind: Bind = (value, type) => {
    params.push(dialect.encodeParam(value, type));
    return dialect.placeholder(params.length, type);
  };
  const nameOf = (v: SqlVariable): string => {
    let name = variables.get(v);
    if (!name) {
      name = dialect.variableName(variables.size + 1);
      variables.set(v, name);
    }
    return name;
  };
  const sources = (list: readonly JsonSource[]): RenderedJsonSource[] => list.map((s) => ({ column: dialect.quoteIdentifier(s.column), path: s.path }));
  const walk = (f: SqlFragment): string => {
    switch (f.kind) {
      case 'text':
        return f.text;
      case 'ident':
        return dialect.quoteIdentifier(f.name);
      case 'param':
        return bind(f.value, f.type);
      case 'seq':
        return f.parts.map(walk).join('');
      case 'call':
        return dialect.call(f.fn, f.args.map(walk), f.args, bind);
      case 'json_text':
        return dialect.jsonText(sources(f.sources), bind);
      case 'json_any': {
        const element = nameOf(f.element);
        const rendered = sources(f.sources);
        return dialect.jsonAny(rendered, element, () => walk(f.body), bind);
      }
      case 'list_any': {
        const list = walk(f.list);
        const element = nameOf(f.element);
        return dialect.listAny(list, element, walk(f.body));
      }
      case 'variable':
        return nameOf(f.variable);
    }
  };
  return { sql: walk(fragment), params };
}
