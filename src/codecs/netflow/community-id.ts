/**
 * Community ID v1 flow hashing (https://github.com/corelight/community-id-spec):
 * "1:" + base64(sha1(seed · saddr · daddr · proto · 0 · sport · dport)), endpoints ordered
 * so that both directions of a conversation hash alike. ICMP and ICMPv6 use type and
 * code as ports, paired request/response types the way Zeek pairs them.
 */
import { parseIp } from './addresses.js';
import { sha1Base64 } from './sha1.js';

const ICMP = 1;
const TCP = 6;
const UDP = 17;
const ICMP6 = 58;
const SCTP = 132;

/** Hash input scratch space: seed, two IPv6 addresses, protocol, padding, ports. */
const INPUT = new Uint8Array(2 + 32 + 2 + 4);

/** ICMP message types and their counterpart (echo ↔ echo reply, ...). */
const ICMP4_PAIRS = new Map<number, number>([
  [8, 0], [0, 8], [13, 14], [14, 13], [15, 16], [16, 15], [10, 9], [9, 10], [17, 18], [18, 17],
]);
const ICMP6_PAIRS = new Map<number, number>([
  [128, 129], [129, 128], [130, 131], [131, 130], [133, 134], [134, 133],
  [135, 136], [136, 135], [139, 140], [140, 139], [144, 145], [145, 144],
]);

export interface CommunityIdInput {
  sourceIp: string;
  destinationIp: string;
  protocol: number;
  sourcePort?: number;
  destinationPort?: number;
  /** For ICMP/ICMPv6: the message type and code (ports are then ignored). */
  icmpType?: number;
  icmpCode?: number;
  seed?: number;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The Community ID string, or undefined when the tuple is incomplete or inconsistent. */
export function communityIdV1(input: CommunityIdInput): string | undefined {
  const { protocol } = input;
  if (!Number.isInteger(protocol) || protocol < 0 || protocol > 255) return undefined;
  let src = parseIp(input.sourceIp);
  let dst = parseIp(input.destinationIp);
  if (!src || !dst || src.length !== dst.length) return undefined;
  let sport = input.sourcePort;
  let dport = input.destinationPort;
  let oneWay = false;
  if (protocol === ICMP || protocol === ICMP6) {
    if (input.icmpType === undefined) return undefined;
    const pairs = protocol === ICMP ? ICMP4_PAIRS : ICMP6_PAIRS;
    sport = input.icmpType;
    const counterpart = pairs.get(input.icmpType);
    oneWay = counterpart === undefined;
    dport = counterpart ?? input.icmpCode ?? 0;
  } else if (protocol === TCP || protocol === UDP || protocol === SCTP) {
    if (sport === undefined || dport === undefined) return undefined;
  } else {
    sport = undefined;
    dport = undefined;
  }
  const hasPorts = sport !== undefined && dport !== undefined;
  if (hasPorts && (sport! < 0 || sport! > 65535 || dport! < 0 || dport! > 65535)) return undefined;
  if (!oneWay) {
    const order = compareBytes(src, dst);
    if (order > 0 || (order === 0 && hasPorts && sport! > dport!)) {
      [src, dst] = [dst, src];
      [sport, dport] = [dport, sport];
    }
  }
  const buf = INPUT;
  const seed = input.seed ?? 0;
  buf[0] = seed >>> 8;
  buf[1] = seed & 255;
  buf.set(src, 2);
  buf.set(dst, 2 + src.length);
  let p = 2 + src.length * 2;
  buf[p] = protocol;
  buf[p + 1] = 0;
  p += 2;
  if (hasPorts) {
    buf[p] = sport! >>> 8;
    buf[p + 1] = sport! & 255;
    buf[p + 2] = dport! >>> 8;
    buf[p + 3] = dport! & 255;
    p += 4;
  }
  return `1:${sha1Base64(buf, p)}`;
}
