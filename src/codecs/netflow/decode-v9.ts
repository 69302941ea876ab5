/**
 * NetFlow v9 (RFC 3954): a 20-octet header (version, count, sysUpTime, UNIX seconds,
 * package sequence, source id) followed by flowsets. Templates are scoped to the
 * exporter and source id.
 */
import type { DecodeOutput } from './decode-result.js';
import { walkSets } from './flowsets.js';
import type { Exporter, NetflowSessionStore, PacketHeader } from './session-store.js';

const HEADER_LENGTH = 20;

export function decodeNetflow9(buf: Buffer, exporter: Exporter, store: NetflowSessionStore, receivedAt: number, out: DecodeOutput): void {
  if (buf.length < HEADER_LENGTH) {
    out.reject('malformed', `NetFlow v9 header needs ${HEADER_LENGTH} octets, datagram has ${buf.length}`, 0, buf);
    return;
  }
  const header: PacketHeader = {
    version: 9,
    sysUpTimeMs: buf.readUInt32BE(4),
    exportSeconds: buf.readUInt32BE(8),
    exportNanos: 0,
    sequence: buf.readUInt32BE(12),
    domainId: buf.readUInt32BE(16),
  };
  const session = store.session(exporter, 9, header.domainId, receivedAt);
  if (!session) {
    out.reject('session_limit', `session limit ${store.options.maxSessions} reached; exporter ${exporter.address} source id ${header.domainId} ignored`, 0, buf);
    return;
  }
  // The v9 sequence counts export packets, whatever they contain.
  store.trackSequence(session, header.sequence, 1);
  walkSets({ buf, header, exporter, session, store, receivedAt, out }, HEADER_LENGTH, buf.length);
}
