/**
 * RFC 5424 §6: `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]`.
 * Fields are NILVALUE (`-`) when absent. Header field lengths are capped as the RFC says
 * (255/48/128/32); longer ones are kept but flagged, since real senders overrun them.
 */
import type { Priority } from './priority.js';
import { parseStructuredData } from './structured-data.js';
import { readIsoTimestamp } from './timestamp.js';
import type { ParseSyslogOptions, SyslogMessage } from './types.js';

const FIELD_LIMITS = { hostname: 255, appName: 48, procId: 128, msgId: 32 } as const;
const VERSION_RE = /([1-9]\d{0,2}) /y;

/** True when the text after PRI looks like an RFC 5424 header (a VERSION then a timestamp or `-`). */
export function looksLikeRfc5424(line: string, afterPri: number): boolean {
  VERSION_RE.lastIndex = afterPri;
  const m = VERSION_RE.exec(line);
  if (!m) return false;
  const next = afterPri + m[0].length;
  const c = line.charCodeAt(next);
  return (c === 45 /* - */ && line.charCodeAt(next + 1) === 32) || (c >= 48 && c <= 57 && line.charCodeAt(next + 4) === 45);
}

function token(line: string, pos: number): { value: string; end: number } {
  let end = line.indexOf(' ', pos);
  if (end < 0) end = line.length;
  return { value: line.slice(pos, end), end: end < line.length ? end + 1 : end };
}

export function parseRfc5424(line: string, pri: Priority, afterPri: number, opts: ParseSyslogOptions): SyslogMessage {
  const warnings: string[] = [];
  const msg: SyslogMessage = { format: 'rfc5424', ...pri, message: '', warnings };
  VERSION_RE.lastIndex = afterPri;
  const v = VERSION_RE.exec(line)!;
  msg.version = Number(v[1]);
  let pos = afterPri + v[0].length;

  if (line.charCodeAt(pos) === 45) {
    pos += line.charCodeAt(pos + 1) === 32 ? 2 : 1;
  } else {
    const ts = readIsoTimestamp(line, pos, opts, true);
    if (ts) {
      msg.timestamp = ts.ts;
      msg.timestampText = ts.text;
      pos = ts.end;
    } else {
      const bad = token(line, pos);
      warnings.push(`invalid RFC 5424 timestamp: ${bad.value.slice(0, 64)}`);
      msg.timestampText = bad.value;
      pos = bad.end;
    }
  }

  for (const field of ['hostname', 'appName', 'procId', 'msgId'] as const) {
    const t = token(line, pos);
    pos = t.end;
    if (t.value === '-' || t.value === '') continue;
    if (t.value.length > FIELD_LIMITS[field]) warnings.push(`${field} longer than ${FIELD_LIMITS[field]} characters`);
    msg[field] = t.value;
  }

  if (pos >= line.length) return msg;
  const sd = parseStructuredData(line, pos);
  if (sd.ok) {
    if (sd.data) msg.structuredData = sd.data;
    pos = sd.end < line.length ? sd.end + 1 : sd.end;
  } else {
    // Keep everything after the header as MSG so nothing is lost.
    warnings.push(`invalid structured data: ${sd.error}`);
  }
  let message = line.slice(pos);
  // §6.4: MSG may start with a UTF-8 BOM to announce UTF-8; it is not part of the text.
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  msg.message = message;
  return msg;
}
