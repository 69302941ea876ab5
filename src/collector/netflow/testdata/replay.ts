/**
 * The benchmark's replay (bench/netflow.ts): a softflowd-like export of NetFlow v9 and then
 * IPFIX datagrams, 30 IPv4 flows each, templates refreshed every 100 datagrams; written to a
 * file as length-prefixed datagrams, and sent to a loopback port at a steady rate.
 */
import dgram from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { ByteWriter, dataSet, ipfixMessage, ipfixTemplateSet, netflow9Packet, netflow9TemplateFlowset, type TemplateSpec } from '../../../codecs/netflow/testdata/packet-builder.js';

export const RECORDS_PER_PACKET = 30;
const TEMPLATE_EVERY = 100;
/** Addresses, ports, protocol, flags, counters, interfaces, uptimes, ToS. */
const FIELDS = [[8, 4], [12, 4], [7, 2], [11, 2], [4, 1], [6, 1], [1, 4], [2, 4], [10, 4], [14, 4], [22, 4], [21, 4], [5, 1]];
const TEMPLATE: TemplateSpec = { id: 256, fields: FIELDS.map(([id, length]) => ({ id, length })) };

function flowRecord(i: number): Buffer {
  return new ByteWriter()
    .ip(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).ip(`192.0.2.${i % 200}`)
    .u16(1024 + (i % 60_000)).u16([443, 80, 53, 22][i % 4]).u8(i % 4 === 2 ? 17 : 6).u8(0x1b)
    .u32(40 + (i % 1400)).u32(1 + (i % 20)).u32(1).u32(2).u32(10_000 + (i % 5000)).u32(20_000).u8(0)
    .build();
}

/** Export datagrams carrying `flows` flows per protocol (rounded up to whole datagrams). */
export function replayPackets(flows: number, unixSecs = Math.floor(Date.now() / 1000)): Buffer[] {
  const out: Buffer[] = [];
  const packets = Math.ceil(flows / RECORDS_PER_PACKET);
  for (const version of [9, 10]) {
    let ipfixSequence = 0;
    for (let p = 0; p < packets; p++) {
      const records: Buffer[] = [];
      for (let r = 0; r < RECORDS_PER_PACKET; r++) records.push(flowRecord(p * RECORDS_PER_PACKET + r));
      const sets = p % TEMPLATE_EVERY === 0 ? [version === 9 ? netflow9TemplateFlowset([TEMPLATE]) : ipfixTemplateSet([TEMPLATE])] : [];
      sets.push(dataSet(256, records));
      if (version === 9) out.push(netflow9Packet({ sysUpTime: 30_000, unixSecs, sequence: p, sourceId: 1, count: sets.length }, sets));
      else out.push(ipfixMessage({ exportTime: unixSecs, sequence: ipfixSequence, domainId: 1 }, sets));
      ipfixSequence += RECORDS_PER_PACKET;
    }
  }
  return out;
}

export function writeReplayFile(file: string, packets: Buffer[]): void {
  writeFileSync(file, Buffer.concat(packets.flatMap((p) => [new ByteWriter().u16(p.length).build(), p])));
}

export function readReplayFile(file: string): Buffer[] {
  const data = readFileSync(file);
  const packets: Buffer[] = [];
  for (let p = 0; p < data.length; p += 2 + data.readUInt16BE(p)) packets.push(data.subarray(p + 2, p + 2 + data.readUInt16BE(p)));
  return packets;
}

export interface SendResult {
  sent: number;
  seconds: number;
  errors: number;
}

/**
 * Sends the packets to 127.0.0.1:`port`, `perSecond` datagrams a second: every millisecond
 * or so, whatever is due by then. The achieved rate (sent / seconds) is what was offered.
 */
export async function sendPaced(packets: Buffer[], port: number, perSecond: number): Promise<SendResult> {
  const socket = dgram.createSocket('udp4');
  const start = process.hrtime.bigint();
  let sent = 0;
  let errors = 0;
  const sendOne = (packet: Buffer) =>
    new Promise<void>((resolve) =>
      socket.send(packet, port, '127.0.0.1', (err) => {
        if (err) errors++;
        resolve();
      }),
    );
  while (sent < packets.length) {
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const due = Math.min(packets.length, Math.floor(elapsed * perSecond) + 1);
    const batch: Array<Promise<void>> = [];
    while (sent < due) batch.push(sendOne(packets[sent++]));
    await Promise.all(batch);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  socket.close();
  return { sent, seconds, errors };
}
