/**
 * Damage reports: what the reader could not read (or read despite a problem), and where.
 * `severity: 'error'` means data was lost (a record or a chunk was skipped);
 * `severity: 'warning'` means the data was still read (checksum mismatch, inconsistent header).
 */
export interface EvtxDamage {
  /** Absolute byte offset in the file where the problem was found. */
  offset: number;
  chunkIndex?: number;
  recordId?: number;
  scope: 'file' | 'chunk' | 'record';
  severity: 'error' | 'warning';
  message: string;
}

export function formatDamage(d: EvtxDamage): string {
  const where = [`offset 0x${d.offset.toString(16)} (${d.offset})`];
  if (d.chunkIndex !== undefined) where.push(`chunk ${d.chunkIndex}`);
  if (d.recordId !== undefined) where.push(`record ${d.recordId}`);
  return `${d.severity}: ${where.join(', ')}: ${d.message}`;
}
