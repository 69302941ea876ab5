/**
 * One field term → an SQL predicate, by the stored type of the field:
 *
 * - text (`string`, and values read from JSON): case-insensitive, wildcards, regex, CIDR;
 *   comparisons with a number compare numerically, otherwise as text;
 * - lists (`string[]`): true when any element matches;
 * - numbers: compared as numbers, typed as the column (an `int` column never sees a float
 *   bound, so the comparison stays on the column's own type);
 * - timestamps: ISO-8601 or relative times, each standing for its precision (`2026-01-02`
 *   is that whole day), compared as half-open ranges that zone maps can prune on.
 */
import type { Match, Span, TermNode } from './ast.js';
import { hasWildcards, literalText } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { fieldType, resolveField, type ResolvedField } from './fields.js';
import { and, compare, isNotNull, listContains, lower, type ComparisonOperator } from './sql/builder.js';
import { call, FALSE, ident, jsonAny, jsonText, listAny, param, TRUE, type SqlFragment } from './sql/fragment.js';
import { ipInNetwork, textPattern, textRegex } from './text-match.js';
import { documentPredicate } from './text-search.js';
import { parseTimeSpan } from './time.js';
import { timeFromEventId } from '../core/ids.js';

export interface TermContext {
  /** Epoch ms that relative times count from. */
  now: number;
}

export function compileTerm(term: TermNode, ctx: TermContext): SqlFragment {
  let field: ResolvedField;
  try {
    field = resolveField(term.field.name);
  } catch (err) {
    throw new QuerySyntaxError(err instanceof Error ? err.message : String(err), term.field.column);
  }
  const type = fieldType(field);
  const m = term.match;
  if (field.kind === 'document') return documentPredicate(field.name, m, term.value);
  if (field.kind === 'json') return m.kind === 'exists' ? isNotNull(jsonText(field.sources)) : jsonAny(field.sources, (el) => textPredicate(el, m, term.value));
  const col = field.expr;
  switch (type) {
    case 'string':
      if (field.name === 'id') return idPredicate(col, m) ?? textPredicate(col, m, term.value);
      return textPredicate(col, m, term.value);
    case 'string[]':
      return listPredicate(col, m, term.value);
    case 'int':
    case 'float':
      return numberPredicate(col, m, type, term);
    case 'bool':
      return boolPredicate(col, m, term);
    case 'timestamp':
      return timePredicate(col, m, term, ctx.now);
    default:
      throw new QuerySyntaxError(`${field.name} cannot be searched`, term.field.column);
  }
}

