/**
 * SOCKADDR records log the raw `struct sockaddr` as hex (`saddr=02000050A9FEA9FE...`).
 * The family is in host byte order (little-endian on the machines audit logs come from),
 * ports and addresses in network byte order.
 */
import { ipv6Text } from '../../core/ipv6-text.js';

export interface DecodedSockaddr {
  /** `ipv4`, `ipv6`, `unix`, `netlink`, or the family number for others. */
  family: string;
  addr?: string;
  port?: number;
  /** Unix socket path; abstract sockets are shown with a leading `@`. */
  path?: string;
}

function bytesOf(hex: string): Uint8Array | undefined {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}


const FAMILY_NAMES: Readonly<Record<number, string>> = { 1: 'unix', 2: 'ipv4', 10: 'ipv6', 16: 'netlink', 17: 'packet' };

export function decodeSockaddr(hex: string): DecodedSockaddr | undefined {
  const b = bytesOf(hex);
  if (!b || b.length < 2) return undefined;
  const family = b[0] | (b[1] << 8);
  const name = FAMILY_NAMES[family] ?? String(family);
  if (family === 2 && b.length >= 8) {
    return { family: name, port: (b[2] << 8) | b[3], addr: `${b[4]}.${b[5]}.${b[6]}.${b[7]}` };
  }
  if (family === 10 && b.length >= 24) {
    return { family: name, port: (b[2] << 8) | b[3], addr: ipv6Text(b, 8) };
  }
  if (family === 1) {
    const rest = b.subarray(2);
    const abstract = rest[0] === 0 && rest.length > 1;
    const from = abstract ? 1 : 0;
    let end = rest.indexOf(0, from);
    if (end < 0) end = rest.length;
    const text = new TextDecoder('utf-8').decode(rest.subarray(from, end));
    return { family: name, path: abstract ? `@${text}` : text };
  }
  return { family: name };
}
