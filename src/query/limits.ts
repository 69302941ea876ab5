/**
 * Bounds on untrusted query text. A query arrives from an HTTP client, so parsing must stay
 * cheap whatever is typed: length, nesting and term counts cap the parser's work and the
 * size of the generated SQL; regular expressions are RE2 (linear time) and capped in length.
 */
export interface QueryLimits {
  /** Longest accepted query text, in characters. */
  max_query_length: number;
  /** Deepest nesting of parentheses and negations. */
  max_nesting_depth: number;
  /** Most filter terms (field terms and free-text terms) in one query. */
  max_terms: number;
  /** Most pipes after the filter. */
  max_pipes: number;
  /** Longest regular expression, in characters. */
  max_regex_length: number;
  /** Most fields in a `by` clause, a `sort` or a `fields` list; most aggregations in one pipe. */
  max_list_items: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  max_query_length: 10_000,
  max_nesting_depth: 32,
  max_terms: 256,
  max_pipes: 16,
  max_regex_length: 1_000,
  max_list_items: 32,
});

/** Raw events returned when neither the query (`| head N`) nor the caller says how many. */
export const DEFAULT_ROW_LIMIT = 100;
/** The most rows any query returns, whatever `head` or the caller ask for. */
export const MAX_ROW_LIMIT = 10_000;
