/**
 * Composition helpers over fragments: boolean logic, comparisons, null tests, lists, LIKE and
 * regex. They add structure only (keywords and parentheses); values stay bound parameters.
 */
import { call, FALSE, join, param, seq, text, TRUE, type ParamValue, type SqlFragment } from './fragment.js';

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';
const OPERATORS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

const isTrue = (f: SqlFragment) => f === TRUE;
const isFalse = (f: SqlFragment) => f === FALSE;

/** Conjunction; TRUE parts drop out and a FALSE part decides. */
export function and(...parts: SqlFragment[]): SqlFragment {
  const kept = parts.filter((p) => !isTrue(p));
  if (kept.some(isFalse)) return FALSE;
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0] : seq(text('('), join(kept, text(' AND ')), text(')'));
}

/** Disjunction; FALSE parts drop out and a TRUE part decides. */
export function or(...parts: SqlFragment[]): SqlFragment {
  const kept = parts.filter((p) => !isFalse(p));
  if (kept.some(isTrue)) return TRUE;
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? kept[0] : seq(text('('), join(kept, text(' OR ')), text(')'));
}

/**
 * Negation that treats "unknown" as "not matching": `NOT user.name:alice` keeps events that
 * have no user.name, as in Lucene and Splunk, where plain SQL `NOT (NULL = 'alice')` would not.
 */
export function not(part: SqlFragment): SqlFragment {
  if (isTrue(part)) return FALSE;
  if (isFalse(part)) return TRUE;
  return call('is_not_true', part);
}

export function compare(left: SqlFragment, op: ComparisonOperator, right: SqlFragment): SqlFragment {
  if (!OPERATORS.has(op)) throw new Error(`not a comparison operator: ${op}`);
  return seq(left, text(` ${op} `), right);
}

export function isNull(expr: SqlFragment): SqlFragment {
  return seq(expr, text(' IS NULL'));
}

export function isNotNull(expr: SqlFragment): SqlFragment {
  return seq(expr, text(' IS NOT NULL'));
}

/** `expr BETWEEN lower AND upper` (inclusive): the expression is written, and computed, once. */
export function between(expr: SqlFragment, lower: SqlFragment, upper: SqlFragment): SqlFragment {
  return seq(text('('), expr, text(' BETWEEN '), lower, text(' AND '), upper, text(')'));
}

export function inList(expr: SqlFragment, values: readonly ParamValue[]): SqlFragment {
  if (values.length === 0) return FALSE;
  return seq(expr, text(' IN ('), join(values.map((v) => param(v)), text(', ')), text(')'));
}

export function lower(expr: SqlFragment): SqlFragment {
  return call('lower', expr);
}

/** Case-sensitive LIKE with `%`, `_` and backslash escapes. */
export function like(expr: SqlFragment, pattern: SqlFragment): SqlFragment {
  return call('like', expr, pattern);
}

/** Case-insensitive LIKE with `%`, `_` and backslash escapes. */
export function ilike(expr: SqlFragment, pattern: SqlFragment): SqlFragment {
  return call('ilike', expr, pattern);
}

/** RE2 regular expression, matching anywhere in the text. */
export function regexMatches(expr: SqlFragment, pattern: SqlFragment): SqlFragment {
  return call('regex_matches', expr, pattern);
}

export function listContains(list: SqlFragment, value: SqlFragment): SqlFragment {
  return call('list_contains', list, value);
}

export function coalesce(...exprs: SqlFragment[]): SqlFragment {
  return exprs.length === 1 ? exprs[0] : call('coalesce', ...exprs);
}

export function alias(expr: SqlFragment, name: SqlFragment): SqlFragment {
  return seq(expr, text(' AS '), name);
}
