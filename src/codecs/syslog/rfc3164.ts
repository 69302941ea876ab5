/**
 * RFC 3164 ("BSD syslog") and the variants real senders produce: `[<PRI>]TIMESTAMP HOST TAG[PID]: MSG`
 * where the timestamp may be BSD-style or ISO, the host may be missing (`Feb 11 15:23:17 dropbear[1]: …`),
 * FreeBSD `syslogd -v` inserts `<facility.severity>` after the time, the tag may be `[sshd]`, and
 * some lines have no header at all. RFC 3164 §4.3.3 says a header we cannot read is all MSG;
 * we follow that, except that `host tag[pid]: msg` without a timestamp (journal exports) is still split.
 *
 * Host and tag are read by scanning character codes: they are on every message, and the
 * patterns below (kept as the definition) never need backtracking, so one pass decides.
 */
import { facilityCode, type Priority, severityCode } from './priority.js';
import { readBsdTimestamp, readIsoTimestamp } from './timestamp.js';
import { newSyslogMessage, type ParseSyslogOptions, type SyslogMessage } from './types.js';

// TAG[PID]: — the tag is anything but space, brackets and colon (postfix/smtpd, vsftpd(pam_unix)):
//   /([^\s[\]:]{1,128})(?:\[([^\]\s]{0,32})\])?:(?: |$)/y
// `[sshd]` / `[sshd]:` — only daemon-like lowercase names, so `[INFO]` stays in the message.
const BRACKET_TAG_RE = /\[([a-z][a-z0-9_.-]{0,47})\]:?(?: |$)/y;
// FreeBSD `syslogd -v`/`-vv`: `<4.3>` or `<auth.info>` after the timestamp.
const BSD_V_RE = /<([a-z0-9]{1,12})\.([a-z0-9]{1,8})> /y;
// Host: /[A-Za-z0-9][A-Za-z0-9._:%@-]{0,254}(?= )/y

interface Tag {
  appName: string;
  procId?: string;
  end: number;
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator), so the scanners agree with the regexes they replace. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isTagChar(c: number): boolean {
  return c !== 91 && c !== 93 && c !== 58 && !isSpace(c);
}

function afterColon(line: string, i: number): boolean {
  return i === line.length || line.charCodeAt(i) === 32;
}

function readTag(line: string, pos: number): Tag | undefined {
  let i = pos;
  const n = line.length;
  while (i < n && i - pos < 129 && isTagChar(line.charCodeAt(i))) i++;
  const len = i - pos;
  if (len >= 1 && len <= 128) {
    const c = line.charCodeAt(i);
    if (c === 58 && afterColon(line, i + 1)) return { appName: line.slice(pos, i), end: i + (i + 1 < n ? 2 : 1) };
    if (c === 91) {
      let j = i + 1;
      while (j < n && j - i - 1 < 33 && line.charCodeAt(j) !== 93 && !isSpace(line.charCodeAt(j))) j++;
      if (j - i - 1 <= 32 && line.charCodeAt(j) === 93 && line.charCodeAt(j + 1) === 58 && afterColon(line, j + 2)) {
        const pid = j > i + 1 ? line.slice(i + 1, j) : undefined;
        return { appName: line.slice(pos, i), procId: pid, end: j + (j + 2 < n ? 3 : 2) };
      }
    }
  }
  if (line.charCodeAt(pos) !== 91) return undefined;
  BRACKET_TAG_RE.lastIndex = pos;
  const m = BRACKET_TAG_RE.exec(line);
  if (m) return { appName: m[1], end: pos + m[0].length };
  return undefined;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHostChar(c: number): boolean {
  // . _ : % @ -
  return isAlnum(c) || c === 46 || c === 95 || c === 58 || c === 37 || c === 64 || c === 45;
}

/** Index after `host ` at `pos`, or undefined. */
function readHost(line: string, pos: number): number | undefined {
  if (!isAlnum(line.charCodeAt(pos))) return undefined;
  let i = pos + 1;
  const n = line.length;
  while (i < n && i - pos < 256 && isHostChar(line.charCodeAt(i))) i++;
  return i - pos <= 255 && line.charCodeAt(i) === 32 ? i + 1 : undefined;
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
  const msg = newSyslogMessage('rfc3164', pri, warnings);
  let pos = afterPri;
  while (line.charCodeAt(pos) === 32) pos++;

  const ts = readBsdTimestamp(line, pos, opts) ?? readIsoTimestamp(line, pos, opts);
  if (ts) {
    msg.timestamp = ts.ts;
    msg.timestampText = ts.text;
    if (ts.warning) warnings.push(ts.warning);
    pos = ts.end;
    while (line.charCodeAt(pos) === 32) pos++;
    if (line.charCodeAt(pos) === 60) {
      BSD_V_RE.lastIndex = pos;
      const v = BSD_V_RE.exec(line);
      if (v) {
        if (!pri) applyBsdV(msg, v[1], v[2]);
        pos += v[0].length;
      }
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
