/**
 * ClickHouse: typed `{pN:Type}` placeholders, JSONExtractString with one bound key per level,
 * arrayExists for list columns. Rendering only for now: the ClickHouse store adapter will run it.
 */
import type { Dialect } from './dialect.js';

function chType(v: unknown): string {
  if (typeof v === 'bigint') return 'Int64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Int64' : 'Float64';
  if (typeof v === 'boolean') return 'Bool';
  return 'String';
}

export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  placeholder: (i, v) => `{p${i}:${chType(v)}}`,
  quoteIdent: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  fn(name, a) {
    switch (name) {
      case 'lower':
        return `lowerUTF8(${a[0]})`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'try_double':
        return `toFloat64OrNull(toString(${a[0]}))`;
      case 'to_text':
        return `toString(${a[0]})`;
      case 'timestamp_from_micros':
        return `fromUnixTimestamp64Micro(${a[0]})`;
      case 'epoch_micros':
        return `toUnixTimestamp64Micro(${a[0]})`;
      case 'time_bucket':
        return `toStartOfInterval(${a[1]}, toIntervalMillisecond(intDiv(${a[0]}, 1000)))`;
      case 'count_distinct':
        return `uniqExact(${a[0]})`;
      case 'ipv4_to_int':
        return `toUInt32OrNull(toIPv4OrNull(${a[0]}))`;
      case 'regexp_matches':
        return `match(${a[0]}, ${a[1]})`;
    }
  },
  jsonText: (column, keys, bind) => `JSONExtractString(${column}, ${keys.map(bind).join(', ')})`,
  listAny: (column, predicate) => `arrayExists(v -> ${predicate('v')}, ${column})`,
  ilike: (expr, pattern, negate) => `${expr} ${negate ? 'NOT ILIKE' : 'ILIKE'} ${pattern}`,
};
