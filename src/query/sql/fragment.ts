/**
 * SQL as a tree of chunks, rendered late by a dialect (the Drizzle idea). A user's value can
 * only enter as a `param` (bound) and a name only as an `ident` (validated and quoted) or a
 * JSON key (bound): there is no constructor that splices text from input into SQL.
 */

/** Functions whose spelling differs between dialects. */
export type PortableFn =
  | 'lower'
  | 'coalesce'
  | 'try_double'
  | 'to_text'
  | 'timestamp_from_micros'
  | 'epoch_micros'
  | 'time_bucket'
  | 'count_distinct'
  | 'ipv4_to_int'
  | 'regexp_matches';

export type SqlFragment =
  | { kind: 'raw'; text: string }
  | { kind: 'param'; value: string | number | boolean | bigint }
  | { kind: 'ident'; name: string }
  | { kind: 'seq'; parts: SqlFragment[] }
  | { kind: 'fn'; fn: PortableFn; args: SqlFragment[] }
  /** Text of a JSON value at a key path inside a JSON text column. */
  | { kind: 'json_text'; column: string; keys: string[] }
  /** True when any element of a list column satisfies `predicate`, in which `element` stands for the element. */
  | { kind: 'list_any'; column: string; predicate: SqlFragment }
  | { kind: 'list_element' }
  | { kind: 'ilike'; expr: SqlFragment; pattern: SqlFragment; negate?: boolean };

const IDENT = /^[A-Za-z_@][A-Za-z0-9_@.\-()]*$/;

/** Keywords and operators written by the compiler itself, never from input. */
export const raw = (text: string): SqlFragment => ({ kind: 'raw', text });
export const param = (value: string | number | boolean | bigint): SqlFragment => ({ kind: 'param', value });
export const fn = (name: PortableFn, ...args: SqlFragment[]): SqlFragment => ({ kind: 'fn', fn: name, args });
export const jsonText = (column: string, keys: string[]): SqlFragment => ({ kind: 'json_text', column, keys });
export const listAny = (column: string, predicate: SqlFragment): SqlFragment => ({ kind: 'list_any', column, predicate });
export const LIST_ELEMENT: SqlFragment = { kind: 'list_element' };
export const ilike = (expr: SqlFragment, pattern: SqlFragment, negate = false): SqlFragment => ({ kind: 'ilike', expr, pattern, negate });

export function ident(name: string): SqlFragment {
  if (!IDENT.test(name)) throw new Error(`not a safe identifier: ${JSON.stringify(name)}`);
  return { kind: 'ident', name };
}

export function seq(...parts: SqlFragment[]): SqlFragment {
  return { kind: 'seq', parts };
}

export function join(parts: SqlFragment[], separator: string): SqlFragment {
  const out: SqlFragment[] = [];
  parts.forEach((p, i) => {
    if (i) out.push(raw(separator));
    out.push(p);
  });
  return seq(...out);
}

export function and(...parts: SqlFragment[]): SqlFragment {
  if (parts.length === 0) return raw('TRUE');
  return parts.length === 1 ? parts[0] : seq(raw('('), join(parts, ' AND '), raw(')'));
}

export function or(...parts: SqlFragment[]): SqlFragment {
  if (parts.length === 0) return raw('FALSE');
  return parts.length === 1 ? parts[0] : seq(raw('('), join(parts, ' OR '), raw(')'));
}

export function not(part: SqlFragment): SqlFragment {
  return seq(raw('(NOT '), part, raw(')'));
}

export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export function cmp(left: SqlFragment, op: CmpOp, right: SqlFragment): SqlFragment {
  return seq(left, raw(` ${op} `), right);
}

export function isNotNull(expr: SqlFragment): SqlFragment {
  return seq(expr, raw(' IS NOT NULL'));
}
