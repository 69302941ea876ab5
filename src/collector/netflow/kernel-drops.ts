/**
 * Datagrams the kernel discarded because a socket's receive buffer was full. They never
 * reach the process, so they can only be read from /proc/net/udp{,6} (Linux), whose last
 * column is the per-socket drop count. Elsewhere the figure is unknown (undefined).
 */
import { readFileSync } from 'node:fs';

export function udpSocketDrops(family: 'udp4' | 'udp6', port: number): number | undefined {
  let table: string;
  try {
    table = readFileSync(family === 'udp6' ? '/proc/net/udp6' : '/proc/net/udp', 'utf8');
  } catch {
    return undefined;
  }
  const portHex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let drops: number | undefined;
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13 || !cols[1].endsWith(portHex)) continue;
    drops = (drops ?? 0) + Number(cols[cols.length - 1]);
  }
  return drops;
}
