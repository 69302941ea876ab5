/**
 * Hands records to the pipeline for a source that cannot pause its input (UDP): records of
 * consecutive datagrams are coalesced up to `maxBatchRecords` and flushed at the end of the
 * event-loop turn; while more than `maxInFlightRecords` await acknowledgement, new records
 * are dropped as `overload`, counted exactly. `drain` waits for what is in flight (stop).
 */
import { errorMessage, type Logger, type NormalizedRecord, type RejectedRecord, type SourceOutput } from '../../core/index.js';
import type { SyslogSourceMetrics } from './source-metrics.js';

export class BatchSender {
  private records: NormalizedRecord[] = [];
  private rejected: RejectedRecord[] = [];
  private scheduled = false;
  private inFlightRecords = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly source: string,
    private readonly maxBatchRecords: number,
    private readonly maxInFlightRecords: number,
    private readonly output: SourceOutput,
    private readonly metrics: SyslogSourceMetrics,
    private readonly logger: Logger,
  ) {}

  get recordsInFlight(): number {
    return this.inFlightRecords;
  }

  add(records: NormalizedRecord[], rejected: RejectedRecord[]): void {
    const n = records.length + rejected.length;
    if (n === 0) return;
    if (this.inFlightRecords + this.records.length + this.rejected.length + n > this.maxInFlightRecords) {
      this.metrics.dropped('overload', n);
      return;
    }
    for (const r of records) this.records.push(r);
    for (const r of rejected) this.rejected.push(r);
    if (this.records.length + this.rejected.length >= this.maxBatchRecords) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    const records = this.records;
    const rejected = this.rejected;
    const n = records.length + rejected.length;
    if (n === 0) return;
    this.records = [];
    this.rejected = [];
    this.inFlightRecords += n;
    const p = this.output
      .emit({ source: this.source, format: 'syslog', records, rejected })
      .then(
        () => this.metrics.messagesEmitted(n),
        (err: unknown) => {
          this.metrics.dropped('emit_failed', n);
          this.metrics.counters.failed('emit');
          this.logger.warn({ err: errorMessage(err), records: n }, 'syslog batch not accepted by the pipeline');
        },
      )
      .finally(() => {
        this.inFlightRecords -= n;
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  /** Flushes and waits for every emit, or until `deadline` (epoch ms). */
  async drain(deadline: number): Promise<void> {
    this.flush();
    const remaining = deadline - Date.now();
    if (this.inFlight.size === 0 || remaining <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, remaining);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }
}
