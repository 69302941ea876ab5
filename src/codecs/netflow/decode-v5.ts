/**
 * NetFlow v5: a 24-octet header and up to 30 fixed 48-octet records (Cisco's published
 * layout). Field names in the native record are the IANA names of the equivalent IPFIX
 * elements, so v5, v9 and IPFIX flows read alike.
 */
import { ipv4ToString } from './addresses.js';
import type { DecodeOutput } from './decode-result.js';
import { mapV5Flow } from './flow-compiler.js';
import { RecordContext } from './record-context.js';
import type { Exporter, NetflowSessionStore, PacketHeader } from './session-store.js';

const HEADER_LENGTH = 24;
const RECORD_LENGTH = 48;
/** Cisco's limit; a larger count means a corrupt or foreign header. */
const MAX_RECORDS = 30;

export function decodeNetflow5(buf: Buffer, exporter: Exporter, store: NetflowSessionStore, receivedAt: number, out: DecodeOutput): void {
  if (buf.length < HEADER_LENGTH) {
    out.reject('malformed', `NetFlow v5 header needs ${HEADER_LENGTH} octets, datagram has ${buf.length}`, 0, buf);
    return;
  }
  const count = buf.readUInt16BE(2);
  const needed = HEADER_LENGTH + count * RECORD_LENGTH;
  if (count === 0 || count > MAX_RECORDS || needed > buf.length) {
    out.reject('malformed', `NetFlow v5 header announces ${count} records, datagram holds ${Math.floor((buf.length - HEADER_LENGTH) / RECORD_LENGTH)} (max ${MAX_RECORDS})`, 2, buf);
    return;
  }
  // Engine type and id tell apart the flow caches of one device, like a v9 source id.
  const session = store.session(exporter, 5, buf.readUInt16BE(20), receivedAt);
  if (!session) {
    out.reject('session_limit', `session limit ${store.options.maxSessions} reached; exporter ${exporter.address} ignored`, 0, buf);
    return;
  }
  const header: PacketHeader = {
    version: 5,
    sysUpTimeMs: buf.readUInt32BE(4),
    exportSeconds: buf.readUInt32BE(8),
    exportNanos: buf.readUInt32BE(12),
    sequence: buf.readUInt32BE(16),
    domainId: buf.readUInt16BE(20),
  };
  const engineType = buf[20];
  const engineId = buf[21];
  const sampling = buf.readUInt16BE(22);
  const samplingAlgorithm = sampling >> 14;
  const samplingInterval = sampling & 0x3fff;
  if (samplingInterval > 0) {
    session.options.samplingInterval = samplingInterval;
    session.options.samplingAlgorithm = samplingAlgorithm;
  }
  store.trackSequence(session, header.sequence, count);
  const warnings = needed < buf.length ? [`${buf.length - needed} octets after the ${count} records ignored`] : undefined;
  const ctx = new RecordContext({ header, exporter, session, receivedAt, templateId: undefined });
  for (let i = 0, p = HEADER_LENGTH; i < count; i++, p += RECORD_LENGTH) {
    const native: Record<string, unknown> = {
      version: 5,
      engineType,
      engineId,
      samplingAlgorithm,
      samplingInterval,
      sourceIPv4Address: ipv4ToString(buf, p),
      destinationIPv4Address: ipv4ToString(buf, p + 4),
      ipNextHopIPv4Address: ipv4ToString(buf, p + 8),
      ingressInterface: buf.readUInt16BE(p + 12),
      egressInterface: buf.readUInt16BE(p + 14),
      packetDeltaCount: buf.readUInt32BE(p + 16),
      octetDeltaCount: buf.readUInt32BE(p + 20),
      flowStartSysUpTime: buf.readUInt32BE(p + 24),
      flowEndSysUpTime: buf.readUInt32BE(p + 28),
      sourceTransportPort: buf.readUInt16BE(p + 32),
      destinationTransportPort: buf.readUInt16BE(p + 34),
      tcpControlBits: buf[p + 37],
      protocolIdentifier: buf[p + 38],
      ipClassOfService: buf[p + 39],
      bgpSourceAsNumber: buf.readUInt16BE(p + 40),
      bgpDestinationAsNumber: buf.readUInt16BE(p + 42),
      sourceIPv4PrefixLength: buf[p + 44],
      destinationIPv4PrefixLength: buf[p + 45],
    };
    const record = mapV5Flow(native, ctx, buf, p);
    if (warnings) record.warnings = warnings;
    out.records.push(record);
  }
}
