/**
 * Entry point of the codec: one UDP payload in, records and rejections out. Pure: the
 * receive time is passed in and all state lives in the caller's session store.
 */
import { DecodeOutput, type NetflowDecodeResult } from './decode-result.js';
import { decodeIpfix } from './decode-ipfix.js';
import { decodeNetflow5 } from './decode-v5.js';
import { decodeNetflow9 } from './decode-v9.js';
import { rejectUnknown } from './flowsets.js';
import type { Exporter, NetflowSessionStore } from './session-store.js';

export function decodeNetflowPacket(payload: Uint8Array, exporter: Exporter, store: NetflowSessionStore, receivedAt: number): NetflowDecodeResult {
  const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const out = new DecodeOutput();
  if (buf.length < 2) {
    out.reject('malformed', `datagram of ${buf.length} octets has no version field`, 0, buf);
    return out;
  }
  out.version = buf.readUInt16BE(0);
  switch (out.version) {
    case 5:
      decodeNetflow5(buf, exporter, store, receivedAt, out);
      break;
    case 9:
      decodeNetflow9(buf, exporter, store, receivedAt, out);
      break;
    case 10:
      decodeIpfix(buf, exporter, store, receivedAt, out);
      break;
    default:
      out.reject('malformed', `unsupported version ${out.version} (expected 5, 9 or 10)`, 0, buf);
  }
  return out;
}

/**
 * Housekeeping between datagrams: forgets expired templates and gives up on data sets
 * whose template did not arrive within the buffering window. The returned rejections
 * (code `unknown_template`) must be counted like any other.
 */
export function expireNetflowState(store: NetflowSessionStore, now: number): NetflowDecodeResult {
  const out = new DecodeOutput();
  for (const p of store.sweep(now)) rejectUnknown(out, p);
  return out;
}
