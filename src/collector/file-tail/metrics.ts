/**
 * Counters of one file-tail source. The shared component counters count lines received,
 * records emitted and lines dropped by reason (`decode_error`, `oversized_line`); because
 * auditd groups several lines into one event, emitted + dropped need not equal received.
 * File-level events (rotations, truncations) and bytes read have their own series.
 */
import { ComponentCounters, type Metric, type MetricsRegistry } from '../../core/index.js';

export type DropReason = 'decode_error' | 'oversized_line';

export class FileTailMetrics {
  readonly counters: ComponentCounters;
  private readonly bytesM: Metric;
  private readonly rotationsM: Metric;
  private readonly truncationsM: Metric;
  private readonly followedM: Metric;
  lines = 0;
  bytes = 0;
  emitted = 0;
  rotations = 0;
  truncations = 0;
  readonly dropped = new Map<DropReason, number>();
  readonly failures = new Map<string, number>();

  constructor(registry: MetricsRegistry, readonly id: string) {
    this.counters = new ComponentCounters(registry, id, 'source');
    this.bytesM = registry.counter('vigil_file_tail_bytes_read_total', 'Bytes read from followed files');
    this.rotationsM = registry.counter('vigil_file_tail_rotations_total', 'Followed files renamed or deleted (rotation)');
    this.truncationsM = registry.counter('vigil_file_tail_truncations_total', 'Followed files that shrank (copytruncate) and were read again from the start');
    this.followedM = registry.gauge('vigil_file_tail_files_followed', 'Files currently followed');
  }

  read(lines: number, bytes: number): void {
    this.lines += lines;
    this.bytes += bytes;
    if (lines > 0) this.counters.received(lines);
    if (bytes > 0) this.bytesM.inc({ component: this.id }, bytes);
  }

  emittedRecords(n: number): void {
    if (n <= 0) return;
    this.emitted += n;
    this.counters.emitted(n);
  }

  drop(reason: DropReason, n = 1): void {
    if (n <= 0) return;
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + n);
    this.counters.dropped(reason, n);
  }

  failure(reason: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
    this.counters.failed(reason);
  }

  rotated(): void {
    this.rotations += 1;
    this.rotationsM.inc({ component: this.id });
  }

  truncated(): void {
    this.truncations += 1;
    this.truncationsM.inc({ component: this.id });
  }

  followed(n: number): void {
    this.followedM.set({ component: this.id }, n);
  }

  snapshot(): Record<string, unknown> {
    return {
      lines_read: this.lines,
      bytes_read: this.bytes,
      records_emitted: this.emitted,
      rejected: Object.fromEntries(this.dropped),
      failures: Object.fromEntries(this.failures),
      rotations: this.rotations,
      truncations: this.truncations,
    };
  }
}
