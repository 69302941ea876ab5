/**
 * SQL as a tree of chunks, rendered late by a dialect (the idea Drizzle is built on).
 *
 * A value from a user can only enter the tree as a `param` (bound, never written into the
 * text) and a name only as an `ident` (validated, then quoted by the dialect) or a JSON key
 * (bound). SQL text enters only from the static parts of the `sql` template tag and from
 * the compiler's own keywords, so there is no constructor that splices input into SQL.
 * Functions whose spelling differs between engines are `call` nodes with a portable name.
 */

/** Types a bound value can have; `timestamp` values are epoch milliseconds. */
export type ParamType = 'string' | 'int' | 'float' | 'bool' | 'timestamp';
export type ParamValue = string | number | boolean | null;

/**
 * Functions with one meaning and several spellings. Text functions are case-sensitive;
 * case-insensitivity is built from `lower` (see text-match.ts). `like`/`ilike` patterns use
 * `%` and `_` with backslash as the escape character.
 */
export type PortableFunction =
  | 'lower'
  | 'contains'
  | 'starts_with'
  | 'ends_with'
  | 'like'
  | 'ilike'
  | 'regex_matches'
  | 'coalesce'
  /** True when the condition is false or unknown (NULL). */
  | 'is_not_true'
  /** A number, or NULL when the text is not one. */
  | 'to_double'
  | 'to_text'
  | 'list_contains'
  | 'list_lower'
  | 'list_length'
  /** One row per list element (for grouping by a list column). */
  | 'unnest'
  /** Start of the bucket of `args[0]` milliseconds that holds the time `args[1]`. */
  | 'time_bucket'
  | 'count_distinct'
  /** The address as a number when the text is a dotted-quad IPv4 address, else NULL. */
  | 'ipv4_number'
  /** The address as 32 lowercase hex digits when the text is an IPv6 address, else NULL. */
  | 'ipv6_hex';

/** A lambda's element, named by the renderer (by order of appearance, so output is stable). */
export interface SqlVariable {
  readonly role: 'element';
}

/** A place a JSON value may be found: a JSON text column and a key path inside it. */
export interface JsonSource {
  column: string;
  path: readonly string[];
}

export type SqlFragment =
  /** SQL written by this code (template-literal text, keywords, operators). */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'param'; readonly value: ParamValue; readonly type: ParamType }
  | { readonly kind: 'seq'; readonly parts: readonly SqlFragment[] }
  | { readonly kind: 'call'; readonly fn: PortableFunction; readonly args: readonly SqlFragment[] }
  /** The text of the first of `sources` that holds a value (NULL when none does). */
  | { readonly kind: 'json_text'; readonly sources: readonly JsonSource[] }
  /** True when the JSON value found at `sources` — or, for an array, any element — satisfies `body`. */
  | { readonly kind: 'json_any'; readonly sources: readonly JsonSource[]; readonly element: SqlVariable; readonly body: SqlFragment }
  /** True when any element of the list satisfies `body`. */
  | { readonly kind: 'list_any'; readonly list: SqlFragment; readonly element: SqlVariable; readonly body: SqlFragment }
  | { readonly kind: 'variable'; readonly variable: SqlVariable };

/** Identifiers: column names like `source.ip`, `@timestamp`, aggregate names like `sum(network.bytes)`. */
const IDENTIFIER = /^[A-Za-z_@$][A-Za-z0-9_@$.\-()]{0,127}$/;
const JSON_COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** SQL text from this code only; the public way in is the `sql` tag. */
export function text(sqlText: string): SqlFragment {
  return { kind: 'text', text: sqlText };
}

export function ident(name: string): SqlFragment {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${JSON.stringify(name)}`);
  return { kind: 'ident', name };
}

/** A bound value; the type is inferred from the value unless given. */
export function param(value: ParamValue, type?: ParamType): SqlFragment {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot bind ${value}`);
  return { kind: 'param', value, type: type ?? inferType(value) };
}

function inferType(value: ParamValue): ParamType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'string';
}

export function seq(...parts: SqlFragment[]): SqlFragment {
  return { kind: 'seq', parts };
}

export function call(fn: PortableFunction, ...args: SqlFragment[]): SqlFragment {
  return { kind: 'call', fn, args };
}

/** `parts` separated by `separator` (itself a fragment, e.g. sql`, `). */
export function join(parts: readonly SqlFragment[], separator: SqlFragment): SqlFragment {
  const out: SqlFragment[] = [];
  parts.forEach((p, i) => {
    if (i) out.push(separator);
    out.push(p);
  });
  return { kind: 'seq', parts: out };
}

function checkSources(sources: readonly JsonSource[]): void {
  if (sources.length === 0) throw new Error('a JSON lookup needs at least one source');
  for (const s of sources) {
    if (!JSON_COLUMN.test(s.column)) throw new Error(`not a JSON column name: ${JSON.stringify(s.column)}`);
    if (s.path.length === 0) throw new Error('a JSON path needs at least one key');
  }
}

export function jsonText(sources: readonly JsonSource[]): SqlFragment {
  checkSources(sources);
  return { kind: 'json_text', sources };
}

export function jsonAny(sources: readonly JsonSource[], predicate: (element: SqlFragment) => SqlFragment): SqlFragment {
  checkSources(sources);
  const element: SqlVariable = { role: 'element' };
  return { kind: 'json_any', sources, element, body: predicate({ kind: 'variable', variable: element }) };
}

export function listAny(list: SqlFragment, predicate: (element: SqlFragment) => SqlFragment): SqlFragment {
  const element: SqlVariable = { role: 'element' };
  return { kind: 'list_any', list, element, body: predicate({ kind: 'variable', variable: element }) };
}

/**
 * Tagged template: static text is SQL, interpolated fragments are embedded, and any other
 * interpolated value is bound as a parameter — `sql\`${ident('host.name')} = ${name}\``.
 */
export function sql(strings: TemplateStringsArray, ...values: Array<SqlFragment | ParamValue>): SqlFragment {
  if (!Array.isArray(strings) || !Array.isArray((strings as TemplateStringsArray).raw)) {
    throw new Error('sql must be used as a template tag');
  }
  const parts: SqlFragment[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push(text(s));
    if (i < values.length) {
      const v = values[i];
      parts.push(isFragment(v) ? v : param(v));
    }
  });
  return seq(...parts);
}

export function isFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

export const TRUE = text('TRUE');
export const FALSE = text('FALSE');
