/**
 * Counts failed sign-ins per user name and per client address over a sliding window and
 * refuses further attempts once a limit is reached, so passwords cannot be guessed at speed.
 * Memory is bounded: at most `max_keys` keys are tracked, the stalest dropped first.
 */
export interface SignInLimits {
  window_ms: number;
  max_failures_per_user: number;
  max_failures_per_ip: number;
  max_keys: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { window_ms: 15 * 60_000, max_failures_per_user: 5, max_failures_per_ip: 20, max_keys: 10_000 };

export class SignInLimiter {
  /** Key → failure times (oldest first); Map order is insertion order, used for eviction. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(user: string, ip: string): number {
    return Math.max(this.wait(`u:${user}`, this.limits.max_failures_per_user), this.wait(`i:${ip}`, this.limits.max_failures_per_ip));
  }

  recordFailure(user: string, ip: string): void {
    for (const key of [`u:${user}`, `i:${ip}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > this.limits.max_keys) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** A good sign-in clears the user's count (not the address's: one user may hide many guesses). */
  recordSuccess(user: string): void {
    this.failures.delete(`u:${user}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.window_ms;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    return Math.max(1, list[list.length - max] + this.limits.window_ms - this.now());
  }
}
