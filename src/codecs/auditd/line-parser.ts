/**
 * One audit log line → one audit record. Accepts what auditd writes (`type=SYSCALL
 * msg=audit(1451781471.394:194435): ...`), with an optional `node=` prefix, a syslog or
 * audispd prefix, the kernel-log form (`audit: type=1400 audit(...)`), and the ENRICHED
 * log format, where interpreted fields follow a \x1d separator in upper case
 * (`ARCH=x86_64 SYSCALL=execve AUID="alice"`).
 */
import { decodeFieldValue } from './encoding.js';
import { tokenizeAuditBody, type AuditToken } from './kv-tokenizer.js';
import { recordTypeName } from './record-types.js';

export interface AuditRecord {
  /** Record type name: `SYSCALL`, `USER_LOGIN`, `UNKNOWN[1329]`. */
  type: string;
  /** Event time, epoch milliseconds (audit timestamps have millisecond resolution). */
  timeMs: number;
  /** The `1451781471.394` of `audit(1451781471.394:194435)`, verbatim. */
  timestamp: string;
  /** The event serial number: records of one event share it. */
  sequence: number;
  /** The `node=` name when auditd is configured to log it. */
  node?: string;
  /** Fields as logged, unquoted, hex-decoded where the field is an encoded string. */
  fields: Record<string, string>;
  /** Interpreted fields of the ENRICHED format (after \x1d), upper-case names. */
  enriched?: Record<string, string>;
  /** Words that are not key=value pairs (`avc: denied { read } for`, `auditd start,`). */
  words: string[];
  /** Field names seen more than once; the first value is kept. */
  duplicates?: string[];
}

export type AuditLineResult = { ok: true; record: AuditRecord } | { ok: false; reason: string };

const HEADER = /^type=(\S+)\s+(?:msg=)?audit\((\d+)(?:\.(\d+))?:(\d+)\):?\s?/;
const ENRICHED_SEPARATOR = '\x1d';
/** SELinux AVC: `avc:  denied  { read write } for  pid=...` */
const SELINUX_AVC = /^\s*avc:\s+(\w+)\s+\{\s*([^}]*?)\s*\}\s+for\s+/;

/** Where the record starts: `type=` at the line start or after whitespace. */
function recordStart(line: string): number {
  if (line.startsWith('type=')) return 0;
  const m = /(^|\s)type=/.exec(line);
  return m ? m.index + m[1].length : -1;
}

function parseTime(seconds: string, fraction: string | undefined): number {
  const frac = fraction ?? '';
  const ms = Number((frac + '000').slice(0, 3));
  const sub = frac.length > 3 ? Number('0.' + frac.slice(3)) : 0;
  return Number(seconds) * 1000 + ms + sub;
}

/** Join EXECVE arguments logged in chunks (`a1_len=... a1[0]=... a1[1]=...`). */
function joinChunks(type: string, tokens: AuditToken[]): AuditToken[] {
  if (type !== 'EXECVE' || !tokens.some((t) => /^a\d+\[\d+\]$/.test(t.key))) return tokens;
  const out: AuditToken[] = [];
  const chunks = new Map<string, AuditToken[]>();
  for (const t of tokens) {
    const m = /^(a\d+)\[(\d+)\]$/.exec(t.key);
    if (!m) {
      out.push(t);
      continue;
    }
    let list = chunks.get(m[1]);
    if (!list) {
      list = [];
      chunks.set(m[1], list);
      out.push({ key: m[1], value: '', quoted: false });
    }
    list[Number(m[2])] = t;
  }
  for (const t of out) {
    const list = chunks.get(t.key);
    if (!list) continue;
    const parts = list.filter((x): x is AuditToken => x !== undefined);
    // All-hex chunks are decoded together: a multi-byte character may straddle two chunks.
    if (parts.every((p) => !p.quoted)) t.value = parts.map((p) => p.value).join('');
    else {
      t.value = parts.map((p) => decodeFieldValue(type, t.key, p.value, p.quoted)).join('');
      t.quoted = true;
    }
  }
  return out;
}

export function parseAuditLine(input: string): AuditLineResult {
  const line = input.endsWith('\r') ? input.slice(0, -1) : input;
  const start = recordStart(line);
  if (start < 0) return { ok: false, reason: "no 'type=' field" };
  const prefix = line.slice(0, start);
  const header = HEADER.exec(line.slice(start));
  if (!header) return { ok: false, reason: "no 'msg=audit(<time>:<serial>)' header" };
  const [whole, rawType, seconds, fraction, serial] = header;
  const type = /^\d+$/.test(rawType) ? recordTypeName(Number(rawType)) : rawType;
  let body = line.slice(start + whole.length);

  let enrichedText: string | undefined;
  const gs = body.indexOf(ENRICHED_SEPARATOR);
  if (gs >= 0) {
    enrichedText = body.slice(gs + 1);
    body = body.slice(0, gs);
  }

  const extra: AuditToken[] = [];
  const avc = SELINUX_AVC.exec(body);
  if (avc) {
    extra.push({ key: 'seresult', value: avc[1], quoted: true });
    extra.push({ key: 'seperms', value: avc[2].split(/\s+/).join(','), quoted: true });
    body = body.slice(avc[0].length);
  }
  const { pairs, words } = tokenizeAuditBody(body);
  const fields: Record<string, string> = {};
  const duplicates: string[] = [];
  for (const t of joinChunks(type, [...extra, ...pairs])) {
    if (Object.prototype.hasOwnProperty.call(fields, t.key)) {
      duplicates.push(t.key);
      continue;
    }
    fields[t.key] = decodeFieldValue(type, t.key, t.value, t.quoted);
  }
  if (type === 'PROCTITLE' && fields.proctitle !== undefined) {
    // The title is argv joined by NULs; shown as a command line, like ausearch -i does.
    fields.proctitle = fields.proctitle.replace(/\0+$/, '').replace(/\0/g, ' ');
  }

  const record: AuditRecord = {
    type,
    timeMs: parseTime(seconds, fraction),
    timestamp: fraction === undefined ? seconds : `${seconds}.${fraction}`,
    sequence: Number(serial),
    fields,
    words,
  };
  const node = /(?:^|\s)node=(\S+)\s*$/.exec(prefix);
  if (node) record.node = node[1];
  if (duplicates.length > 0) record.duplicates = duplicates;
  if (enrichedText !== undefined) {
    const enriched: Record<string, string> = {};
    for (const t of tokenizeAuditBody(enrichedText).pairs) {
      if (!(t.key in enriched)) enriched[t.key] = t.value;
    }
    record.enriched = enriched;
  }
  return { ok: true, record };
}
