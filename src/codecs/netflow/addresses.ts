/**
 * Text forms of addresses found in flow records: dotted IPv4, RFC 5952 IPv6 (lower case,
 * longest run of two or more zero groups compressed), and colon-separated MAC.
 */
const HEX = '0123456789abcdef';

export function ipv4ToString(buf: Uint8Array, offset: number): string {
  return `${buf[offset]}.${buf[offset + 1]}.${buf[offset + 2]}.${buf[offset + 3]}`;
}

export function ipv6ToString(buf: Uint8Array, offset: number): string {
  const groups: number[] = new Array(8);
  for (let i = 0; i < 8; i++) groups[i] = (buf[offset + 2 * i] << 8) | buf[offset + 2 * i + 1];
  // IPv4-mapped (::ffff:a.b.c.d) keeps its dotted tail, as every resolver prints it.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${ipv4ToString(buf, offset + 12)}`;
  }
  let bestStart = -1;
  let bestLen = 0;
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
  if (bestLen < 2) return groups.map((g) => g.toString(16)).join(':');
  const head = groups.slice(0, bestStart).map((g) => g.toString(16)).join(':');
  const tail = groups.slice(bestStart + bestLen).map((g) => g.toString(16)).join(':');
  return `${head}::${tail}`;
}

export function macToString(buf: Uint8Array, offset: number): string {
  let out = '';
  for (let i = 0; i < 6; i++) {
    const b = buf[offset + i];
    if (i > 0) out += ':';
    out += HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

export function hexString(buf: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const b = buf[offset + i];
    out += HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** Parses a textual IPv4 or IPv6 address into its network-order bytes, or undefined. */
export function parseIp(text: string): Uint8Array | undefined {
  if (text.includes(':')) return parseIpv6(text);
  return parseIpv4(text);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const n = Number(parts[i]);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let body = text;
  const tailBytes: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4) return undefined;
    tailBytes.push(...v4);
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]);
  const tail = halves.length === 2 ? toGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = groups[i] >> 8;
    out[2 * i + 1] = groups[i] & 255;
  }
  if (tailBytes.length === 4) out.set(tailBytes, 12);
  return out;
}
