/**
 * Linux-PAM module messages, whatever program logs them (sshd, su, sudo, login, vsftpd,
 * pure-ftpd, cron, …): `pam_unix(SERVICE:TYPE): …`, the pre-0.99 `(pam_unix) …` form and the
 * bare `authentication failure; logname=… rhost=…` some daemons print.
 *
 * The key=value tail is `logname= uid= euid= tty= ruser= rhost=` and an optional `  user=`.
 * Values can be attacker-chosen (`ruser=test rhost=10.0.0.1`), so rhost is read as the first
 * ` rhost=` that is followed only by end of line or ` user=`.
 */
import { type AuthEvent, authFailure } from './auth-event.js';
import type { AuthRule } from './rule.js';

const MODULE = '(?:(pam_[a-z0-9_]+)(?:\\(([^)]*)\\))?: |\\((pam_[a-z0-9_]+)\\) )?';
/**
 * What every PAM rule's text starts with: the optional module prefix, then the first words of
 * one of the rules below. Most messages (any program's, PAM rules run for all) fail it at
 * once, instead of failing each rule's pattern in turn. Keep in step with the rules.
 */
const PAM_GATE = /^(?:\(?pam_|authentication failure; |session (?:opened|closed) for user |check pass; |\d+ more authentication failure|Consecutive login failures for user |Account locked due to )/;
const KV_RE = /^logname=(.*?) uid=(\d*) euid=(\d*) tty=(\S*) ruser=(.*?) rhost=(\S*)(?:\s*$|\s+user=(.*?)\s*$)/;

/** Services whose PAM `user=` is the account being switched to, not the one logging in. */
const SWITCH_SERVICES = new Set(['su', 'su-l', 'sudo', 'sudo-i', 'runuser', 'runuser-l', 'pkexec', 'doas']);

function pamService(m: RegExpExecArray): { module?: string; service?: string; type?: string } {
  const module = m[1] ?? m[3];
  const inner = m[2];
  if (!inner) return { module };
  const [service, type] = inner.includes(':') ? inner.split(':', 2) : [inner, undefined];
  return { module, service, type };
}

function details(mod: { module?: string; service?: string; type?: string }, extra: Record<string, string> = {}): Record<string, string> {
  const d: Record<string, string> = { ...extra };
  if (mod.module) d.pam_module = mod.module;
  if (mod.service) d.pam_service = mod.service;
  if (mod.type) d.pam_type = mod.type;
  return d;
}

function authFailureFromKv(mod: ReturnType<typeof pamService>, rawKv: string): AuthEvent {
  const kv = rawKv.replace(/\s*\[preauth\]$/, '');
  const m = KV_RE.exec(kv);
  if (!m) return authFailure('pam_authentication_failure', { method: 'pam', details: details(mod, { pam_kv: kv }) });
  const [, logname, uid, euid, tty, ruser, rhost, user] = m;
  const d = details(mod, { uid, euid });
  if (logname) d.logname = logname;
  if (tty) d.tty = tty;
  if (ruser) d.ruser = ruser;
  const switching = mod.service !== undefined && SWITCH_SERVICES.has(mod.service);
  const acting = switching ? ruser || logname || undefined : user || ruser || undefined;
  return authFailure('pam_authentication_failure', {
    method: 'pam',
    user: acting,
    effectiveUser: switching ? user || undefined : undefined,
    source: rhost || undefined,
    details: d,
  });
}

function session(kind: 'opened' | 'closed', mod: ReturnType<typeof pamService>, user: string, by?: string): AuthEvent {
  // `session opened for user root(uid=0) by alice(uid=1000)`: `by` is who opened it.
  const clean = (u: string | undefined): string | undefined => u?.replace(/\(uid=\d+\)$/, '') || undefined;
  const target = clean(user);
  const actor = clean(by);
  return {
    action: kind === 'opened' ? 'session_opened' : 'session_closed',
    category: 'session',
    type: [kind === 'opened' ? 'start' : 'end'],
    outcome: 'success',
    user: actor && actor !== target ? actor : target,
    effectiveUser: actor && actor !== target ? target : undefined,
    details: details(mod),
  };
}

const PAM_TABLE: readonly AuthRule[] = [
  {
    re: new RegExp(`^${MODULE}authentication failure; (.*)$`),
    build: (m) => authFailureFromKv(pamService(m), m[4]),
  },
  {
    re: new RegExp(`^${MODULE}session (opened|closed) for user (\\S+)(?: by (\\S*))?\\s*$`),
    build: (m) => session(m[4] as 'opened' | 'closed', pamService(m), m[5], m[6] === '' || m[6] === '(uid=0)' ? undefined : m[6]),
  },
  {
    re: new RegExp(`^${MODULE}check pass; user unknown$`),
    build: (m) => authFailure('pam_authentication_failure', { method: 'pam', reason: 'user unknown', details: details(pamService(m)) }),
  },
  {
    re: new RegExp(`^${MODULE}(\\d+) more authentication failures?; (.*)$`),
    build: (m) => ({ ...authFailureFromKv(pamService(m), m[5]), action: 'pam_repeated_failures', reason: `${m[4]} more authentication failures` }),
  },
  {
    re: new RegExp(`^${MODULE}(?:Consecutive login failures for user (\\S+) account temporarily locked|Account locked due to \\d+ failed logins.*?(?:user (\\S+))?)$`),
    build: (m) => authFailure('pam_account_locked', { user: m[4] ?? m[5], method: 'pam', reason: 'account locked', details: details(pamService(m)) }),
  },
];

export const PAM_RULES: readonly AuthRule[] = PAM_TABLE.map((rule) => ({ ...rule, gate: PAM_GATE }));
