/**
 * Bytes → text for syslog frames. Invalid UTF-8 becomes U+FFFD with a warning rather than an
 * error: the rest of the message is still evidence. The decoder only produces U+FFFD for
 * invalid input or for a U+FFFD that was sent, so the validity check runs only when the
 * decoded text contains one (for ASCII text that search is immediate).
 */
import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  text: string;
  warning?: string;
}

export const INVALID_UTF8_WARNING = 'invalid UTF-8 replaced with U+FFFD';

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when `text`, decoded from `buf[start, end)`, replaced invalid bytes. */
export function replacedInvalidUtf8(buf: Buffer, start: number, end: number, text: string): boolean {
  return text.indexOf('\uFFFD') >= 0 && !isUtf8(buf.subarray(start, end));
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const buf = asBuffer(bytes);
  const text = buf.toString('utf8');
  if (!replacedInvalidUtf8(buf, 0, buf.length, text)) return { text };
  return { text, warning: INVALID_UTF8_WARNING };
}
