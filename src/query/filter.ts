/**
 * The filter part of a query → an SQL predicate. String matching is case-insensitive (as in
 * Splunk and Sigma); numbers compare as numbers; list columns match when any element does.
 */
import type { Expr, ValueNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { fieldType, fieldValue, resolveField, type ResolvedField } from './fields.js';
import { and, cmp, fn, ident, ilike, isNotNull, LIST_ELEMENT, listAny, not, or, param, raw, seq, type CmpOp, type SqlFragment } from './sql/fragment.js';
import { parseTime } from './time.js';

/** `a*b?c` → LIKE pattern `a%b_c` with LIKE's own metacharacters escaped; `\*` stays a star. */
export function likePattern(text: string, wildcard: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '?')) {
      out += text[++i];
    } else if (wildcard && c === '*') out += '%';
    else if (wildcard && c === '?') out += '_';
    else if (c === '%' || c === '_' || c === '\\') out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** The literal text of a value: escaped wildcards lose their backslash. */
export function literal(v: ValueNode): string {
  return v.text.replace(/\\([*?])/g, '$1');
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function cidrRange(text: string): [number, number] | undefined {
  const m = IPV4_CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const base = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  const size = 2 ** (32 - bits);
  const low = Math.floor(base / size) * size;
  return [low, low + size - 1];
}

function numberOf(v: ValueNode): number | undefined {
  const t = literal(v);
  if (v.wildcard || t.trim() === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function timeParam(v: ValueNode, now: number): SqlFragment {
  return fn('timestamp_from_micros', param(Math.round(parseTime(literal(v), now, v.col) * 1000)));
}

function textMatch(expr: SqlFragment, v: ValueNode): SqlFragment {
  const range = v.quoted ? undefined : cidrRange(v.text);
  if (range) return seq(fn('ipv4_to_int', expr), raw(' BETWEEN '), param(range[0]), raw(' AND '), param(range[1]));
  if (!v.quoted && /^[0-9a-fA-F:]+\/\d{1,3}$/.test(v.text) && v.text.includes(':')) {
    throw new QuerySyntaxError('IPv6 CIDR ranges are not supported in search yet; use a wildcard such as 2001:db8:*', v.col);
  }
  if (v.wildcard) return ilike(expr, param(likePattern(v.text, true)));
  return cmp(fn('lower', expr), '=', param(literal(v).toLowerCase()));
}

function match(f: ResolvedField, v: ValueNode, now: number): SqlFragment {
  const type = fieldType(f);
  const expr = fieldValue(f);
  switch (type) {
    case 'string[]':
      return listAny(f.name, textMatch(LIST_ELEMENT, v));
    case 'int':
    case 'float': {
      if (v.wildcard) return ilike(fn('to_text', expr), param(likePattern(v.text, true)));
      const n = numberOf(v);
      if (n === undefined) throw new QuerySyntaxError(`${f.name} is a number; "${literal(v)}" is not`, v.col);
      return cmp(expr, '=', param(n));
    }
    case 'bool': {
      const t = literal(v).toLowerCase();
      if (t !== 'true' && t !== 'false') throw new QuerySyntaxError(`${f.name} is true or false, not "${literal(v)}"`, v.col);
      return cmp(expr, '=', param(t === 'true'));
    }
    case 'timestamp':
      return cmp(expr, '=', timeParam(v, now));
    case 'string':
      return textMatch(expr, v);
  }
}

function compare(f: ResolvedField, op: CmpOp, v: ValueNode, now: number): SqlFragment {
  const type = fieldType(f);
  const expr = fieldValue(f);
  if (type === 'timestamp') return cmp(expr, op, timeParam(v, now));
  const n = numberOf(v);
  if (type === 'int' || type === 'float') {
    if (n === undefined) throw new QuerySyntaxError(`${f.name} is a number; "${literal(v)}" is not`, v.col);
    return cmp(expr, op, param(n));
  }
  // Text fields compare numerically when the value is a number (ports, sizes in JSON), else as text.
  if (n !== undefined) return cmp(fn('try_double', expr), op, param(n));
  return cmp(fn('lower', expr), op, param(literal(v).toLowerCase()));
}

function freeText(v: ValueNode): SqlFragment {
  const pattern = param(`%${likePattern(v.text, v.wildcard && !v.quoted)}%`);
  return or(ilike(fn('coalesce', ident('message'), raw("''")), pattern), ilike(ident('fields'), pattern), ilike(ident('native'), pattern));
}

export function compileFilter(e: Expr, now: number): SqlFragment {
  switch (e.kind) {
    case 'and':
      return and(compileFilter(e.left, now), compileFilter(e.right, now));
    case 'or':
      return or(compileFilter(e.left, now), compileFilter(e.right, now));
    case 'not':
      return not(compileFilter(e.expr, now));
    case 'match':
      return match(resolveField(e.field), e.value, now);
    case 'exists': {
      const f = resolveField(e.field);
      const present = isNotNull(fieldValue(f));
      return f.kind === 'column' && f.type === 'string[]' ? and(present, seq(raw('len('), ident(f.name), raw(') > 0'))) : present;
    }
    case 'compare':
      return compare(resolveField(e.field), e.op, e.value, now);
    case 'range': {
      const f = resolveField(e.field);
      return and(compare(f, '>=', e.low, now), compare(f, '<=', e.high, now));
    }
    case 'text':
      return freeText(e.value);
  }
}
