/**
 * Retry with jittered exponential backoff, written once for every sink and client.
 * Only RetryableError (a dependency is down) is retried; bad input fails at once.
 */
import { isRetryable } from './errors.js';

export interface RetryOptions {
  max_attempts: number;
  initial_backoff_ms: number;
  max_backoff_ms: number;
  /** Give up when this epoch-ms deadline would be passed. */
  deadline?: number;
  signal?: AbortSignal;
  onRetry?: (attempt: number, err: unknown, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryOptions = { max_attempts: 8, initial_backoff_ms: 100, max_backoff_ms: 10_000 };

/** "Full jitter" backoff: a uniform delay in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, opts: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(opts.max_backoff_ms, opts.initial_backoff_ms * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt + 1 >= opts.max_attempts || opts.signal?.aborted) throw err;
      const delay = backoffDelay(attempt, opts);
      if (opts.deadline !== undefined && Date.now() + delay > opts.deadline) throw err;
      opts.onRetry?.(attempt + 1, err, delay);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        opts.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }
}
