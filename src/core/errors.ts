/**
 * Errors are classified (ARCHITECTURE.md §3): bad input is permanent (count it, dead-letter it,
 * continue); a dependency that is down is retryable (back off, keep the data). Only `main`
 * exits the process.
 */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
  constructor(
    message: string,
    /** Where the problem is: a line/column, a byte offset, a config path. */
    readonly where?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A configuration problem, naming the path inside the config file. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function isRetryable(err: unknown): boolean {
  return err instanceof RetryableError;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
