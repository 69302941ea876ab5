/**
 * ClickHouse: typed `{pN:Type}` placeholders (the client passes `query_params: {p1: …}`),
 * backquoted identifiers, JSON keys bound one per level, `arrayExists` for list predicates.
 * It proves that the compiler above the dialects is engine-neutral; it is tested by
 * rendering, and runs once a ClickHouse store adapter exists.
 */
import type { Bind, RenderedJsonSource, SqlDialect } from './dialect.js';
import type { ParamType, ParamValue, PortableFunction, SqlFragment } from './fragment.js';

const TYPES: Record<ParamType, string> = { string: 'String', int: 'Int64', float: 'Float64', bool: 'Bool', timestamp: "DateTime64(6, 'UTC')" };

/** `2026-01-02 03:04:05.678000`, the text form ClickHouse parses for DateTime64 parameters. */
function clickhouseTime(ms: number): string {
  const micros = Math.round(ms * 1000);
  const sub = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  const iso = new Date((micros - sub) / 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(sub).padStart(6, '0')}`;
}

function keys(source: RenderedJsonSource, bind: Bind): string {
  return source.path.map((k) => bind(k, 'string')).join(', ');
}

function extract(sources: readonly RenderedJsonSource[], type: string, bind: Bind): string {
  const parts = sources.map((s) => `JSONExtract(${s.column}, ${keys(s, bind)}, ${bind(type, 'string')})`);
  return parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
}

export const clickhouseDialect: SqlDialect = {
  name: 'clickhouse',
  quoteIdentifier: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  placeholder: (index, type) => `{p${index}:${TYPES[type]}}`,
  encodeParam(value: ParamValue, type: ParamType): unknown {
    if (type === 'timestamp' && typeof value === 'number') return clickhouseTime(value);
    return value;
  },
  call(fn: PortableFunction, a: readonly string[], _raw: readonly SqlFragment[], bind: Bind): string {
    switch (fn) {
      case 'lower':
        return `lowerUTF8(${a[0]})`;
      case 'contains':
        return `(position(${a[0]}, ${a[1]}) > 0)`;
      case 'starts_with':
        return `startsWith(${a[0]}, ${a[1]})`;
      case 'ends_with':
        return `endsWith(${a[0]}, ${a[1]})`;
      case 'like':
        return `(${a[0]} LIKE ${a[1]})`;
      case 'ilike':
        return `(${a[0]} ILIKE ${a[1]})`;
      case 'regex_matches':
        return `match(${a[0]}, ${a[1]})`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'is_not_true':
        return `(NOT ifNull(${a[0]}, false))`;
      case 'to_double':
        return `toFloat64OrNull(toString(${a[0]}))`;
      case 'to_text':
        return `toString(${a[0]})`;
      case 'list_contains':
        return `has(${a[0]}, ${a[1]})`;
      case 'list_lower':
        return `arrayMap(_l -> lowerUTF8(_l), ${a[0]})`;
      case 'list_length':
        return `length(${a[0]})`;
      case 'unnest':
        return `arrayJoin(${a[0]})`;
      case 'time_bucket':
        return `toStartOfInterval(${a[1]}, toIntervalMillisecond(${a[0]}))`;
      case 'count_distinct':
        return `uniqExact(${a[0]})`;
      case 'ipv4_number':
        return `toUInt32OrNull(toIPv4OrNull(${a[0]}))`;
      case 'ipv6_hex':
        return `if(position(${a[0]}, ${bind(':', 'string')}) > 0, lower(hex(toIPv6OrNull(${a[0]}))), NULL)`;
    }
  },
  jsonText: (sources, bind) => extract(sources, 'Nullable(String)', bind),
  jsonAny(sources, element, body, bind) {
    const raw = sources.map((s) => `JSONExtractRaw(${s.column}, ${keys(s, bind)})`);
    const value = raw.length === 1 ? raw[0] : `coalesce(${raw.map((r) => `nullIf(${r}, ${bind('', 'string')})`).join(', ')})`;
    const items = `if(JSONType(${value}) = ${bind('Array', 'string')}, JSONExtract(${value}, ${bind('Array(String)', 'string')}), [JSONExtract(${value}, ${bind('Nullable(String)', 'string')})])`;
    return `arrayExists(${element} -> ${body()}, ${items})`;
  },
  listAny: (list, element, body) => `arrayExists(${element} -> ${body}, ${list})`,
  variableName: (n) => `_e${n}`,
};
