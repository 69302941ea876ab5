/** DuckDB: `$n` placeholders, JSON paths bound as one `$."k1"."k2"` parameter, list lambdas. */
import type { Dialect } from './dialect.js';

function jsonPath(keys: string[]): string {
  return `$${keys.map((k) => `."${k.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join('')}`;
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  placeholder: (i) => `$${i}`,
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  fn(name, a) {
    switch (name) {
      case 'lower':
        return `lower(${a[0]})`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'try_double':
        return `TRY_CAST(${a[0]} AS DOUBLE)`;
      case 'to_text':
        return `CAST(${a[0]} AS VARCHAR)`;
      case 'timestamp_from_micros':
        return `make_timestamp(${a[0]}::BIGINT)`;
      case 'epoch_micros':
        return `epoch_us(${a[0]})`;
      case 'time_bucket':
        return `time_bucket(to_microseconds(${a[0]}::BIGINT), ${a[1]})`;
      case 'count_distinct':
        return `count(DISTINCT ${a[0]})`;
      case 'ipv4_to_int':
        // NULL for anything that is not dotted-quad IPv4, so CIDR tests never match garbage.
        return `(TRY_CAST(split_part(${a[0]}, '.', 1) AS BIGINT) * 16777216 + TRY_CAST(split_part(${a[0]}, '.', 2) AS BIGINT) * 65536 + TRY_CAST(split_part(${a[0]}, '.', 3) AS BIGINT) * 256 + TRY_CAST(split_part(${a[0]}, '.', 4) AS BIGINT))`;
      case 'regexp_matches':
        return `regexp_matches(${a[0]}, ${a[1]})`;
    }
  },
  jsonText: (column, keys, bind) => `json_extract_string(${column}, ${bind(jsonPath(keys))})`,
  listAny: (column, predicate) => `(len(list_filter(${column}, lambda v: ${predicate('v')})) > 0)`,
  ilike: (expr, pattern, negate) => `${expr} ${negate ? 'NOT ILIKE' : 'ILIKE'} ${pattern} ESCAPE '\\'`,
};
