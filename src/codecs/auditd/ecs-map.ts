/**
 * One audit event (its records, interpreted) → NormalizedRecord: process.*, file.*,
 * user.*, source/destination from SOCKADDR and login records, event.category/type/action/
 * outcome, rule keys as tags; logsource `linux`/`auditd` as Sigma's auditd rules expect.
 *
 * Native record: `{ type, sequence, timestamp, node?, records: [...] }` where each record is
 * the flat map Sigma's auditd rules match (`type: EXECVE`, `a0`, `name`, `SYSCALL`), with
 * `ARCH`/`SYSCALL` added as the ENRICHED log format would write them.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import type { AuditEvent } from './assembler.js';
import { classifyRecordType, classifySyscall } from './event-classes.js';
import { interpretAuditRecord, type InterpretedRecord } from './interpret.js';
import type { AuditRecord } from './line-parser.js';

interface Interpreted {
  record: AuditRecord;
  view: InterpretedRecord;
}

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/;
const NETWORK_DESTINATION = new Set(['connect', 'sendto', 'sendmsg', 'sendmmsg']);

function setNumber(out: EcsFields, field: string, value: string | undefined): void {
  if (value !== undefined && /^-?\d+$/.test(value)) out[field] = Number(value);
}

function setString(out: EcsFields, field: string, value: string | undefined): void {
  if (value !== undefined && value !== '' && value !== '(null)' && value !== '(none)' && out[field] === undefined) out[field] = value;
}

function addRelated(out: EcsFields, field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) return;
  const list = Array.isArray(out[field]) ? (out[field] as string[]) : [];
  if (!list.includes(value)) out[field] = [...list, value];
}

/** The native shape of one record: its fields under its type, plus derived ARCH/SYSCALL names. */
export function nativeRecord(r: AuditRecord, view: InterpretedRecord): Record<string, unknown> {
  const native: Record<string, unknown> = { type: r.type, ...r.fields, ...r.enriched };
  const keys = view.keys ?? [];
  if ('key' in r.fields) native.key = keys.length === 0 ? r.fields.key : keys.length === 1 ? keys[0] : keys;
  if (r.fields.arch !== undefined && native.ARCH === undefined) native.ARCH = view.data.arch;
  if (r.fields.syscall !== undefined && native.SYSCALL === undefined && view.data.syscall !== r.fields.syscall) {
    native.SYSCALL = view.data.syscall;
  }
  return native;
}

function pathOf(name: string, cwd: string | undefined): string {
  if (name.startsWith('/') || cwd === undefined) return name;
  return `${cwd.replace(/\/+$/, '')}/${name.replace(/^\.\//, '')}`;
}

const FILE_TYPES: Readonly<Record<number, string>> = { 0o100000: 'file', 0o040000: 'dir', 0o120000: 'symlink', 0o020000: 'char_device', 0o060000: 'block_device', 0o010000: 'fifo', 0o140000: 'socket' };

function mapFile(paths: Interpreted[], cwd: string | undefined, out: EcsFields): void {
  const chosen = [...paths].reverse().find((p) => p.view.data.nametype !== 'PARENT' && p.view.data.objtype !== 'PARENT') ?? paths[paths.length - 1];
  if (!chosen) return;
  const d = chosen.view.data;
  if (d.name === undefined || d.name === '(null)') return;
  const full = pathOf(d.name, cwd);
  out['file.path'] = full;
  const base = full.split('/').filter(Boolean).pop();
  if (base) out['file.name'] = base;
  setString(out, 'file.inode', d.inode);
  setString(out, 'file.uid', d.ouid);
  setString(out, 'file.gid', d.ogid);
  if (d.mode !== undefined && /^[0-7]+$/.test(d.mode)) {
    const mode = parseInt(d.mode, 8);
    out['file.mode'] = (mode & 0o7777).toString(8).padStart(4, '0');
    const type = FILE_TYPES[mode & 0o170000];
    if (type) out['file.type'] = type;
  }
}

function mapProcess(recs: Interpreted[], primary: Interpreted, out: EcsFields): void {
  const d = primary.view.data;
  setNumber(out, 'process.pid', d.pid);
  setNumber(out, 'process.parent.pid', d.ppid);
  setString(out, 'process.executable', d.exe);
  setString(out, 'process.name', d.comm ?? d.exe?.split('/').pop());
  const execve = recs.find((r) => r.record.type === 'EXECVE');
  if (execve) {
    const argc = Number(execve.view.data.argc ?? NaN);
    const args: string[] = [];
    for (let i = 0; Number.isFinite(argc) ? i < argc : execve.record.fields[`a${i}`] !== undefined; i++) {
      const a = execve.record.fields[`a${i}`];
      if (a === undefined) break;
      args.push(a);
    }
    if (args.length > 0) {
      out['process.args'] = args;
      out['process.args_count'] = args.length;
      out['process.command_line'] = args.join(' ');
    }
  }
  const title = recs.find((r) => r.record.type === 'PROCTITLE')?.record.fields.proctitle;
  setString(out, 'process.title', title);
  setString(out, 'process.command_line', title ?? d.cmd);
  const cwd = recs.find((r) => r.record.type === 'CWD')?.record.fields.cwd ?? d.cwd;
  setString(out, 'process.working_directory', cwd);
}

