/**
 * IP address parsing shared by enrichment, threat intel and the analytics: text to bytes (4 or
 * 16), CIDR to (bytes, prefix), and whether an address is public. Hand-written rather than a
 * dependency because the hot paths (intel matching at ingest rate) want no allocations beyond
 * one small Uint8Array and no exceptions for junk input (returns undefined instead).
 */
import { ipv6Text } from '../core/ipv6-text.js';

export interface ParsedIp {
  version: 4 | 6;
  bytes: Uint8Array;
}

export function parseIPv4(s: string): Uint8Array | undefined {
  const n = ipv4ToUint32(s);
  if (n < 0) return undefined;
  return new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** IPv4 text as an unsigned 32-bit number, or -1: the allocation-free form for hot paths. */
export function ipv4ToUint32(s: string): number {
  let n = 0;
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 3 || value > 255) return -1;
      n = n * 256 + value;
      part++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // A leading zero is ambiguous (octal in some parsers): refuse it like inet_pton does.
      if (digits > 0 && value === 0) return -1;
      value = value * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else return -1;
  }
  return part === 4 ? n : -1;
}

export function parseIPv6(input: string): Uint8Array | undefined {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const words = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = words(halves[0]);
  const tail = halves.length === 2 ? words(halves[1]) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

export function parseIp(s: string): ParsedIp | undefined {
  if (s.includes(':')) {
    const b = parseIPv6(s);
    return b ? { version: 6, bytes: b } : undefined;
  }
  const b = parseIPv4(s);
  return b ? { version: 4, bytes: b } : undefined;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) as the IPv4 address it carries; anything else unchanged. */
export function unmapIPv4(ip: ParsedIp): ParsedIp {
  if (ip.version === 4) return ip;
  const b = ip.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return ip;
  if (b[10] !== 0xff || b[11] !== 0xff) return ip;
  return { version: 4, bytes: b.slice(12) };
}

export interface ParsedCidr extends ParsedIp {
  prefix: number;
}

/** "10.0.0.0/8", "2001:db8::/32", or a bare address (a /32 or /128). */
export function parseCidr(s: string): ParsedCidr | undefined {
  const slash = s.indexOf('/');
  const ip = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!ip) return undefined;
  const max = ip.version === 4 ? 32 : 128;
  if (slash < 0) return { ...ip, prefix: max };
  const p = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
  return { ...ip, prefix: Number(p) };
}

/** A copy of `bytes` with the host bits after `prefix` cleared (the network address). */
export function networkAddress(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = bytes.slice();
  for (let bit = prefix; bit < out.length * 8; bit++) out[bit >> 3] &= ~(0x80 >> (bit & 7));
  return out;
}

/** Canonical text: dotted quad, or RFC 5952 lower-case compressed IPv6. */
export function formatIp(ip: ParsedIp): string {
  const b = ip.bytes;
  if (ip.version === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  return ipv6Text(b);
}

/** True when bytes `ip` fall inside `net/prefix` (same version). */
export function inPrefix(ip: Uint8Array, net: Uint8Array, prefix: number): boolean {
  if (ip.length !== net.length) return false;
  let i = 0;
  for (; prefix >= 8; prefix -= 8, i++) if (ip[i] !== net[i]) return false;
  if (prefix === 0) return true;
  const mask = (0xff << (8 - prefix)) & 0xff;
  return (ip[i] & mask) === (net[i] & mask);
}

/**
 * Non-public ranges (RFC 6890 special-purpose registries): private, loopback, link-local,
 * CGNAT, documentation, benchmarking, multicast, reserved, ULA. GeoIP and "outbound" skip them.
 */
const NON_PUBLIC = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3',
  '::/127', '::ffff:0:0/96', '64:ff9b:1::/48', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'ff00::/8',
].map((c) => parseCidr(c) as ParsedCidr);

/** The private ranges alone (RFC 1918, RFC 4193 ULA): "internal" for direction decisions. */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', '100.64.0.0/10'].map((c) => parseCidr(c) as ParsedCidr);

export function isPublicIp(s: string): boolean {
  const ip = parseIp(s);
  if (!ip) return false;
  const u = unmapIPv4(ip);
  return !NON_PUBLIC.some((n) => inPrefix(u.bytes, n.bytes, n.prefix));
}

export function isPrivateIp(s: string): boolean {
  const ip = parseIp(s);
  if (!ip) return false;
  const u = unmapIPv4(ip);
  return PRIVATE.some((n) => inPrefix(u.bytes, n.bytes, n.prefix));
}

/** A small list of networks to test addresses against (configured internal ranges, allow-lists). */
export class CidrList {
  private readonly nets: ParsedCidr[];

  constructor(cidrs: readonly string[]) {
    this.nets = cidrs.map((c) => {
      const n = parseCidr(c);
      if (!n) throw new Error(`not an IP network: '${c}'`);
      return n;
    });
  }

  has(s: string): boolean {
    const ip = parseIp(s);
    if (!ip) return false;
    const u = unmapIPv4(ip);
    return this.nets.some((n) => inPrefix(u.bytes, n.bytes, n.prefix));
  }
}

/** What Vigil counts as inside the organisation unless configured otherwise. */
export const DEFAULT_INTERNAL_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'];
