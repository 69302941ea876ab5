/**
 * Entry point of the syslog codec: detects RFC 5424 (`<PRI>VERSION SP …`) versus RFC 3164 and
 * its variants, and splits the header from MSG. Pure: the caller supplies the receive time.
 */
import { readPri } from './priority.js';
import { looksLikeRfc5424, parseRfc5424 } from './rfc5424.js';
import { parseRfc3164 } from './rfc3164.js';
import type { ParseSyslogOptions, SyslogMessage } from './types.js';

export function parseSyslog(line: string, opts: ParseSyslogOptions): SyslogMessage {
  const pri = readPri(line);
  if (pri && looksLikeRfc5424(line, pri.end)) return parseRfc5424(line, pri.pri, pri.end, opts);
  const msg = parseRfc3164(line, pri?.pri, pri ? pri.end : 0, opts);
  if (!pri && line.charCodeAt(0) === 60) msg.warnings.push('invalid PRI');
  return msg;
}
