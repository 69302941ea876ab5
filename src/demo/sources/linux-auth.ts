/**
 * Linux authentication log lines (sshd, PAM sessions, sudo, cron) as Vigil's syslog receiver
 * turns them into records: the hosts forward auth.log as RFC 5424 (rsyslog's usual forwarding
 * format, which keeps milliseconds), the native record is the parsed header plus MSG plus the
 * details the linux-auth classifier extracts, and the fields and logsource are the ones the
 * receiver produces (src/codecs/syslog, src/codecs/linux-auth). agreement.test.ts decodes the
 * generated lines with the real receiver and checks that nothing differs.
 *
 * The only field added is `source.geo.country_iso_code`, as the GeoIP enrichment stage would.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { demoCountryOf } from '../geo.js';
import type { RecordContext } from './context.js';

export type SshMethod = 'password' | 'publickey';

/** authpriv: facility 10. */
const AUTHPRIV = 10;
const SEVERITY_NAMES = { 5: 'notice', 6: 'info' } as const;

interface SyslogLine {
  ts: number;
  hostname: string;
  appname: string;
  pid: number;
  message: string;
  severity: 5 | 6;
  /** Sigma service: sshd and sudo lines get their own, cron's PAM lines are plain `auth`. */
  service: 'sshd' | 'sudo' | 'auth';
  /** Values the linux-auth classifier keeps in `native.auth`. */
  details?: Record<string, string>;
}

function syslogRecord(ctx: RecordContext, line: SyslogLine, fields: EcsFields): NormalizedRecord {
  const priority = AUTHPRIV * 8 + line.severity;
  const severityName = SEVERITY_NAMES[line.severity];
  const procid = String(line.pid);
  fields['event.kind'] = 'event';
  fields['event.module'] = 'linux';
  fields['event.dataset'] = 'linux.auth';
  fields['message'] = line.message;
  fields['log.syslog.priority'] = priority;
  fields['log.syslog.facility.code'] = AUTHPRIV;
  fields['log.syslog.facility.name'] = 'authpriv';
  fields['log.syslog.severity.code'] = line.severity;
  fields['log.syslog.severity.name'] = severityName;
  fields['log.level'] = severityName;
  fields['event.severity'] = line.severity;
  fields['log.syslog.version'] = '1';
  fields['log.syslog.appname'] = line.appname;
  fields['process.name'] = line.appname;
  fields['log.syslog.procid'] = procid;
  fields['process.pid'] = line.pid;
  fields['host.name'] = line.hostname;
  fields['log.syslog.hostname'] = line.hostname;
  const native: Record<string, unknown> = {
    syslog: {
      format: 'rfc5424',
      priority,
      facility: AUTHPRIV,
      severity: line.severity,
      version: 1,
      timestamp: ctx.time.iso(line.ts),
      hostname: line.hostname,
      app_name: line.appname,
      procid,
    },
    message: line.message,
  };
  if (line.details !== undefined) native['auth'] = line.details;
  return { ts: line.ts, fields, native, logsource: { product: 'linux', service: line.service } };
}

function addUser(fields: EcsFields, user: string): void {
  fields['user.name'] = user;
  fields['related.user'] = [user];
}

function addSource(fields: EcsFields, ip: string, port: number): void {
  fields['source.address'] = ip;
  fields['source.ip'] = ip;
  fields['related.ip'] = [ip];
  fields['source.port'] = port;
  const country = demoCountryOf(ip);
  if (country !== undefined) fields['source.geo.country_iso_code'] = country;
}

export interface SshAttempt {
  ts: number;
  host: string;
  pid: number;
  user: string;
  ip: string;
  port: number;
  method: SshMethod;
  success: boolean;
  /** The account does not exist on the host ("Failed password for invalid user ..."). */
  invalid_user?: boolean;
  /** Key fingerprint for publickey successes ('ED25519 SHA256:...'). */
  key?: string;
}

