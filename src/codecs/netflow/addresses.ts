/**
 * Text forms of addresses found in flow records: dotted IPv4, RFC 5952 IPv6 (lower case,
 * longest run of two or more zero groups compressed), and colon-separated MAC.
 */
import { ipv6Text } from '../../core/ipv6-text.js';

const HEX = '0123456789abcdef';

/**
 * Dotted text of recently seen IPv4 addresses, in a direct-mapped table keyed by the 32-bit
 * value: flow exports repeat the same hosts, and one shared string per address is both
 * cheaper than formatting and less memory for the records that hold it. A pure memo, bounded.
 */
const V4_SLOTS = 4096;
const v4Keys = new Int32Array(V4_SLOTS);
// Every slot starts as the (correct) entry for 0.0.0.0, so no separate "empty" marker is needed.
const v4Texts: string[] = new Array<string>(V4_SLOTS).fill('0.0.0.0');

/** The dotted text of an address given as an unsigned 32-bit integer. */
export function ipv4Text(addr: number): string {
  const key = addr | 0;
  const slot = Math.imul(key, 0x9e3779b1) >>> 20; // Fibonacci hashing: the top 12 bits
  if (v4Keys[slot] === key) return v4Texts[slot];
  const text = `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
  v4Keys[slot] = key;
  v4Texts[slot] = text;
  return text;
}

export function ipv4ToString(buf: Uint8Array, offset: number): string {
  return ipv4Text(((buf[offset] << 24) | (buf[offset + 1] << 16) | (buf[offset + 2] << 8) | buf[offset + 3]) >>> 0);
}

/** Generated flow decoders call it by this name (field-reads.ts). */
export const ipv6ToString = ipv6Text;

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

/** Dotted quad, strictly: four decimal octets of one to three digits, each at most 255. */
function parseIpv4(text: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  let octet = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || octet === 3) return undefined;
      out[octet++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + (c - 48);
      digits++;
      if (value > 255) return undefined;
    } else return undefined;
  }
  if (digits === 0 || octet !== 3) return undefined;
  out[3] = value;
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
