/**
 * Errors of the query language. Every error names the 1-based column in the query text where
 * the problem starts, so the HTTP API can answer 400 with a position and the CLI can point at it.
 */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';

  constructor(
    /** What was wrong, without the position (the message adds it). */
    readonly reason: string,
    /** 1-based column in the query text (UTF-16 code units, as JavaScript counts them). */
    readonly column: number,
    /** What would have been accepted here, e.g. `['a value', '")"']`. */
    readonly expected: readonly string[] = [],
  ) {
    const expecting = expected.length ? `; expected ${describeExpected(expected)}` : '';
    super(`${reason}${expecting} (at column ${column})`);
  }

  /** What the HTTP API puts under `error`. */
  toJSON(): { code: 'query_syntax'; message: string; column: number; expected: readonly string[] } {
    return { code: 'query_syntax', message: this.message, column: this.column, expected: this.expected };
  }
}

function describeExpected(expected: readonly string[]): string {
  if (expected.length === 1) return expected[0];
  return `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
}
