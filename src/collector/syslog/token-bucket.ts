/**
 * Message-rate limiting. A token bucket refills at `ratePerSecond` up to `burst`. `tryTake`
 * is for dropping (UDP, `on_rate_limit: drop`); `takeWithDebt` lets a stream consume what it
 * already read and says how long to pause before the bucket is out of debt (lossless TCP
 * backpressure). The clock is injected so tests need no sleeps.
 */
export type Clock = () => number;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: Clock,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
      this.last = t;
    }
  }

  tryTake(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes `n` even into debt; returns ms until the bucket is back at zero (0 when not in debt). */
  takeWithDebt(n: number): number {
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }
}

/**
 * One bucket per sender address, bounded: when `maxKeys` is reached the least recently used
 * bucket is forgotten (that sender starts with a full bucket again), so a spoofed-source
 * flood cannot grow memory without bound.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: Clock,
    private readonly maxKeys = 65_536,
  ) {}

  get enabled(): boolean {
    return this.ratePerSecond > 0;
  }

  bucket(key: string): TokenBucket {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key);
    } else {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      b = new TokenBucket(this.ratePerSecond, this.burst, this.now);
    }
    this.buckets.set(key, b);
    return b;
  }

  get size(): number {
    return this.buckets.size;
  }
}
