/**
 * Decodes one field value by its IPFIX abstract data type into a JSON-safe native value.
 *
 * Reduced-size encoding (RFC 7011 §6.2) is honoured: unsigned/signed integers may arrive in
 * fewer octets than their type, float64 in four. A value whose length does not fit its
 * type (an IPv4 address in 3 octets) falls back to hex rather than guessing. Integers beyond
 * 2^53 become decimal strings so that no precision is silently lost.
 */
import { hexString, ipv4ToString, ipv6ToString, macToString } from './addresses.js';
import type { IeType } from './element-registry.js';
import { isoFromMs, ntpToTime } from './timestamps.js';

export type NativeValue = string | number | boolean | null;

const TWO_32 = 4294967296;

export function readUnsigned(buf: Buffer, offset: number, length: number): number | string {
  if (length <= 6) return length === 0 ? 0 : buf.readUIntBE(offset, length);
  const high = buf.readUIntBE(offset, length - 4);
  const low = buf.readUInt32BE(offset + length - 4);
  if (high < 0x200000) return high * TWO_32 + low;
  return (BigInt(high) * BigInt(TWO_32) + BigInt(low)).toString();
}

function readSigned(buf: Buffer, offset: number, length: number): number | string {
  if (length <= 6) return buf.readIntBE(offset, length);
  let value = BigInt.asIntN(length * 8, BigInt('0x' + hexString(buf, offset, length)));
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

function finiteOrText(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

/** Fixed-size strings (Cisco ASA user names) are NUL-padded; the padding is not text. */
function readString(buf: Buffer, offset: number, length: number): string {
  let end = offset + length;
  while (end > offset && buf[end - 1] === 0) end--;
  return buf.toString('utf8', offset, end);
}

export function decodeValue(buf: Buffer, offset: number, length: number, type: IeType): NativeValue {
  switch (type) {
    case 'unsigned8':
    case 'unsigned16':
    case 'unsigned32':
    case 'unsigned64':
      if (length <= 8) return readUnsigned(buf, offset, length);
      break;
    case 'signed8':
    case 'signed16':
    case 'signed32':
    case 'signed64':
      if (length >= 1 && length <= 8) return readSigned(buf, offset, length);
      break;
    case 'float32':
      if (length === 4) return finiteOrText(buf.readFloatBE(offset));
      break;
    case 'float64':
      if (length === 8) return finiteOrText(buf.readDoubleBE(offset));
      if (length === 4) return finiteOrText(buf.readFloatBE(offset));
      break;
    case 'boolean':
      // RFC 7011 §6.1.5: 1 is true, 2 is false; anything else is not a boolean.
      if (length === 1 && (buf[offset] === 1 || buf[offset] === 2)) return buf[offset] === 1;
      break;
    case 'macAddress':
      if (length === 6) return macToString(buf, offset);
      break;
    case 'string':
      return readString(buf, offset, length);
    case 'ipv4Address':
      if (length === 4) return ipv4ToString(buf, offset);
      break;
    case 'ipv6Address':
      if (length === 16) return ipv6ToString(buf, offset);
      break;
    case 'dateTimeSeconds':
      if (length === 4) return isoFromMs(buf.readUInt32BE(offset) * 1000);
      break;
    case 'dateTimeMilliseconds':
      if (length >= 1 && length <= 8) {
        const ms = readUnsigned(buf, offset, length);
        if (typeof ms === 'number' && ms <= 8.64e15) return isoFromMs(ms);
      }
      break;
    case 'dateTimeMicroseconds':
    case 'dateTimeNanoseconds':
      if (length === 8) {
        const t = ntpToTime(buf.readUInt32BE(offset), buf.readUInt32BE(offset + 4), type === 'dateTimeNanoseconds' ? 'nano' : 'micro');
        return isoFromMs(t.ms, t.subMsNanos);
      }
      break;
    default:
      break;
  }
  return hexString(buf, offset, length);
}
