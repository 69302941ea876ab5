/**
 * Time partitions: events are stored in one table per UTC day (or hour), so retention drops
 * whole partitions instead of deleting rows. Pure naming arithmetic, shared by adapters.
 */
export type PartitionGranularity = 'day' | 'hour';

const PREFIX = 'events_p';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function partitionStart(ts: number, granularity: PartitionGranularity): number {
  const unit = granularity === 'day' ? DAY_MS : HOUR_MS;
  return Math.floor(ts / unit) * unit;
}

export function partitionSpanMs(granularity: PartitionGranularity): number {
  return granularity === 'day' ? DAY_MS : HOUR_MS;
}

export function partitionName(ts: number, granularity: PartitionGranularity): string {
  const d = new Date(partitionStart(ts, granularity));
  const day = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  return granularity === 'day' ? `${PREFIX}${day}` : `${PREFIX}${day}${pad(d.getUTCHours())}`;
}

/** Parses a partition table name back into its time range; undefined for other tables. */
export function parsePartitionName(name: string): { start: number; end: number } | undefined {
  const m = /^events_p(\d{4})(\d{2})(\d{2})(\d{2})?$/.exec(name);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), m[4] ? Number(m[4]) : 0);
  return { start, end: start + (m[4] ? HOUR_MS : DAY_MS) };
}
