/**
 * Datagrams the kernel discarded because the socket's receive buffer was full never reach
 * Node; Linux reports them per socket in the last column of /proc/net/udp{,6}. Elsewhere
 * the figure is unknown (undefined), and health says so. Shared by every UDP source.
 */
import { readFileSync } from 'node:fs';

export function kernelUdpDrops(family: 4 | 6, port: number): number | undefined {
  let table: string;
  try {
    table = readFileSync(family === 6 ? '/proc/net/udp6' : '/proc/net/udp', 'utf8');
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
