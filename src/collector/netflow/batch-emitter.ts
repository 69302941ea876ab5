/**
 * Hands decoded records to the pipeline without ever blocking the socket: UDP cannot be
 * paused, so records of consecutive datagrams are coalesced (up to `maxBatchRecords`,
 * flushed at the end of the current event-loop turn), and while more than
 * `maxInFlightRecords` await acknowledgement, new batches are dropped and counted as
 * `overload` — exactly, record by record. When the output offers a non-blocking `offer`
 * (the pipeline does), batches go through it: a full pipeline drops them at once instead of
 * queueing them, and the records it reports as not accepted are counted as `overload` here.
 */
import type { ComponentCounters, Logger, NormalizedRecord, RejectedRecord, SourceOutput } from '../../core/index.js';
import { errorMessage } from '../../core/index.js';

export interface BatchEmitterOptions {
  source: string;
  format: string;
  maxBatchRecords: number;
  maxInFlightRecords: number;
}

export class BatchEmitter {
  private records: NormalizedRecord[] = [];
  private rejected: RejectedRecord[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private inFlightRecords = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private lastFailureLog = 0;

  constructor(
    private readonly opts: BatchEmitterOptions,
    private readonly output: SourceOutput,
    private readonly counters: ComponentCounters,
    private readonly logger: Logger,
  ) {}

  get recordsInFlight(): number {
    return this.inFlightRecords;
  }

  add(records: NormalizedRecord[], rejected: RejectedRecord[]): void {
    for (const r of records) this.records.push(r);
    for (const r of rejected) this.rejected.push(r);
    if (this.records.length >= this.opts.maxBatchRecords) this.flush();
    else if (!this.scheduled && (this.records.length > 0 || this.rejected.length > 0)) this.scheduled = setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.records.length === 0 && this.rejected.length === 0) return;
    const records = this.records;
    const rejected = this.rejected;
    this.records = [];
    this.rejected = [];
    const n = records.length;
    if (n > 0 && this.inFlightRecords + n > this.opts.maxInFlightRecords) {
      // Rejections were already counted under their own reason; under overload they are not dead-lettered.
      this.counters.dropped('overload', n);
      return;
    }
    this.inFlightRecords += n;
    const batch = { source: this.opts.source, format: this.opts.format, records, rejected };
    const done = (this.output.offer ? this.output.offer(batch) : this.output.emit(batch))
      .then(
        (result: unknown) => {
          const accepted = acceptedCount(result, n);
          this.counters.emitted(accepted);
          if (accepted < n) this.counters.dropped('overload', n - accepted);
        },
        (err: unknown) => {
          this.counters.dropped('overload', n);
          const now = Date.now();
          if (now - this.lastFailureLog > 10_000) {
            this.lastFailureLog = now;
            this.logger.warn({ err: errorMessage(err), records: n }, 'pipeline refused netflow records; counted as overload');
          }
        },
      )
      .finally(() => {
        this.inFlightRecords -= n;
        this.inFlight.delete(done);
      });
    this.inFlight.add(done);
  }

  /** Flushes what is buffered and waits for acknowledgements until `deadline` (epoch ms). */
  async drain(deadline: number): Promise<void> {
    this.flush();
    const remaining = Math.max(0, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, remaining);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }
}

/** Records the output took: `offer` may report `accepted` (the pipeline does); otherwise all of them. */
function acceptedCount(result: unknown, sent: number): number {
  if (typeof result === 'object' && result !== null && 'accepted' in result) {
    const accepted = (result as { accepted: unknown }).accepted;
    if (typeof accepted === 'number' && accepted >= 0 && accepted <= sent) return accepted;
  }
  return sent;
}
