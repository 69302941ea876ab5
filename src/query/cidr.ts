/**
 * IP addresses and networks as typed in queries (`10.0.0.0/8`, `2001:db8::/32`). Parsing is
 * strict — four decimal octets, or RFC 4291 hex groups with at most one `::` — so that a value
 * such as a version string `1.2.3/4` is never mistaken for a network.
 */
import type { Network } from './ast.js';

export function parseIPv4(text: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (const octet of m.slice(1, 5)) {
    const n = Number(octet);
    if (n > 255) return undefined;
    value = value * 256n + BigInt(n);
  }
  return value;
}

/** The 128-bit value of an IPv6 address, also with an embedded IPv4 tail (`::ffff:10.0.0.1`). */
export function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  let groups: string[];
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  let head = split(halves[0]);
  let tail = halves.length === 2 ? split(halves[1]) : [];
  const withV4 = (list: string[]): string[] | undefined => {
    const last = list[list.length - 1];
    if (last === undefined || !last.includes('.')) return list;
    const v4 = parseIPv4(last);
    if (v4 === undefined) return undefined;
    return [...list.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  if (halves.length === 2) {
    const t = withV4(tail);
    if (!t) return undefined;
    tail = t;
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  } else {
    const h = withV4(head);
    if (!h) return undefined;
    head = h;
    groups = head;
  }
  if (groups.length !== 8 || groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** `address/prefix` → the network, or undefined when the text is not one. */
export function parseCidr(text: string): Network | undefined {
  const slash = text.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const address = text.slice(0, slash);
  const v4 = parseIPv4(address);
  if (v4 !== undefined) return prefix <= 32 ? network(4, v4, prefix) : undefined;
  const v6 = parseIPv6(address);
  if (v6 !== undefined) return prefix <= 128 ? network(6, v6, prefix) : undefined;
  return undefined;
}

function network(version: 4 | 6, address: bigint, prefix: number): Network {
  const width = version === 4 ? 32 : 128;
  const hostBits = BigInt(width - prefix);
  const first = (address >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { version, prefix, first, last };
}

/** `10.0.0.0` for an IPv4 value. */
export function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 255n).toString()).join('.');
}

/** The 32-digit lowercase hex form of an IPv6 value; equal width makes text order numeric order. */
export function ipv6Hex(value: bigint): string {
  return value.toString(16).padStart(32, '0');
}