function mapUser(primary: Interpreted, out: EcsFields): void {
  const d = primary.view.data;
  const e = primary.record.enriched ?? {};
  if (d.auid !== undefined && d.auid !== 'unset') out['user.audit.id'] = d.auid;
  setString(out, 'user.audit.name', e.AUID && e.AUID !== 'unset' ? e.AUID : undefined);
  if (d.acct !== undefined || primary.record.type.startsWith('USER_')) {
    // User-space (PAM, login) records: acct/id name the account being acted on; uid is
    // the reporting process (sshd, sudo), not the user.
    setString(out, 'user.name', d.acct);
    if (d.id !== undefined && /^\d+$/.test(d.id)) out['user.id'] = d.id;
    setString(out, 'process.user.id', d.uid);
  } else {
    setString(out, 'user.id', d.uid);
    setString(out, 'user.name', e.UID);
    setString(out, 'user.effective.id', d.euid);
    setString(out, 'user.effective.name', e.EUID);
    setString(out, 'group.id', d.gid);
    setString(out, 'group.name', e.GID);
  }
  addRelated(out, 'related.user', out['user.name']);
  addRelated(out, 'related.user', out['user.audit.name']);
}

function mapNetwork(recs: Interpreted[], syscall: string | undefined, primary: Interpreted, out: EcsFields): void {
  const sa = recs.find((r) => r.record.type === 'SOCKADDR')?.view.data;
  if (sa && (sa.family === 'ipv4' || sa.family === 'ipv6') && sa.addr !== undefined) {
    const side = syscall && !NETWORK_DESTINATION.has(syscall) ? 'source' : 'destination';
    out[`${side}.ip`] = sa.addr;
    setNumber(out, `${side}.port`, sa.port);
    out['network.type'] = sa.family;
    addRelated(out, 'related.ip', sa.addr);
  }
  if (primary.record.type === 'SOCKADDR') return;
  // User-space records name the remote peer of a login or session in addr / hostname.
  const d = primary.view.data;
  if (d.addr !== undefined && IP.test(d.addr)) {
    setString(out, 'source.ip', d.addr);
    addRelated(out, 'related.ip', d.addr);
  }
  if (d.hostname !== undefined && !IP.test(d.hostname)) setString(out, 'source.domain', d.hostname);
  setNumber(out, 'source.port', d.rport);
}

export function mapAuditEvent(event: AuditEvent): NormalizedRecord {
  const recs: Interpreted[] = event.records.map((record) => ({ record, view: interpretAuditRecord(record) }));
  const primary = recs.find((r) => r.record.type === 'SYSCALL') ?? recs[0];
  const d = primary.view.data;
  const syscall = primary.record.type === 'SYSCALL' ? d.syscall : undefined;
  const paths = recs.filter((r) => r.record.type === 'PATH');
  const cls = syscall
    ? classifySyscall(syscall, paths.map((p) => p.view.data.nametype ?? p.view.data.objtype ?? ''), recs.some((r) => r.record.type === 'EXECVE'))
    : classifyRecordType(primary.record.type, d);

  const out: EcsFields = {
    'event.module': 'auditd',
    'event.dataset': 'auditd.log',
    'event.kind': 'event',
    'event.category': cls.category,
    'event.type': cls.type,
    'event.action': syscall ?? primary.record.type.toLowerCase(),
    'event.sequence': event.sequence,
  };
  if (d.result === 'success') out['event.outcome'] = 'success';
  else if (d.result === 'fail') out['event.outcome'] = 'failure';
  if (event.node !== undefined) out['host.name'] = event.node;

  mapProcess(recs, primary, out);
  mapUser(primary, out);
  mapNetwork(recs, syscall, primary, out);
  if (cls.category.includes('file')) mapFile(paths, out['process.working_directory'] as string | undefined, out);
  const keys = [...new Set(recs.flatMap((r) => r.view.keys ?? []))];
  if (keys.length > 0) out.tags = keys;

  const warnings: string[] = [];
  if (event.closedBy === 'evicted') warnings.push('event closed early: too many open audit events; later records of it become a separate event');
  const duplicated = recs.flatMap((r) => r.record.duplicates ?? []);
  if (duplicated.length > 0) warnings.push(`repeated fields kept first value: ${[...new Set(duplicated)].join(', ')}`);

  const native: Record<string, unknown> = {
    type: primary.record.type,
    sequence: event.sequence,
    timestamp: primary.record.timestamp,
    records: recs.map((r) => nativeRecord(r.record, r.view)),
  };
  if (event.node !== undefined) native.node = event.node;
  return {
    ts: event.timeMs,
    fields: out,
    native,
    logsource: { product: 'linux', service: 'auditd' },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
