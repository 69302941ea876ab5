/**
 * One frame or datagram (bytes) → record, or a rejection for an empty one. Invalid UTF-8 is
 * replaced, with a warning. `decodeSyslogBytes` reads a range of a larger buffer, so a receiver
 * that holds many datagrams or frames in one buffer needs no per-message Buffer view.
 */
import type { CodecResult } from '../../core/index.js';
import { decodeSyslogLine, type SyslogDecodeOptions } from './normalize.js';
import { asBuffer, INVALID_UTF8_WARNING, replacedInvalidUtf8 } from './utf8.js';

/** JavaScript's `String.prototype.trim` whitespace: a frame of nothing else is empty. */
function isTrimSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isTrimSpace(s.charCodeAt(i))) return false;
  return true;
}

export function decodeSyslogBytes(buf: Buffer, start: number, end: number, opts: SyslogDecodeOptions, index?: number): CodecResult {
  const text = buf.toString('utf8', start, end);
  const invalid = replacedInvalidUtf8(buf, start, end, text);
  // Trailing CR, LF and NUL are framing leftovers, not message text.
  let n = text.length;
  for (let c = text.charCodeAt(n - 1); c === 10 || c === 13 || c === 0; c = text.charCodeAt(n - 1)) n--;
  const line = n === text.length ? text : text.slice(0, n);
  if (isBlank(line)) {
    const raw = start === 0 && end === buf.length ? buf : buf.subarray(start, end);
    return { ok: false, rejected: { position: index !== undefined ? { index } : {}, reason: 'empty syslog message', raw } };
  }
  const record = decodeSyslogLine(line, opts);
  if (invalid) (record.warnings ??= []).unshift(INVALID_UTF8_WARNING);
  return { ok: true, record };
}

export function decodeSyslogFrame(bytes: Uint8Array, opts: SyslogDecodeOptions, index?: number): CodecResult {
  const buf = asBuffer(bytes);
  const r = decodeSyslogBytes(buf, 0, buf.length, opts, index);
  // A rejection keeps the caller's own bytes object, as it was given.
  if (!r.ok && r.rejected.raw === buf) r.rejected.raw = bytes;
  return r;
}