const parseNumber = (text: string): number | undefined => {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

/** Text semantics, used for text columns, list elements and JSON values. */
export function textPredicate(x: SqlFragment, m: Match, at: Span): SqlFragment {
  switch (m.kind) {
    case 'value':
      return textPattern(x, m.quoted ? [{ kind: 'literal', text: m.text }] : m.parts);
    case 'exists':
      return isNotNull(x);
    case 'regex':
      return textRegex(x, m.pattern);
    case 'cidr':
      return ipInNetwork(x, m.network);
    case 'compare': {
      const n = parseNumber(m.value);
      return n === undefined ? compare(x, m.op, param(m.value)) : compare(call('to_double', x), m.op, param(n, 'float'));
    }
    case 'range': {
      const bounds = [m.lower, m.upper].filter((b): b is string => b !== null);
      const numeric = bounds.length > 0 && bounds.every((b) => parseNumber(b) !== undefined);
      const subject = numeric ? call('to_double', x) : x;
      const bound = (b: string) => (numeric ? param(parseNumber(b)!, 'float') : param(b));
      const parts: SqlFragment[] = [];
      if (m.lower !== null) parts.push(compare(subject, m.lowerInclusive ? '>=' : '>', bound(m.lower)));
      if (m.upper !== null) parts.push(compare(subject, m.upperInclusive ? '<=' : '<', bound(m.upper)));
      return parts.length ? and(...parts) : isNotNull(x);
    }
  }
  throw new QuerySyntaxError('unsupported value', at.column);
}

function listPredicate(list: SqlFragment, m: Match, at: Span): SqlFragment {
  if (m.kind === 'exists') return compare(call('list_length', list), '>', param(0));
  if (m.kind === 'value' && (m.quoted || !hasWildcards(m.parts))) {
    // Exact element membership: list_contains runs on the list without a lambda.
    const value = m.quoted ? m.text : literalText(m.parts);
    return value.toLowerCase() === value.toUpperCase() ? listContains(list, param(value)) : listContains(call('list_lower', list), lower(param(value)));
  }
  return listAny(list, (el) => textPredicate(el, m, at));
}

/** `x > 2.5` on an int column is `x > 2`; keeps the bound an integer so the column is never cast. */
function integerBound(op: ComparisonOperator, n: number): number {
  if (Number.isInteger(n)) return n;
  return op === '>' || op === '<=' ? Math.floor(n) : Math.ceil(n);
}

function numberPredicate(x: SqlFragment, m: Match, type: 'int' | 'float', term: TermNode): SqlFragment {
  const name = term.field.name;
  const number = (text: string): number => {
    const n = parseNumber(text);
    if (n === undefined) throw new QuerySyntaxError(`${name} holds numbers; "${text}" is not a number`, term.value.column);
    return n;
  };
  const bound = (op: ComparisonOperator, text: string): SqlFragment => {
    const n = number(text);
    return type === 'int' ? compare(x, op, param(integerBound(op, n), 'int')) : compare(x, op, param(n, 'float'));
  };
  switch (m.kind) {
    case 'exists':
      return isNotNull(x);
    case 'value': {
      if (!m.quoted && hasWildcards(m.parts)) return textPattern(call('to_text', x), m.parts);
      const n = number(m.quoted ? m.text : literalText(m.parts));
      if (type === 'int' && !Number.isInteger(n)) return FALSE;
      return compare(x, '=', param(n, type));
    }
    case 'compare':
      return bound(m.op, m.value);
    case 'range': {
      const parts: SqlFragment[] = [];
      if (m.lower !== null) parts.push(bound(m.lowerInclusive ? '>=' : '>', m.lower));
      if (m.upper !== null) parts.push(bound(m.upperInclusive ? '<=' : '<', m.upper));
      return parts.length ? and(...parts) : isNotNull(x);
    }
    case 'regex':
      return textRegex(call('to_text', x), m.pattern);
    case 'cidr':
      throw new QuerySyntaxError(`${name} holds numbers, not IP addresses`, term.value.column);
  }
}

function boolPredicate(x: SqlFragment, m: Match, term: TermNode): SqlFragment {
  if (m.kind === 'exists') return isNotNull(x);
  const text = m.kind === 'value' ? (m.quoted ? m.text : literalText(m.parts)).toLowerCase() : '';
  if (m.kind !== 'value' || (text !== 'true' && text !== 'false') || (!m.quoted && hasWildcards(m.parts))) {
    throw new QuerySyntaxError(`${term.field.name} is true or false`, term.value.column, ['true', 'false']);
  }
  return compare(x, '=', param(text === 'true', 'bool'));
}

function timePredicate(x: SqlFragment, m: Match, term: TermNode, now: number): SqlFragment {
  const at = (ms: number) => param(ms, 'timestamp');
  const span = (text: string) => parseTimeSpan(text, now, term.value.column);
  switch (m.kind) {
    case 'exists':
      return isNotNull(x);
    case 'value': {
      if (!m.quoted && hasWildcards(m.parts)) break;
      const s = span(m.quoted ? m.text : literalText(m.parts));
      return and(compare(x, '>=', at(s.start)), compare(x, '<', at(s.end)));
    }
    case 'compare': {
      const s = span(m.value);
      if (m.op === '>') return compare(x, '>=', at(s.end));
      if (m.op === '>=') return compare(x, '>=', at(s.start));
      if (m.op === '<') return compare(x, '<', at(s.start));
      return compare(x, '<', at(s.end));
    }
    case 'range': {
      const parts: SqlFragment[] = [];
      if (m.lower !== null) parts.push(compare(x, '>=', at(m.lowerInclusive ? span(m.lower).start : span(m.lower).end)));
      if (m.upper !== null) parts.push(compare(x, '<', at(m.upperInclusive ? span(m.upper).end : span(m.upper).start)));
      return parts.length ? and(...parts) : TRUE;
    }
    default:
      break;
  }
  throw new QuerySyntaxError(`${term.field.name} is a time: use an ISO-8601 or relative time, a comparison or a range`, term.value.column);
}

/**
 * `id:<id>`: ids are ULIDs that encode their event's millisecond, so the lookup also bounds
 * "@timestamp" to it and zone maps skip every other row group; ids compare exactly.
 */
function idPredicate(x: SqlFragment, m: Match): SqlFragment | undefined {
  if (m.kind !== 'value' || (!m.quoted && hasWildcards(m.parts))) return undefined;
  const id = (m.quoted ? m.text : literalText(m.parts)).toUpperCase();
  const t = timeFromEventId(id);
  if (t === undefined) return undefined;
  const ts = ident('@timestamp');
  return and(compare(x, '=', param(id)), compare(ts, '>=', param(t, 'timestamp')), compare(ts, '<', param(t + 1, 'timestamp')));
}
