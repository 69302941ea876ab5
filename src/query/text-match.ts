/**
 * Case-insensitive text matching as Splunk and Sigma do it, spelled the way DuckDB runs
 * fastest on 10M rows (measured; see docs/query-language.md):
 *
 * - a value without letters (`4624`, `10.0.0.1`) compares exactly: `x = $1`, which zone maps
 *   and dictionary compression serve directly;
 * - equality with letters is `x ILIKE $1` when the value holds no LIKE metacharacter (no
 *   wildcard, so it is equality ignoring case, and as fast as `=`), else `lower(x) = lower($1)`;
 * - `*needle*`, `prefix*`, `*suffix` become contains / starts_with / ends_with on `lower(x)`;
 * - other wildcard patterns become `lower(x) LIKE lower($1)` with LIKE's own characters escaped.
 *
 * These helpers are exported for the Sigma compiler, which needs the same semantics.
 */
import type { Network, ValuePart } from './ast.js';
import { hasWildcards, literalText } from './ast.js';
import { formatIPv4, ipv6Hex } from './cidr.js';
import { and, between, compare, ilike, isNotNull, like, lower } from './sql/builder.js';
import { call, param, type SqlFragment } from './sql/fragment.js';

/** True when case folding changes the text, i.e. case-insensitive matching needs work. */
export function hasLetterCase(value: string): boolean {
  return value.toLowerCase() !== value.toUpperCase();
}

/** Escapes LIKE's metacharacters (`%`, `_`, `\`) with a backslash. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function likePattern(parts: readonly ValuePart[]): string {
  return parts.map((p) => (p.kind === 'literal' ? escapeLike(p.text) : p.kind === 'any' ? '%' : '_')).join('');
}

/** Case-insensitive equality with a literal. */
export function textEquals(expr: SqlFragment, value: string): SqlFragment {
  if (!hasLetterCase(value)) return compare(expr, '=', param(value));
  if (!/[\\%_]/.test(value)) return ilike(expr, param(value));
  return compare(lower(expr), '=', lower(param(value)));
}

/** Case-insensitive substring test. */
export function textContains(expr: SqlFragment, needle: string): SqlFragment {
  if (!hasLetterCase(needle)) return call('contains', expr, param(needle));
  return call('contains', lower(expr), lower(param(needle)));
}

/** Case-insensitive match of a value with `*` / `?` wildcards (or none). */
export function textPattern(expr: SqlFragment, parts: readonly ValuePart[]): SqlFragment {
  if (!hasWildcards(parts)) return textEquals(expr, literalText(parts));
  const literals = parts.filter((p) => p.kind === 'literal').map((p) => (p.kind === 'literal' ? p.text : ''));
  const cased = literals.some(hasLetterCase);
  const subject = cased ? lower(expr) : expr;
  const bound = (value: string) => (cased ? lower(param(value)) : param(value));
  const only = literals.length === 1 ? literals[0] : undefined;
  const shape = parts.map((p) => (p.kind === 'literal' ? 'l' : p.kind === 'any' ? '*' : '?')).join('');
  if (only !== undefined && shape === '*l*') return call('contains', subject, bound(only));
  if (only !== undefined && shape === 'l*') return call('starts_with', subject, bound(only));
  if (only !== undefined && shape === '*l') return call('ends_with', subject, bound(only));
  if (shape === '*') return isNotNull(expr);
  return like(subject, bound(likePattern(parts)));
}

/** RE2 pattern, unanchored and case-sensitive (prefix `(?i)` to ignore case), as Sigma's `|re`. */
export function textRegex(expr: SqlFragment, pattern: string): SqlFragment {
  return call('regex_matches', expr, param(pattern));
}

/**
 * The text is an address inside the network. IPv4 networks first test the text prefix of the
 * whole octets (`10.` for /8), which is cheap, then the number; IPv6 compares the 32-hex form.
 */
export function ipInNetwork(expr: SqlFragment, network: Network): SqlFragment {
  if (network.version === 4) {
    if (network.prefix === 32) return compare(expr, '=', param(formatIPv4(network.first)));
    const number = call('ipv4_number', expr);
    const range = between(number, param(Number(network.first)), param(Number(network.last)));
    const octets = Math.floor(network.prefix / 8);
    if (octets === 0) return range;
    const prefix = `${formatIPv4(network.first).split('.').slice(0, octets).join('.')}.`;
    return and(call('starts_with', expr, param(prefix)), range);
  }
  const hex = call('ipv6_hex', expr);
  return and(call('contains', expr, param(':')), between(hex, param(ipv6Hex(network.first)), param(ipv6Hex(network.last))));
}
