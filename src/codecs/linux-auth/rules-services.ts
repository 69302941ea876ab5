/**
 * Other remote-login services the corpus and common deployments cover: dropbear (embedded
 * SSH), vsftpd's own log lines, and xrdp-sesman. vsftpd and xrdp also write files that
 * arrive without a syslog tag, so their rules run for untagged messages too.
 */
import { authFailure, authSuccess } from './auth-event.js';
import { splitHostPort } from './address.js';
import type { AuthRule } from './rule.js';

function hostPort(text: string): { source: string; sourcePort?: number } {
  const { host, port } = splitHostPort(text);
  return { source: host, sourcePort: port };
}

export const DROPBEAR_RULES: readonly AuthRule[] = [
  {
    re: /^[Bb]ad password attempt for '(.*)' from (\S+)$/,
    build: (m) => authFailure('ssh_login', { user: m[1], method: 'password', ...hostPort(m[2]) }),
  },
  {
    re: /^[Ll]ogin attempt for nonexistent user(?: '(.*)')? from (\S+)$/,
    build: (m) => authFailure('ssh_invalid_user', { user: m[1], reason: 'invalid user', ...hostPort(m[2]) }),
  },
  {
    re: /^Exit before auth \(user '(.*)', (\d+) fails\): Max auth tries reached - user '(.*)' from (\S+)$/,
    build: (m) => authFailure('ssh_max_auth_attempts', { user: m[1], reason: `${m[2]} failures; max auth tries reached`, ...hostPort(m[4]) }),
  },
  {
    re: /^Exit before auth from <(\S+)>: (?:\(user '(.*)', (\d+) fails\): )?Max auth tries reached - user '(.*)'$/,
    build: (m) => authFailure('ssh_max_auth_attempts', { user: m[2] ?? m[4], reason: 'max auth tries reached', ...hostPort(m[1]) }),
  },
  {
    re: /^(Password|Pubkey) auth succeeded for '(.*)'(?: with (?:key|\S+ key) .*?)? from (\S+)$/,
    build: (m) => authSuccess('ssh_login', { type: ['start'], user: m[2], method: m[1] === 'Password' ? 'password' : 'publickey', ...hostPort(m[3]) }),
  },
];

export const VSFTPD_RULES: readonly AuthRule[] = [
  {
    re: /^(?:\[pid \d+\] )?\[(.*?)\] (FAIL|OK) LOGIN: Client "([^"]*)"(?:, "(.*)")?$/,
    build: (m) => (m[2] === 'OK' ? authSuccess : authFailure)('ftp_login', { user: m[1], source: m[3], method: 'password', reason: m[4] }),
  },
];

export const XRDP_RULES: readonly AuthRule[] = [
  {
    // The user name is free text and may contain " ip=…": the address is the last ` ip=`.
    re: /^(?:\[\d{8}-\d{2}:\d{2}:\d{2}\] )?\[[A-Z]+ *\] AUTHFAIL: user=(.*) ip=(\S+) time=(\d+)$/,
    build: (m) => authFailure('rdp_login', { user: m[1], source: m[2], method: 'password' }),
  },
];
