/**
 * Hands records to the pipeline for a source that cannot pause its input (UDP). The source
 * asks `room()` before decoding a datagram, so under overload the excess is dropped before any
 * parsing work is spent on it, counted exactly as `overload`, record by record. Records are
 * coalesced up to `maxBatchRecords` and sent by `flush` (the source calls it once per drained
 * batch of datagrams). When the output has the non-blocking `offer` (the pipeline does), a
 * full pipeline refuses a batch at once; the records it did not accept are counted as
 * `overload` here too. `drain` waits for what is in flight (stop).
 */
import { errorMessage, type Logger, type NormalizedRecord, type RejectedRecord, type SourceBatch, type SourceOutput } from '../../core/index.js';
import type { SyslogSourceMetrics } from './source-metrics.js';

export class BatchSender {
  private records: NormalizedRecord[] = [];
  private rejected: RejectedRecord[] = [];
  private inFlightRecords = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private lastFailureLog = 0;

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

  /** How many more records may be buffered before new ones are dropped as `overload`. */
  room(): number {
    return this.maxInFlightRecords - this.inFlightRecords - this.records.length - this.rejected.length;
  }

  /** Buffers one record; the caller has checked `room()`. */
  pushRecord(record: NormalizedRecord): void {
    this.records.push(record);
    if (this.records.length + this.rejected.length >= this.maxBatchRecords) this.flush();
  }

  pushRejected(rejected: RejectedRecord): void {
    this.rejected.push(rejected);
    if (this.records.length + this.rejected.length >= this.maxBatchRecords) this.flush();
  }

  flush(): void {
    const records = this.records;
    const rejected = this.rejected;
    const n = records.length + rejected.length;
    if (n === 0) return;
    this.records = [];
    this.rejected = [];
    this.inFlightRecords += n;
    const batch: SourceBatch = { source: this.source, format: 'syslog', records, rejected };
    const p = (this.output.offer ? this.output.offer(batch) : this.output.emit(batch))
      .then(
        (result: unknown) => {
          const accepted = acceptedCount(result, records.length);
          this.metrics.messagesEmitted(accepted + rejected.length);
          this.metrics.dropped('overload', records.length - accepted);
        },
        (err: unknown) => {
          this.metrics.dropped('emit_failed', n);
          this.metrics.counters.failed('emit');
          const now = Date.now();
          if (now - this.lastFailureLog > 10_000) {
            this.lastFailureLog = now;
            this.logger.warn({ err: errorMessage(err), records: n }, 'syslog batch not accepted by the pipeline');
          }
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

/** Records the output took: `offer` may report `accepted` (the pipeline does); otherwise all of them. */
function acceptedCount(result: unknown, sent: number): number {
  if (typeof result === 'object' && result !== null && 'accepted' in result) {
    const accepted = (result as { accepted: unknown }).accepted;
    if (typeof accepted === 'number' && accepted >= 0 && accepted <= sent) return accepted;
  }
  return sent;
}
