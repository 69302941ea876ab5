/**
 * Retention drops whole partitions: first those older than max_age_days, then the oldest
 * while the store is over max_total_bytes. With archive_dir set, each is written to Parquet
 * first, so expiry is an archive step rather than a loss.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PartitionInfo, RetentionPolicy, RetentionResult } from '../store.js';

export interface RetentionTarget {
  partitions(): Promise<PartitionInfo[]>;
  usedBytes(): Promise<number>;
  archivePartition(name: string, file: string): Promise<void>;
  dropPartition(name: string): Promise<void>;
}

const DAY_MS = 86_400_000;

export async function applyRetention(target: RetentionTarget, policy: RetentionPolicy, now: number): Promise<RetentionResult> {
  const result: RetentionResult = { dropped: [] };
  const parts = (await target.partitions()).sort((a, b) => a.start - b.start);
  const drop = async (p: PartitionInfo, reason: 'age' | 'size') => {
    let archived: string | undefined;
    if (policy.archive_dir) {
      mkdirSync(policy.archive_dir, { recursive: true });
      archived = join(policy.archive_dir, `${p.name}.parquet`);
      await target.archivePartition(p.name, archived);
    }
    await target.dropPartition(p.name);
    result.dropped.push({ partition: p.name, rows: p.rows, reason, ...(archived ? { archived_to: archived } : {}) });
  };

  const remaining: PartitionInfo[] = [];
  for (const p of parts) {
    if (policy.max_age_days > 0 && p.end <= now - policy.max_age_days * DAY_MS) await drop(p, 'age');
    else remaining.push(p);
  }
  if (policy.max_total_bytes > 0) {
    // Never drop the newest partition: it is where current data is being written.
    while (remaining.length > 1 && (await target.usedBytes()) > policy.max_total_bytes) {
      await drop(remaining.shift()!, 'size');
    }
  }
  return result;
}
