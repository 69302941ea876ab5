/**
 * Community ID v1 flow hashing (https://github.com/corelight/community-id-spec):
 * "1:" + base64(sha1(seed · saddr · daddr · proto · 0 · sport · dport)), endpoints ordered
 * so that both directions of a conversation hash alike. ICMP and ICMPv6 use type and
 * code as ports, paired request/response types the way Zeek pairs them.
 */
import { parseIp } from './addresses.js';
import { communityIdDigest } from './sha1.js';

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

/** ICMP type and code of a flow, as found by the flow mapping. */
export type IcmpTypeCode = [type: number, code: number];

// Outputs of resolvePorts, kept in module scope so that a flow costs no allocation here.
let portA = 0;
let portB = 0;
let hasPorts = false;
let oneWay = false;

/** Validates protocol and ports and applies the ICMP type/code rule; false when no ID exists. */
function resolvePorts(protocol: number, sport: number | undefined, dport: number | undefined, icmpType: number | undefined, icmpCode: number | undefined): boolean {
  if (!Number.isInteger(protocol) || protocol < 0 || protocol > 255) return false;
  oneWay = false;
  if (protocol === ICMP || protocol === ICMP6) {
    if (icmpType === undefined) return false;
    const counterpart = (protocol === ICMP ? ICMP4_PAIRS : ICMP6_PAIRS).get(icmpType);
    oneWay = counterpart === undefined;
    sport = icmpType;
    dport = counterpart ?? icmpCode ?? 0;
  } else if (protocol === TCP || protocol === UDP || protocol === SCTP) {
    if (sport === undefined || dport === undefined) return false;
  } else {
    sport = undefined;
    dport = undefined;
  }
  hasPorts = sport !== undefined && dport !== undefined;
  if (hasPorts && (sport! < 0 || sport! > 65535 || dport! < 0 || dport! > 65535)) return false;
  portA = sport ?? 0;
  portB = dport ?? 0;
  return true;
}

/** Hashes INPUT once both addresses (`addrLength` octets each, already ordered) are in place. */
function finish(addrLength: number, protocol: number, first: number, second: number, seed = 0): string {
  const buf = INPUT;
  buf[0] = seed >>> 8;
  buf[1] = seed & 255;
  let p = 2 + addrLength * 2;
  buf[p] = protocol;
  buf[p + 1] = 0;
  p += 2;
  if (hasPorts) {
    buf[p] = first >>> 8;
    buf[p + 1] = first & 255;
    buf[p + 2] = second >>> 8;
    buf[p + 3] = second & 255;
    p += 4;
  }
  return communityIdDigest(buf, p);
}

/**
 * The Community ID of addresses read straight from a datagram (`addrLength` 4 or 16 at
 * `srcAt` and `dstAt`): what the compiled flow builders use, so no address is parsed back
 * from its text. Same result as communityIdV1 on the addresses' text.
 */
export function communityIdAt(buf: Uint8Array, srcAt: number, dstAt: number, addrLength: number, protocol: number, sport: number | undefined, dport: number | undefined, icmp: IcmpTypeCode | undefined): string | undefined {
  if (!resolvePorts(protocol, sport, dport, icmp?.[0], icmp?.[1])) return undefined;
  let first = portA;
  let second = portB;
  let a = srcAt;
  let b = dstAt;
  if (!oneWay) {
    let order = 0;
    for (let i = 0; i < addrLength && order === 0; i++) order = buf[srcAt + i] - buf[dstAt + i];
    if (order > 0 || (order === 0 && hasPorts && first > second)) {
      a = dstAt;
      b = srcAt;
      first = portB;
      second = portA;
    }
  }
  for (let i = 0; i < addrLength; i++) {
    INPUT[2 + i] = buf[a + i];
    INPUT[2 + addrLength + i] = buf[b + i];
  }
  return finish(addrLength, protocol, first, second);
}

/** The Community ID of addresses given as text (records decoded without a compiled builder). */
export function communityIdText(src: string, dst: string, protocol: number, sport: number | undefined, dport: number | undefined, icmp: IcmpTypeCode | undefined): string | undefined {
  return communityIdV1({ sourceIp: src, destinationIp: dst, protocol, sourcePort: sport, destinationPort: dport, icmpType: icmp?.[0], icmpCode: icmp?.[1] });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The Community ID string, or undefined when the tuple is incomplete or inconsistent. */
export function communityIdV1(input: CommunityIdInput): string | undefined {
  if (!resolvePorts(input.protocol, input.sourcePort, input.destinationPort, input.icmpType, input.icmpCode)) return undefined;
  let src = parseIp(input.sourceIp);
  let dst = parseIp(input.destinationIp);
  if (!src || !dst || src.length !== dst.length) return undefined;
  let first = portA;
  let second = portB;
  if (!oneWay) {
    const order = compareBytes(src, dst);
    if (order > 0 || (order === 0 && hasPorts && first > second)) {
      [src, dst] = [dst, src];
      [first, second] = [second, first];
    }
  }
  INPUT.set(src, 2);
  INPUT.set(dst, 2 + src.length);
  return finish(src.length, input.protocol, first, second, input.seed ?? 0);
}
