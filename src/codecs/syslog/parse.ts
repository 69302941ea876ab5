/**
 * Entry point of the syslog codec: detects RFC 5424 (`<PRI>VERSION SP …`) versus RFC 3164 and
 * its variants, and splits the header from MSG. Pure: the caller supplies the receive time.
 */
import { priEnd } from './priority.js';
import { looksLikeRfc5424, parseRfc5424 } from './rfc5424.js';
import { parseRfc3164 } from './rfc3164.js';
import type { ParseSyslogOptions, SyslogMessage } from './types.js';

export function parseSyslog(line: string, opts: ParseSyslogOptions): SyslogMessage {
  const end = priEnd(line);
  if (end === 0) {
    const msg = parseRfc3164(line, undefined, 0, opts);
    if (line.charCodeAt(0) === 60) msg.warnings.push('invalid PRI');
    return msg;
  }
  let value = 0;
  for (let i = 1; i < end - 1; i++) value = value * 10 + line.charCodeAt(i) - 48;
  const pri = { priority: value, facility: value >> 3, severity: value & 7 };
  if (looksLikeRfc5424(line, end)) return parseRfc5424(line, pri, end, opts);
  return parseRfc3164(line, pri, end, opts);
}
