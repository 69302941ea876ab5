/**
 * Size- and time-bounded batching with backpressure, written once for every sink.
 *
 * `add(items)` resolves only when the flush that carried those items has completed, so a
 * caller that acknowledges after `add` resolves (the HTTP ingest route, a file checkpoint)
 * never acknowledges data that is not yet stored. Flushes run one at a time, in order.
 * When more than `max_pending_items` are buffered or in flight, `add` waits: that is the
 * backpressure that reaches TCP sockets and HTTP clients.
 */
export interface BatcherOptions {
  max_batch_items: number;
  flush_interval_ms: number;
  max_pending_items: number;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export class Batcher<T> {
  private buffer: T[] = [];
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private spaceWaiters: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly opts: BatcherOptions,
    private readonly flushFn: (items: T[]) => Promise<void>,
  ) {}

  /** Items buffered or being flushed. */
  get pending(): number {
    return this.buffer.length + this.inFlight;
  }

  async add(items: T[]): Promise<void> {
    if (this.closed) throw new Error('batcher is closed');
    if (items.length === 0) return;
    while (this.pending > 0 && this.pending + items.length > this.opts.max_pending_items) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
      if (this.closed) throw new Error('batcher is closed');
    }
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    for (const item of items) this.buffer.push(item);
    if (this.buffer.length >= this.opts.max_batch_items) this.flushNow();
    else if (!this.timer) this.timer = setTimeout(() => this.flushNow(), this.opts.flush_interval_ms);
    return done;
  }

  /** Flush what is buffered now; resolves when every flush so far has completed. */
  async flush(): Promise<void> {
    this.flushNow();
    await this.chain;
  }

  /** Stop accepting, flush everything accepted. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    for (const wake of this.spaceWaiters.splice(0)) wake();
  }

  private flushNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.buffer.length === 0) return;
    const items = this.buffer;
    const waiters = this.waiters;
    this.buffer = [];
    this.waiters = [];
    this.inFlight += items.length;
    this.chain = this.chain.then(async () => {
      try {
        for (let i = 0; i < items.length; i += this.opts.max_batch_items) {
          await this.flushFn(items.slice(i, i + this.opts.max_batch_items));
        }
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      } finally {
        this.inFlight -= items.length;
        for (const wake of this.spaceWaiters.splice(0)) wake();
      }
    });
  }
}
