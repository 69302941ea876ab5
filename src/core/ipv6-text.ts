/** IPv6 addresses as text, one way everywhere. */

/**
 * RFC 5952 text of the 16 address bytes at `offset`: lower case, the first longest run of two or
 * more zero groups as `::`, and an IPv4-mapped address with its dotted tail (`::ffff:10.0.0.1`),
 * as inet_ntop and Node print them. The one formatter for flows, audit records and enrichment.
 */
export function ipv6Text(buf: Uint8Array, offset = 0): string {
  const groups: number[] = new Array(8);
  for (let i = 0; i < 8; i++) groups[i] = (buf[offset + 2 * i] << 8) | buf[offset + 2 * i + 1];
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${buf[offset + 12]}.${buf[offset + 13]}.${buf[offset + 14]}.${buf[offset + 15]}`;
  }
  let bestStart = -1;
  let bestLen = 1; // a single zero group is never shortened (RFC 5952 §4.2.2)
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
