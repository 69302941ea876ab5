/** A query the user must fix: the message says what, `column` (1-based) says where. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} (at column ${column})`);
  }
}
