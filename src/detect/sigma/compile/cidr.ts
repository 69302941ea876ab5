/**
 * `|cidr`: IPv4 and IPv6 network ranges. Addresses are compared as 128-bit numbers (IPv4 as
 * IPv4-mapped IPv6), so `::ffff:10.1.2.3` is inside `10.0.0.0/8`.
 */
import type { Pos } from '../diagnostics.js';
import { RuleError } from '../diagnostics.js';

export interface Cidr {
  text: string;
  network: bigint;
  prefix: number; // in the 128-bit space
  mask: bigint;
  /**
   * For an IPv4 network (within ::ffff:0:0/96): its network and mask as unsigned 32-bit numbers,
   * so that lists of ranges test IPv4 addresses without BigInt arithmetic.
   */
  v4?: { network: number; mask: number };
}

const V4_MAPPED = 0xffffn << 32n;

export function parseIPv4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const n = Number(m[i]);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(s: string): bigint | undefined {
  let text = s;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // embedded IPv4 in the last 32 bits (::ffff:10.1.2.3): rewrite as two hex groups
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt('0x' + g));
    }
    return out;
  };
  const head = parseGroups(halves[0]);
  const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !rest) return undefined;
  if (halves.length === 2 && head.length + rest.length > 7) return undefined;
  const groups = halves.length === 2 ? [...head, ...Array<bigint>(8 - head.length - rest.length).fill(0n), ...rest] : head;
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An address as a 128-bit number (IPv4 mapped), or undefined when the text is not an IP address. */
export function parseIp(s: string): bigint | undefined {
  const t = s.trim();
  const v4 = parseIPv4(t);
  if (v4 !== undefined) return V4_MAPPED | v4;
  return t.includes(':') ? parseIPv6(t.replace(/^\[|\]$/g, '')) : undefined;
}

export function parseCidr(text: string, pos: Pos): Cidr {
  const [addr, bits, extra] = text.trim().split('/');
  const invalid = (): never => {
    throw new RuleError(`'${text}' is not a CIDR network (expected e.g. 10.0.0.0/8 or fd00::/8)`, pos);
  };
  if (extra !== undefined || !addr) invalid();
  const v4 = parseIPv4(addr);
  const isV4 = v4 !== undefined;
  const ip = isV4 ? V4_MAPPED | v4 : parseIPv6(addr);
  if (ip === undefined) invalid();
  const max = isV4 ? 32 : 128;
  const n = bits === undefined ? max : Number(bits);
  if (!/^\d+$/.test(bits ?? String(max)) || n > max) invalid();
  const prefix = isV4 ? 96 + n : n;
  const mask = prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
  const c: Cidr = { text, network: ip! & mask, prefix, mask };
  if (prefix >= 96 && c.network >> 32n === V4_MAPPED >> 32n) c.v4 = { network: Number(c.network & 0xffffffffn), mask: Number(mask & 0xffffffffn) };
  return c;
}

/** A parsed event address: 128-bit, and as an unsigned 32-bit number when IPv4 (mapped), else -1. */
interface ParsedIp {
  ip: bigint;
  v4: number;
}

/** Event addresses repeat; parsing each once keeps lists of ranges cheap. */
const ipCache = new Map<string, ParsedIp | null>();
const MAX_CACHED_IPS = 8192;

function parseIpCached(value: string): ParsedIp | null {
  let p = ipCache.get(value);
  if (p === undefined) {
    const ip = parseIp(value);
    p = ip === undefined ? null : { ip, v4: ip >> 32n === V4_MAPPED >> 32n ? Number(ip & 0xffffffffn) : -1 };
    if (ipCache.size >= MAX_CACHED_IPS) ipCache.clear();
    ipCache.set(value, p);
  }
  return p;
}

export function cidrContains(c: Cidr, value: string): boolean {
  const p = parseIpCached(value);
  return p !== null && inCidr(c, p);
}

/** Whether the value is in any of the networks (the address looked up once for the whole list). */
export function cidrContainsAny(nets: readonly Cidr[], value: string): boolean {
  const p = parseIpCached(value);
  if (p === null) return false;
  for (let i = 0; i < nets.length; i++) if (inCidr(nets[i], p)) return true;
  return false;
}

function inCidr(c: Cidr, p: ParsedIp): boolean {
  // An IPv4 network holds only IPv4(-mapped) addresses: 32-bit arithmetic, no BigInt allocated.
  if (c.v4 !== undefined) return p.v4 >= 0 && ((p.v4 & c.v4.mask) >>> 0) === c.v4.network;
  return (p.ip & c.mask) === c.network;
}
