/**
 * RFC 3164 ("BSD syslog") and the variants real senders produce: `[<PRI>]TIMESTAMP HOST TAG[PID]: MSG`
 * where the timestamp may be BSD-style or ISO, the host may be missing (`Feb 11 15:23:17 dropbear[1]: …`),
 * FreeBSD `syslogd -v` inserts `<facility.severity>` after the time, the tag may be `[sshd]`, and
 * some lines have no header at all. RFC 3164 §4.3.3 says a header we cannot read is all MSG;
 * we follow that, except that `host tag[pid]: msg` without a timestamp (journal exports) is still split.
 */
import { facilityCode, type Priority, severityCode } from './priority.js';
import { readBsdTimestamp, readIsoTimestamp } from './timestamp.js';
import type { ParseSyslogOptions, SyslogMessage } from './types.js';

// TAG[PID]: — the tag is anything but space, brackets and colon (postfix/smtpd, vsftpd(pam_unix)).
const TAG_RE = /([^\s[\]:]{1,128})(?:\[([^\]\s]{0,32})\])?:(?: |$)/y;
// `[sshd]` / `[sshd]:` — only daemon-like lowercase names, so `[INFO]` stays in the message.
const BRACKET_TAG_RE = /\[([a-z][a-z0-9_.-]{0,47})\]:?(?: |$)/y;
// FreeBSD `syslogd -v`/`-vv`: `<4.3>` or `<auth.info>` after the timestamp.
const BSD_V_RE = /<([a-z0-9]{1,12})\.([a-z0-9]{1,8})> /y;
const HOST_RE = /[A-Za-z0-9][A-Za-z0-9._:%@-]{0,254}(?= )/y;

interface Tag {
  appName: string;
  procId?: string;
  end: number;
}

function readTag(line: string, pos: number): Tag | undefined {
  TAG_RE.lastIndex = pos;
  let m = TAG_RE.exec(line);
  if (m) return { appName: m[1], procId: m[2] || undefined, end: pos + m[0].length };
  BRACKET_TAG_RE.lastIndex = pos;
  m = BRACKET_TAG_RE.exec(line);
  if (m) return { appName: m[1], end: pos + m[0].length };
  return undefined;
}

function readHost(line: string, pos: number): number | undefined {
  HOST_RE.lastIndex = pos;
  const m = HOST_RE.exec(line);
  return m ? pos + m[0].length + 1 : undefined;
}

function applyBsdV(msg: SyslogMessage, fac: string, sev: string): void {
  const f = /^\d+$/.test(fac) ? Number(fac) : facilityCode(fac);
  const s = /^\d+$/.test(sev) ? Number(sev) : severityCode(sev);
  if (f === undefined || s === undefined || f > 23 || s > 7) return;
  msg.facility = f;
  msg.severity = s;
  msg.priority = f * 8 + s;
}

export function parseRfc3164(line: string, pri: Priority | undefined, afterPri: number, opts: ParseSyslogOptions): SyslogMessage {
  const warnings: string[] = [];
  const msg: SyslogMessage = { format: 'rfc3164', ...pri, message: '', warnings };
  let pos = afterPri;
  while (line.charCodeAt(pos) === 32) pos++;

  const ts = readBsdTimestamp(line, pos, opts) ?? readIsoTimestamp(line, pos, opts);
  if (ts) {
    msg.timestamp = ts.ts;
    msg.timestampText = ts.text;
    if (ts.warning) warnings.push(ts.warning);
    pos = ts.end;
    while (line.charCodeAt(pos) === 32) pos++;
    BSD_V_RE.lastIndex = pos;
    const v = BSD_V_RE.exec(line);
    if (v) {
      if (!pri) applyBsdV(msg, v[1], v[2]);
      pos += v[0].length;
    }
  } else {
    warnings.push('no timestamp in syslog header');
  }

  // With a timestamp, the next token is the host unless it is already the tag. Without one,
  // only `tag[pid]:` or `host tag[pid]:` is taken as header: "error: x" stays all MSG.
  let tag = readTag(line, pos);
  if (tag && !ts && tag.procId === undefined) tag = undefined;
  if (!tag) {
    const afterHost = readHost(line, pos);
    if (afterHost !== undefined) {
      const next = readTag(line, afterHost);
      if (ts || next?.procId !== undefined) {
        msg.hostname = line.slice(pos, afterHost - 1);
        pos = afterHost;
        tag = next;
      }
    }
  }
  if (tag) {
    msg.appName = tag.appName;
    if (tag.procId !== undefined) msg.procId = tag.procId;
    pos = tag.end;
  }
  msg.message = line.slice(pos);
  return msg;
}
