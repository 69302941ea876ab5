/**
 * Dialects render a fragment tree to SQL text plus bound values. Only a dialect knows how its
 * engine spells placeholders, identifiers, JSON access, list predicates and time functions.
 */
import type { PortableFn, SqlFragment } from './fragment.js';

export interface RenderedSql {
  sql: string;
  params: unknown[];
}

export interface Dialect {
  name: string;
  /** The placeholder for the n-th (1-based) bound value. */
  placeholder(index: number, value: unknown): string;
  quoteIdent(name: string): string;
  fn(name: PortableFn, args: string[]): string;
  /** JSON text at `keys` inside `column`; `bind` binds a key and returns its placeholder. */
  jsonText(column: string, keys: string[], bind: (v: unknown) => string): string;
  listAny(column: string, predicate: (element: string) => string): string;
  ilike(expr: string, pattern: string, negate: boolean): string;
}

export function render(fragment: SqlFragment, dialect: Dialect): RenderedSql {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return dialect.placeholder(params.length, v);
  };
  const walk = (f: SqlFragment, element: string | undefined): string => {
    switch (f.kind) {
      case 'raw':
        return f.text;
      case 'param':
        return bind(f.value);
      case 'ident':
        return dialect.quoteIdent(f.name);
      case 'seq':
        return f.parts.map((p) => walk(p, element)).join('');
      case 'fn':
        return dialect.fn(f.fn, f.args.map((a) => walk(a, element)));
      case 'json_text':
        return dialect.jsonText(dialect.quoteIdent(f.column), f.keys, bind);
      case 'list_any':
        return dialect.listAny(dialect.quoteIdent(f.column), (el) => walk(f.predicate, el));
      case 'list_element':
        if (element === undefined) throw new Error('list element used outside a list predicate');
        return element;
      case 'ilike':
        return dialect.ilike(walk(f.expr, element), walk(f.pattern, element), Boolean(f.negate));
    }
  };
  return { sql: walk(fragment, undefined), params };
}
