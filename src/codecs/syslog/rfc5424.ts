/**
 * RFC 5424 §6: `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]`.
 * Fields are NILVALUE (`-`) when absent. Header field lengths are capped as the RFC says
 * (255/48/128/32); longer ones are kept but flagged, since real senders overrun them.
 * The header is split by scanning for spaces: no regex or token objects per field.
 */
import type { Priority } from './priority.js';
import { parseStructuredData } from './structured-data.js';
import { readIsoTimestamp } from './timestamp.js';
import { newSyslogMessage, type ParseSyslogOptions, type SyslogMessage } from './types.js';

const FIELD_LIMITS = { hostname: 255, appName: 48, procId: 128, msgId: 32 } as const;
const FIELDS = ['hostname', 'appName', 'procId', 'msgId'] as const;

/** Length of `VERSION SP` at `pos` (`[1-9]\d{0,2} `), or 0. */
function versionLength(line: string, pos: number): number {
  const c = line.charCodeAt(pos);
  if (c < 49 || c > 57) return 0;
  let i = pos + 1;
  while (i - pos < 3 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  return line.charCodeAt(i) === 32 ? i + 1 - pos : 0;
}

/** True when the text after PRI looks like an RFC 5424 header (a VERSION then a timestamp or `-`). */
export function looksLikeRfc5424(line: string, afterPri: number): boolean {
  const v = versionLength(line, afterPri);
  if (v === 0) return false;
  const next = afterPri + v;
  const c = line.charCodeAt(next);
  return (c === 45 /* - */ && line.charCodeAt(next + 1) === 32) || (c >= 48 && c <= 57 && line.charCodeAt(next + 4) === 45);
}

/** Index of the next space at or after `pos`, or the line length. */
function spaceAt(line: string, pos: number): number {
  const end = line.indexOf(' ', pos);
  return end < 0 ? line.length : end;
}

/** A header field that is neither empty nor the NILVALUE `-`. */
function isValue(line: string, start: number, end: number): boolean {
  const len = end - start;
  return len > 1 || (len === 1 && line.charCodeAt(start) !== 45);
}

/** The field's text, with a warning when it is longer than RFC 5424 allows. */
function headerValue(line: string, start: number, end: number, field: (typeof FIELDS)[number], warnings: string[]): string {
  if (end - start > FIELD_LIMITS[field]) warnings.push(`${field} longer than ${FIELD_LIMITS[field]} characters`);
  return line.slice(start, end);
}

export function parseRfc5424(line: string, pri: Priority, afterPri: number, opts: ParseSyslogOptions): SyslogMessage {
  const warnings: string[] = [];
  const msg = newSyslogMessage('rfc5424', pri, warnings);
  const v = versionLength(line, afterPri);
  msg.version = Number(line.slice(afterPri, afterPri + v - 1));
  let pos = afterPri + v;

  if (line.charCodeAt(pos) === 45) {
    pos += line.charCodeAt(pos + 1) === 32 ? 2 : 1;
  } else {
    const ts = readIsoTimestamp(line, pos, opts, true);
    if (ts) {
      msg.timestamp = ts.ts;
      msg.timestampText = ts.text;
      pos = ts.end;
    } else {
      const end = spaceAt(line, pos);
      const bad = line.slice(pos, end);
      warnings.push(`invalid RFC 5424 timestamp: ${bad.slice(0, 64)}`);
      msg.timestampText = bad;
      pos = end < line.length ? end + 1 : end;
    }
  }

  // HOSTNAME, APP-NAME, PROCID, MSGID: one named store each (a store keyed by a varying name
  // goes through V8's generic keyed-store path every time).
  let end = spaceAt(line, pos);
  if (isValue(line, pos, end)) msg.hostname = headerValue(line, pos, end, 'hostname', warnings);
  pos = end < line.length ? end + 1 : end;
  end = spaceAt(line, pos);
  if (isValue(line, pos, end)) msg.appName = headerValue(line, pos, end, 'appName', warnings);
  pos = end < line.length ? end + 1 : end;
  end = spaceAt(line, pos);
  if (isValue(line, pos, end)) msg.procId = headerValue(line, pos, end, 'procId', warnings);
  pos = end < line.length ? end + 1 : end;
  end = spaceAt(line, pos);
  if (isValue(line, pos, end)) msg.msgId = headerValue(line, pos, end, 'msgId', warnings);
  pos = end < line.length ? end + 1 : end;

  if (pos >= line.length) return msg;
  const sd = parseStructuredData(line, pos);
  if (sd.ok) {
    if (sd.data) msg.structuredData = sd.data;
    pos = sd.end < line.length ? sd.end + 1 : sd.end;
  } else {
    // Keep everything after the header as MSG so nothing is lost.
    warnings.push(`invalid structured data: ${sd.error}`);
  }
  // §6.4: MSG may start with a UTF-8 BOM to announce UTF-8; it is not part of the text.
  msg.message = line.charCodeAt(pos) === 0xfeff ? line.slice(pos + 1) : line.slice(pos);
  return msg;
}
