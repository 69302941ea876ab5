/**
 * Linux authentication log lines (sshd, PAM sessions, sudo, cron), as a syslog receiver parses
 * them from /var/log/auth.log forwarding: the native record holds the RFC 3164 header fields
 * and the free-text message; the ECS fields are what an auth.log normalizer extracts.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { demoCountryOf } from '../geo.js';
import type { RecordContext } from './context.js';

export type SshMethod = 'password' | 'publickey';

interface SyslogLine {
  ts: number;
  hostname: string;
  appname: string;
  pid: number;
  message: string;
  /** authpriv severity; failures are logged at 'info' by sshd too, PAM errors at 'notice'. */
  severity: 'info' | 'notice';
}

function syslogRecord(ctx: RecordContext, line: SyslogLine, fields: EcsFields): NormalizedRecord {
  fields['message'] = line.message;
  fields['host.name'] = line.hostname;
  fields['process.name'] = line.appname;
  fields['process.pid'] = line.pid;
  fields['event.dataset'] = 'system.auth';
  fields['event.module'] = 'system';
  fields['log.syslog.facility.name'] = 'authpriv';
  return {
    ts: line.ts,
    fields,
    native: {
      // authpriv (10) * 8 + severity: info 6 → 86, notice 5 → 85.
      priority: line.severity === 'info' ? 86 : 85,
      facility: 'authpriv',
      severity: line.severity,
      timestamp: ctx.time.iso(line.ts),
      header_timestamp: ctx.time.syslog(line.ts),
      hostname: line.hostname,
      appname: line.appname,
      pid: line.pid,
      message: line.message,
    },
    logsource: { product: 'linux', service: 'auth' },
  };
}

function withSourceAddress(fields: EcsFields, ip: string, port: number): EcsFields {
  fields['source.ip'] = ip;
  fields['source.port'] = port;
  const country = demoCountryOf(ip);
  if (country !== undefined) fields['source.geo.country_iso_code'] = country;
  return fields;
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
  const suffix = a.success && a.method === 'publickey' && a.key !== undefined ? `: ${a.key}` : '';
  const message = `${verb} ${a.method} for ${who} from ${a.ip} port ${a.port} ssh2${suffix}`;
  const fields = withSourceAddress(
    {
      'event.kind': 'event',
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'ssh_login',
      'event.outcome': a.success ? 'success' : 'failure',
      'user.name': a.user,
      'system.auth.ssh.method': a.method,
      'system.auth.ssh.event': verb,
    },
    a.ip,
    a.port,
  );
  return syslogRecord(ctx, { ts: a.ts, hostname: a.host, appname: 'sshd', pid: a.pid, message, severity: 'info' }, fields);
}

/** "Invalid user admin from 203.0.113.7 port 40022": sshd logs it before the failed attempt. */
export function sshInvalidUserRecord(
  ctx: RecordContext,
  a: { ts: number; host: string; pid: number; user: string; ip: string; port: number },
): NormalizedRecord {
  const message = `Invalid user ${a.user} from ${a.ip} port ${a.port}`;
  const fields = withSourceAddress(
    {
      'event.kind': 'event',
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'ssh_invalid_user',
      'event.outcome': 'failure',
      'user.name': a.user,
      'system.auth.ssh.event': 'Invalid',
    },
    a.ip,
    a.port,
  );
  return syslogRecord(ctx, { ts: a.ts, hostname: a.host, appname: 'sshd', pid: a.pid, message, severity: 'notice' }, fields);
}

export interface PamSession {
  ts: number;
  host: string;
  /** 'sshd' or 'cron': the PAM service that opened the session. */
  service: 'sshd' | 'cron';
  appname: string;
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
    'event.kind': 'event',
    'event.category': ['session'],
    'event.type': [s.opened ? 'start' : 'end'],
    'event.action': s.opened ? 'session_opened' : 'session_closed',
    'event.outcome': 'success',
    'user.name': s.user,
  };
  return syslogRecord(ctx, { ts: s.ts, hostname: s.host, appname: s.appname, pid: s.pid, message, severity: 'info' }, fields);
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
    'event.kind': 'event',
    'event.category': ['process'],
    'event.type': ['start'],
    'event.action': 'sudo_command',
    'event.outcome': 'success',
    'user.name': s.user,
    'user.effective.name': 'root',
    'system.auth.sudo.command': s.command,
  };
  return syslogRecord(ctx, { ts: s.ts, hostname: s.host, appname: 'sudo', pid: s.pid, message, severity: 'notice' }, fields);
}
