/**
 * Bytes → text for syslog frames. Invalid UTF-8 becomes U+FFFD with a warning rather than an
 * error: the rest of the message is still evidence. `isUtf8` is native and cheap, so the
 * common valid case costs one scan plus the decode.
 */
import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  text: string;
  warning?: string;
}

export const INVALID_UTF8_WARNING = 'invalid UTF-8 replaced with U+FFFD';

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return { text: buf.toString('utf8') };
  return { text: buf.toString('utf8'), warning: INVALID_UTF8_WARNING };
}
