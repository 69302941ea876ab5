/**
 * Labelled fail2ban lines where Vigil's per-line event semantics differ from fail2ban's ban
 * decision, each with the reason. The corpus test asserts every other check on every other
 * labelled line, and fails if a line listed here starts to agree (so the list stays exact).
 */
export type Check = 'match' | 'host' | 'time' | 'user';

const PUBKEY =
  'fail2ban ignores failed publickey tries of an existing user (clients offer several keys, gh-1263); each is still a failed authentication event';
const PAM_DEFERRED =
  'fail2ban defers pam_unix failures until the connection ends because a second PAM method may still succeed (gh-2070); the line itself is an authentication failure';
const SUCCESS_AFTER_FAILURES =
  'fail2ban charges earlier failures of other user names to this successful login; the line itself is a successful login';
const COUNTED_ELSEWHERE = 'fail2ban counts this attempt on another line of the same connection; the line is still a failure event';
const NORMAL_MODE_ONLY =
  "labelled for fail2ban's normal mode only; Vigil follows fail2ban's aggressive mode, where the same message is a failure (sshd:407)";
const CLOSE_AFTER_UNADDRESSED_FAILURE =
  'fail2ban marks this close as a failure because an earlier line of the pid failed without an address (gh-3086); alone it is a normal connection close';
const OLD_PAM_TAG = 'fail2ban dropped the pre-0.99 `prog(pam_unix)[pid]:` form; the message is still an authentication failure';
const AUDIT_LOGIN =
  'fail2ban counts the USER_AUTH/USER_ERR record of an attempt and skips its USER_LOGIN record; USER_LOGIN res=failed is still a failed login event';
const XRDP_OWN_FORMAT = "xrdp-sesman.log's own `[YYYYMMDD-hh:mm:ss]` prefix is not a syslog header, so no time is read from it";

const GROUPS: Array<[file: string, lines: number[], checks: Check[], reason: string]> = [
  ['sshd', [157, 159, 169, 171], ['match'], PUBKEY],
  ['sshd-journal', [155, 157, 167, 169], ['match'], PUBKEY],
  ['sshd', [222, 236, 238, 248, 258, 260], ['match'], PAM_DEFERRED],
  ['sshd-journal', [220, 228, 230, 240, 250, 252], ['match'], PAM_DEFERRED],
  ['sshd', [252, 262], ['match'], SUCCESS_AFTER_FAILURES],
  ['sshd-journal', [244, 254], ['match'], SUCCESS_AFTER_FAILURES],
  ['sshd', [232], ['match'], COUNTED_ELSEWHERE],
  ['sshd', [271], ['match'], NORMAL_MODE_ONLY],
  ['sshd-journal', [263], ['match'], NORMAL_MODE_ONLY],
  ['sshd', [354], ['match'], CLOSE_AFTER_UNADDRESSED_FAILURE],
  ['pam-generic', [12], ['match'], OLD_PAM_TAG],
  ['selinux-ssh', [2, 5, 11, 14, 20, 29], ['match'], AUDIT_LOGIN],
  ['xrdp', [6, 10, 14], ['time'], XRDP_OWN_FORMAT],
];

export const EXCLUSIONS: Record<string, { checks: Check[]; reason: string }> = {};
for (const [file, lines, checks, reason] of GROUPS) {
  for (const line of lines) EXCLUSIONS[`${file}:${line}`] = { checks, reason };
}
