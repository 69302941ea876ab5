/**
 * sudo, su and login: the programs that switch users or open console sessions.
 *
 * sudo logs `USER : [PROBLEM ; ]TTY=… ; PWD=… ; USER=… ; [GROUP=… ; ][ENV=… ; ]COMMAND=…`:
 * no problem means the command ran (process start, success); a problem (incorrect password
 * attempts, NOT in sudoers, command not allowed, password required) means it was refused.
 */
import { type AuthEvent, authFailure, authSuccess } from './auth-event.js';
import type { AuthRule } from './rule.js';

const SUDO_RE = /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S*) ; PWD=(.*?) ; USER=(\S*) ;(?: GROUP=(\S*) ;)?(?: ENV=(.*?) ;)? COMMAND=(.*)$/;

function sudo(m: RegExpExecArray): AuthEvent {
  const [, user, problem, tty, pwd, target, group, , command] = m;
  const details: Record<string, string> = { tty };
  if (group) details.group = group;
  const base = { user, effectiveUser: target, commandLine: command, workingDirectory: pwd, details };
  if (!problem) return { action: 'sudo_command', category: 'process', type: ['start'], outcome: 'success', ...base };
  if (/incorrect password attempt|a password is required|authentication failure/i.test(problem)) {
    return authFailure('sudo_auth_failure', { ...base, method: 'password', reason: problem });
  }
  // NOT in sudoers / command not allowed / not allowed to run: authorisation refused.
  return { action: 'sudo_command_denied', category: 'process', type: ['start'], outcome: 'failure', ...base, reason: problem };
}

export const SUDO_RULES: readonly AuthRule[] = [{ re: SUDO_RE, build: sudo }];

export const SU_RULES: readonly AuthRule[] = [
  {
    re: /^(Successful|FAILED) su for (\S+) by (\S+)$/,
    build: (m) => (m[1] === 'FAILED' ? authFailure : authSuccess)('su', { user: m[3], effectiveUser: m[2], method: 'password' }),
  },
  {
    // util-linux su: "(to root) alice on pts/0", "FAILED SU (to root) alice on pts/0"
    re: /^(FAILED SU )?\(to (\S+)\) (\S+) on (\S+)$/,
    build: (m) => (m[1] ? authFailure : authSuccess)('su', { user: m[3], effectiveUser: m[2], details: { tty: m[4] } }),
  },
  {
    // shadow-utils su: "+ pts/0 alice:root" (success), "- pts/0 alice:root" (failure)
    re: /^([+-]) (\S+) ([^:\s]+):(\S+)$/,
    build: (m) => (m[1] === '-' ? authFailure : authSuccess)('su', { user: m[3], effectiveUser: m[4], details: { tty: m[2] } }),
  },
];

export const LOGIN_RULES: readonly AuthRule[] = [
  {
    re: /^FAILED LOGIN \(?(\d+)\)? (?:on '?([^' ]+)'? )?(?:FROM '?([^' ]+)'? )?FOR '?([^',]*)'?, (.*)$/,
    build: (m) => authFailure('login', { user: m[4], source: m[3], reason: m[5], details: { attempt: m[1], ...(m[2] ? { tty: m[2] } : {}) } }),
  },
  {
    // shadow-utils login: "ROOT LOGIN  on '/dev/tty1' [from 'host']", "LOGIN ON tty1 BY alice [FROM host]"
    re: /^(ROOT )?LOGIN +[Oo][Nn] '?([^' ]+)'?(?: [Ff][Rr][Oo][Mm] '?([^' ]+)'?)?(?: BY (\S+))?(?: FROM (\S+))?$/,
    build: (m) => authSuccess('login', { type: ['start'], user: m[4] ?? (m[1] ? 'root' : undefined), source: m[3] ?? m[5], details: { tty: m[2] } }),
  },
];
