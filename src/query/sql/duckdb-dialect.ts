/**
 * DuckDB: numbered `$n` placeholders (so a dialect may reorder or repeat arguments), JSON
 * paths bound as one `$."k1"."k2"` parameter, `lambda x:` list functions.
 *
 * Spellings chosen by measurement on 10M events: `contains(lower(x), …)` beats `ILIKE
 * '%…%'` about threefold; a LIKE without an ESCAPE clause keeps DuckDB's fast matcher, so
 * the clause is added only when a pattern really holds a backslash.
 */
import { isoMicros } from '../time.js';
import type { Bind, RenderedJsonSource, SqlDialect } from './dialect.js';
import type { ParamType, ParamValue, PortableFunction, SqlFragment } from './fragment.js';

/** JSON path syntax with every key quoted; keys are bound, so this only has to be exact. */
export function duckdbJsonPath(path: readonly string[]): string {
  return `$${path.map((k) => `."${k.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join('')}`;
}

/** A bound pattern (possibly inside `lower(…)`) without a backslash needs no ESCAPE clause. */
function patternNeedsEscape(raw: SqlFragment | undefined): boolean {
  let p = raw;
  while (p?.kind === 'call' && p.fn === 'lower') p = p.args[0];
  return !(p?.kind === 'param' && typeof p.value === 'string' && !p.value.includes('\\'));
}

function likeCall(op: 'LIKE' | 'ILIKE', args: readonly string[], raw: readonly SqlFragment[], bind: Bind): string {
  const escape = patternNeedsEscape(raw[1]) ? ` ESCAPE ${bind('\\', 'string')}` : '';
  return `(${args[0]} ${op} ${args[1]}${escape})`;
}

function ipv4Number(x: string, bind: Bind): string {
  const dot = bind('.', 'string');
  const octet = (n: number) => `CAST(split_part(${x}, ${dot}, ${n}) AS BIGINT)`;
  return `(CASE WHEN regexp_full_match(${x}, ${bind('[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}', 'string')}) THEN ${octet(1)} * 16777216 + ${octet(2)} * 65536 + ${octet(3)} * 256 + ${octet(4)} END)`;
}

/**
 * IPv6 text → 32 hex digits: split around `::`, fill the gap with zero groups, pad each group
 * to four digits. Text that is not hex groups (or holds an embedded IPv4 tail) gives NULL.
 */
function ipv6Hex(x: string, bind: Bind): string {
  const colon = bind(':', 'string');
  const double = bind('::', 'string');
  const empty = bind('', 'string');
  const zero = bind('0', 'string');
  const groups = (n: number) => `list_filter(string_split(split_part(_ip6, ${double}, ${n}), ${colon}), lambda _g: _g <> ${empty})`;
  const full = `${groups(1)} || list_transform(range(8 - len(${groups(1)}) - len(${groups(2)})), lambda _z: ${zero}) || ${groups(2)}`;
  const hex = `list_transform([${full}], lambda _gs: CASE WHEN len(_gs) = 8 AND list_bool_and(list_transform(_gs, lambda _g: len(_g) <= 4)) THEN array_to_string(list_transform(_gs, lambda _g: lpad(_g, 4, ${zero})), ${empty}) END)[1]`;
  const shape = bind('[0-9a-f:]*:[0-9a-f:]*', 'string');
  return `list_transform([lower(${x})], lambda _ip6: CASE WHEN regexp_full_match(_ip6, ${shape}) AND len(string_split(_ip6, ${double})) <= 2 THEN ${hex} END)[1]`;
}

function extract(sources: readonly RenderedJsonSource[], fn: 'json_extract' | 'json_extract_string', bind: Bind): string {
  const parts = sources.map((s) => `${fn}(${s.column}, ${bind(duckdbJsonPath(s.path), 'string')})`);
  return parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
}

export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  quoteIdentifier: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: (index, type) => (type === 'timestamp' ? `CAST($${index} AS TIMESTAMP)` : `$${index}`),
  encodeParam(value: ParamValue, type: ParamType): unknown {
    // ISO text in UTC with a Z: DuckDB casts it exactly (it ignores other offsets, so none are sent).
    if (type === 'timestamp' && typeof value === 'number') return isoMicros(value);
    return value;
  },
  call(fn: PortableFunction, a: readonly string[], raw: readonly SqlFragment[], bind: Bind): string {
    switch (fn) {
      case 'lower':
        return `lower(${a[0]})`;
      case 'contains':
        return `contains(${a[0]}, ${a[1]})`;
      case 'starts_with':
        return `starts_with(${a[0]}, ${a[1]})`;
      case 'ends_with':
        return `ends_with(${a[0]}, ${a[1]})`;
      case 'like':
        return likeCall('LIKE', a, raw, bind);
      case 'ilike':
        return likeCall('ILIKE', a, raw, bind);
      case 'regex_matches':
        return `regexp_matches(${a[0]}, ${a[1]})`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'is_not_true':
        return `(${a[0]}) IS NOT TRUE`;
      case 'to_double':
        return `TRY_CAST(${a[0]} AS DOUBLE)`;
      case 'to_text':
        return `CAST(${a[0]} AS VARCHAR)`;
      case 'list_contains':
        return `list_contains(${a[0]}, ${a[1]})`;
      case 'list_lower':
        return `list_transform(${a[0]}, lambda _l: lower(_l))`;
      case 'list_length':
        return `len(${a[0]})`;
      case 'unnest':
        return `unnest(${a[0]})`;
      case 'time_bucket':
        return `time_bucket(to_milliseconds(${a[0]}), ${a[1]})`;
      case 'count_distinct':
        return `count(DISTINCT ${a[0]})`;
      case 'ipv4_number':
        return ipv4Number(a[0], bind);
      case 'ipv6_hex':
        return ipv6Hex(a[0], bind);
    }
  },
  jsonText: (sources, bind) => extract(sources, 'json_extract_string', bind),
  jsonAny(sources, element, body, bind) {
    // Extract once (the let-binding lambda), then test the scalar or each array element as text.
    const value = extract(sources, 'json_extract', bind);
    const holder = `${element}_json`;
    const items = `CASE WHEN json_type(${holder}) = ${bind('ARRAY', 'string')} THEN json_extract_string(${holder}, ${bind('$[*]', 'string')}) ELSE [json_extract_string(${holder}, ${bind('$', 'string')})] END`;
    return `list_bool_or(list_transform([${value}], lambda ${holder}: len(list_filter(${items}, lambda ${element}: ${body()})) > 0))`;
  },
  listAny: (list, element, body) => `(len(list_filter(${list}, lambda ${element}: ${body})) > 0)`,
  variableName: (n) => `_e${n}`,
};
