/**
 * The interpreted view of one audit record: numbers and codes turned into what they mean
 * (`arch=c000003e` → x86_64, `syscall=59` → execve, `exit=-13` → EACCES, `auid=4294967295`
 * → unset, `success=no` → result fail, SELinux contexts split, SOCKADDR decoded, rule keys
 * split). It follows go-libaudit's interpretation, whose golden parses are the test
 * reference, and is what the ECS mapping reads.
 */
import { splitKeys } from './encoding.js';
import { archName, errnoName, signalName } from './kernel-tables.js';
import type { AuditRecord } from './line-parser.js';
import { decodeSockaddr } from './sockaddr.js';
import { syscallName } from './syscall-tables.js';

export interface InterpretedRecord {
  data: Record<string, string>;
  /** Audit rule keys (`-k` names) that matched, if any. */
  keys?: string[];
}

/** The value auditd writes for an unset login uid / session id ((u32)-1). */
const UNSET_IDS = new Set(['4294967295', '-1']);
const UNSET_FIELDS = ['auid', 'old-auid', 'ses'];

const SUCCESS_WORDS = new Set(['success', 'yes', '1']);
const FAILURE_WORDS = new Set(['failed', 'fail', 'failure', 'no', '0']);

/** `user:role:type:level[:category]` → subj_user, subj_role, subj_domain, subj_level, subj_category. */
function splitSelinuxContext(prefix: 'subj' | 'obj', value: string, data: Record<string, string>): boolean {
  const parts = value.split(':');
  if (parts.length < 3 || /\s/.test(value)) return false;
  const [user, role, domain, level, ...category] = parts;
  data[`${prefix}_user`] = user;
  data[`${prefix}_role`] = role;
  data[`${prefix}_domain`] = domain;
  if (level !== undefined) data[`${prefix}_level`] = level;
  if (category.length > 0) data[`${prefix}_category`] = category.join(':');
  return true;
}

function result(value: string): string | undefined {
  const v = value.toLowerCase();
  if (SUCCESS_WORDS.has(v)) return 'success';
  if (FAILURE_WORDS.has(v)) return 'fail';
  return undefined;
}

export function interpretAuditRecord(record: AuditRecord): InterpretedRecord {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(record.fields)) {
    // `?` is how audit writes "not known"; an empty value carries nothing either.
    if (v === '?' || v === '') continue;
    data[k] = v;
  }
  const out: InterpretedRecord = { data };

  if ('key' in data) {
    const keys = splitKeys(data.key);
    if (keys.length > 0) out.keys = keys;
    delete data.key;
  }
  for (const field of ['success', 'res'] as const) {
    if (data[field] === undefined) continue;
    const r = result(data[field]);
    if (r !== undefined) {
      data.result = r;
      delete data[field];
    }
  }
  for (const f of UNSET_FIELDS) if (data[f] !== undefined && UNSET_IDS.has(data[f])) data[f] = 'unset';

  if (data.arch !== undefined) data.arch = archName(data.arch);
  if (data.syscall !== undefined && /^\d+$/.test(data.syscall) && data.arch !== undefined) {
    data.syscall = syscallName(data.arch, Number(data.syscall)) ?? data.syscall;
  }
  if (data.exit !== undefined && /^-\d+$/.test(data.exit)) data.exit = errnoName(-Number(data.exit)) ?? data.exit;
  if (data.sig !== undefined && /^\d+$/.test(data.sig)) data.sig = signalName(Number(data.sig)) ?? data.sig;
  if (data.subj !== undefined && splitSelinuxContext('subj', data.subj, data)) delete data.subj;
  if (data.obj !== undefined && splitSelinuxContext('obj', data.obj, data)) delete data.obj;

  if (record.type === 'SOCKADDR' && data.saddr !== undefined) {
    const sa = decodeSockaddr(data.saddr);
    if (sa) {
      data.family = sa.family;
      if (sa.addr !== undefined) data.addr = sa.addr;
      if (sa.port !== undefined) data.port = String(sa.port);
      if (sa.path !== undefined) data.path = sa.path;
      if (sa.addr !== undefined || sa.path !== undefined) delete data.saddr;
    }
  }
  return out;
}