/** "Accepted publickey for ..." / "Failed password for [invalid user] ..." */
export function sshLoginRecord(ctx: RecordContext, a: SshAttempt): NormalizedRecord {
  const verb = a.success ? 'Accepted' : 'Failed';
  const who = a.invalid_user ? `invalid user ${a.user}` : a.user;
  const keyInfo = a.success && a.method === 'publickey' ? a.key : undefined;
  const message = `${verb} ${a.method} for ${who} from ${a.ip} port ${a.port} ssh2${keyInfo !== undefined ? `: ${keyInfo}` : ''}`;
  const fields: EcsFields = {
    'event.category': ['authentication'],
    'event.type': [a.success ? 'start' : 'info'],
    'event.outcome': a.success ? 'success' : 'failure',
    'event.action': 'ssh_login',
  };
  addUser(fields, a.user);
  fields['user.auth.method'] = a.method;
  if (a.invalid_user) fields['event.reason'] = 'invalid user';
  addSource(fields, a.ip, a.port);
  const details: Record<string, string> = keyInfo !== undefined ? { protocol: 'ssh2', auth_info: keyInfo } : { protocol: 'ssh2' };
  return syslogRecord(ctx, { ts: a.ts, hostname: a.host, appname: 'sshd', pid: a.pid, message, severity: 6, service: 'sshd', details }, fields);
}

/** "Invalid user admin from 203.0.113.7 port 40022": sshd logs it before the failed attempt. */
export function sshInvalidUserRecord(
  ctx: RecordContext,
  a: { ts: number; host: string; pid: number; user: string; ip: string; port: number },
): NormalizedRecord {
  const message = `Invalid user ${a.user} from ${a.ip} port ${a.port}`;
  const fields: EcsFields = {
    'event.category': ['authentication'],
    'event.type': ['info'],
    'event.outcome': 'failure',
    'event.action': 'ssh_invalid_user',
  };
  addUser(fields, a.user);
  fields['event.reason'] = 'invalid user';
  addSource(fields, a.ip, a.port);
  return syslogRecord(ctx, { ts: a.ts, hostname: a.host, appname: 'sshd', pid: a.pid, message, severity: 5, service: 'sshd' }, fields);
}

export interface PamSession {
  ts: number;
  host: string;
  /** The PAM service that opened the session. */
  service: 'sshd' | 'cron';
  pid: number;
  user: string;
  uid: number;
  opened: boolean;
}

/** "pam_unix(sshd:session): session opened for user alice(uid=1001) by (uid=0)" */
export function pamSessionRecord(ctx: RecordContext, s: PamSession): NormalizedRecord {
  const message = s.opened
    ? `pam_unix(${s.service}:session): session opened for user ${s.user}(uid=${s.uid}) by (uid=0)`
    : `pam_unix(${s.service}:session): session closed for user ${s.user}`;
  const fields: EcsFields = {
    'event.category': ['session'],
    'event.type': [s.opened ? 'start' : 'end'],
    'event.outcome': 'success',
    'event.action': s.opened ? 'session_opened' : 'session_closed',
  };
  addUser(fields, s.user);
  const sshd = s.service === 'sshd';
  return syslogRecord(
    ctx,
    {
      ts: s.ts,
      hostname: s.host,
      appname: sshd ? 'sshd' : 'CRON',
      pid: s.pid,
      message,
      severity: 6,
      service: sshd ? 'sshd' : 'auth',
      details: { pam_module: 'pam_unix', pam_service: s.service, pam_type: 'session' },
    },
    fields,
  );
}

export interface SudoCommand {
  ts: number;
  host: string;
  pid: number;
  user: string;
  cwd: string;
  command: string;
}

/** "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx" */
export function sudoRecord(ctx: RecordContext, s: SudoCommand): NormalizedRecord {
  const message = `${s.user} : TTY=pts/0 ; PWD=${s.cwd} ; USER=root ; COMMAND=${s.command}`;
  const fields: EcsFields = {
    'event.category': ['process'],
    'event.type': ['start'],
    'event.outcome': 'success',
    'event.action': 'sudo_command',
    'user.name': s.user,
    'user.effective.name': 'root',
    'related.user': [s.user, 'root'],
    'process.command_line': s.command,
    'process.working_directory': s.cwd,
  };
  return syslogRecord(ctx, { ts: s.ts, hostname: s.host, appname: 'sudo', pid: s.pid, message, severity: 5, service: 'sudo', details: { tty: 'pts/0' } }, fields);
}
