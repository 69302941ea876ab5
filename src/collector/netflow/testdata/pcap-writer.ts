/**
 * Writes a classic libpcap capture (magic a1b2c3d4, link type Ethernet) of synthetic
 * IPv4/IPv6 TCP and UDP packets. The capture is only data for a flow exporter to read:
 * nothing is sent to the addresses inside it (RFC 5737 / RFC 3849 documentation ranges).
 */
import { parseIp } from '../../../codecs/netflow/addresses.js';

export interface CapturedPacket {
  /** Capture time, epoch seconds (fractional allowed). */
  time: number;
  src: string;
  dst: string;
  protocol: 6 | 17;
  sport: number;
  dport: number;
  payloadBytes: number;
  /** TCP flags (SYN 0x02, ACK 0x10, PSH 0x08, FIN 0x01). */
  tcpFlags?: number;
}

function ipv4Checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function transport(p: CapturedPacket): Buffer {
  const payload = Buffer.alloc(p.payloadBytes, 0x61);
  if (p.protocol === 6) {
    const tcp = Buffer.alloc(20);
    tcp.writeUInt16BE(p.sport, 0);
    tcp.writeUInt16BE(p.dport, 2);
    tcp.writeUInt32BE(1, 4);
    tcp.writeUInt32BE(1, 8);
    tcp[12] = 5 << 4;
    tcp[13] = p.tcpFlags ?? 0x18;
    tcp.writeUInt16BE(65535, 14);
    return Buffer.concat([tcp, payload]);
  }
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(p.sport, 0);
  udp.writeUInt16BE(p.dport, 2);
  udp.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([udp, payload]);
}

/** One Ethernet frame; the IP total length is what flow exporters count as bytes. */
export function frame(p: CapturedPacket): Buffer {
  const src = parseIp(p.src);
  const dst = parseIp(p.dst);
  if (!src || !dst || src.length !== dst.length) throw new Error(`bad addresses ${p.src} ${p.dst}`);
  const l4 = transport(p);
  let ip: Buffer;
  if (src.length === 4) {
    ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + l4.length, 2);
    ip[8] = 64;
    ip[9] = p.protocol;
    ip.set(src, 12);
    ip.set(dst, 16);
    ip.writeUInt16BE(ipv4Checksum(ip), 10);
  } else {
    ip = Buffer.alloc(40);
    ip.writeUInt32BE(0x60000000, 0);
    ip.writeUInt16BE(l4.length, 4);
    ip[6] = p.protocol;
    ip[7] = 64;
    ip.set(src, 8);
    ip.set(dst, 24);
  }
  const ethernet = Buffer.from([0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0, 0]);
  ethernet.writeUInt16BE(src.length === 4 ? 0x0800 : 0x86dd, 12);
  return Buffer.concat([ethernet, ip, l4]);
}

/** The IP-layer size of a packet, as NetFlow reports octets. */
export function ipBytes(p: CapturedPacket): number {
  const v6 = p.src.includes(':');
  return (v6 ? 40 : 20) + (p.protocol === 6 ? 20 : 8) + p.payloadBytes;
}

export function pcapFile(packets: CapturedPacket[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  const parts: Buffer[] = [header];
  for (const p of packets) {
    const data = frame(p);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(p.time), 0);
    record.writeUInt32LE(Math.round((p.time % 1) * 1e6), 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    parts.push(record, data);
  }
  return Buffer.concat(parts);
}
