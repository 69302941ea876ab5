/**
 * IPFIX (RFC 7011): a 16-octet message header (version 10, message length, export time,
 * sequence number, observation domain id) followed by sets. Over UDP one datagram carries
 * one message (RFC 7011 §10.3.3), so octets past the message length are ignored.
 */
import type { DecodeOutput } from './decode-result.js';
import { walkSets } from './flowsets.js';
import type { Exporter, NetflowSessionStore, PacketHeader } from './session-store.js';

const HEADER_LENGTH = 16;

export function decodeIpfix(buf: Buffer, exporter: Exporter, store: NetflowSessionStore, receivedAt: number, out: DecodeOutput): void {
  if (buf.length < HEADER_LENGTH) {
    out.reject('malformed', `IPFIX message header needs ${HEADER_LENGTH} octets, datagram has ${buf.length}`, 0, buf);
    return;
  }
  const length = buf.readUInt16BE(2);
  if (length < HEADER_LENGTH || length > buf.length) {
    out.reject('malformed', `IPFIX message length ${length} does not fit the ${buf.length}-octet datagram`, 2, buf);
    return;
  }
  const header: PacketHeader = {
    version: 10,
    sysUpTimeMs: undefined,
    exportSeconds: buf.readUInt32BE(4),
    exportNanos: 0,
    sequence: buf.readUInt32BE(8),
    domainId: buf.readUInt32BE(12),
  };
  const session = store.session(exporter, 10, header.domainId, receivedAt);
  if (!session) {
    out.reject('session_limit', `session limit ${store.options.maxSessions} reached; exporter ${exporter.address} domain ${header.domainId} ignored`, 0, buf);
    return;
  }
  const firstRecord = out.records.length;
  const dataRecords = walkSets({ buf, header, exporter, session, store, receivedAt, out }, HEADER_LENGTH, length);
  // The IPFIX sequence counts data records; when some could not be decoded the count is unknown.
  store.trackSequence(session, header.sequence, dataRecords);
  if (length < buf.length) {
    const warnings = [`${buf.length - length} octets after the ${length}-octet IPFIX message ignored`];
    for (let i = firstRecord; i < out.records.length; i++) out.records[i].warnings = warnings;
  }
}
