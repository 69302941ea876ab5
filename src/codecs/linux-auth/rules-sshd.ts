/**
 * OpenSSH sshd messages (also Solaris/macOS variants, sshd-session). The user name is
 * attacker-controlled (it can contain " from 10.0.0.1 port 22"), so patterns anchor on what
 * sshd prints after it and take the address that sshd itself wrote: the last `from ADDR`
 * that is followed only by `port N sshV` and the optional `: info` suffix.
 */
import { authFailure, type AuthEvent, port } from './auth-event.js';
import type { AuthRule } from './rule.js';

const PREAUTH = '(?: \\[preauth\\])?';

function invalidUser(flag: string | undefined, user: string | undefined): { user?: string; reason?: string } {
  if (user === '<invalid username>') return { reason: 'invalid user' };
  return { user, reason: flag ? 'invalid user' : undefined };
}

function network(action: string, outcome: 'failure' | 'success' | 'unknown', source?: string, p?: string, reason?: string): AuthEvent {
  return { action, category: 'network', type: ['connection'], outcome, source, sourcePort: port(p), reason };
}

function closed(how: string | undefined, u: { user?: string; reason?: string }, source: string, p: string | undefined, preauth: string | undefined): AuthEvent {
  const action = how === 'reset' ? 'ssh_connection_reset' : 'ssh_connection_closed';
  if (preauth) return authFailure(action, { ...u, source, sourcePort: port(p), reason: 'closed before authentication' });
  return { action, category: 'session', type: ['end'], outcome: 'unknown', ...u, source, sourcePort: port(p) };
}

export const SSHD_RULES: readonly AuthRule[] = [
  {
    re: /^(Accepted|Failed|Postponed|Partial) (\S+) for (invalid user |illegal user )?(.*?) from (\S+)(?: port (\d+))?(?: (ssh\d?))?(?:: (.*))?$/,
    // The most frequent sshd line of all (every password guess): built as one literal, without
    // the spreads of the helpers, which cost as much as the match itself.
    build: (m) => {
      const verb = m[1];
      const rawMethod = m[2];
      const details: Record<string, string> = {};
      const slash = rawMethod.indexOf('/');
      if (slash >= 0) details.pam_device = rawMethod.slice(slash + 1);
      if (m[7]) details.protocol = m[7];
      if (m[8]) details.auth_info = m[8];
      // As invalidUser(): `<invalid username>` names nobody. keyboard-interactive/pam → keyboard-interactive, the device in details.
      const nameless = m[4] === '<invalid username>';
      const ev: AuthEvent = {
        action: 'ssh_login', category: 'authentication', type: ['info'], outcome: 'failure',
        method: slash < 0 ? rawMethod : rawMethod.slice(0, slash), source: m[5], sourcePort: port(m[6]), details,
        user: nameless ? undefined : m[4], reason: nameless || m[3] ? 'invalid user' : undefined,
      };
      if (verb === 'Accepted') {
        ev.outcome = 'success';
        ev.type = ['start'];
      } else if (verb !== 'Failed') {
        ev.outcome = 'unknown';
        ev.reason = `${verb.toLowerCase()} ${rawMethod}`;
      }
      return ev;
    },
  },
  {
    re: /^(?:Invalid|Illegal) user (.*?) from (\S+?)(?: port (\d+))?$/,
    build: (m) => authFailure('ssh_invalid_user', { user: m[1], source: m[2], sourcePort: port(m[3]), reason: 'invalid user' }),
  },
  {
    re: /^input_userauth_request: (?:invalid|illegal) user (.*?)(?: \[preauth\])?$/,
    build: (m) => authFailure('ssh_invalid_user', { user: m[1], reason: 'invalid user' }),
  },
  {
    re: /^User (.*?) from (\S+) not allowed because (.+)$/,
    build: (m) => authFailure('ssh_user_not_allowed', { user: m[1], source: m[2], reason: `not allowed: ${m[3]}` }),
  },
  {
    re: /^User (\S+) not allowed because (.+)$/,
    build: (m) => authFailure('ssh_user_not_allowed', { user: m[1], reason: `not allowed: ${m[2]}` }),
  },
  {
    re: new RegExp(`^ROOT LOGIN REFUSED FROM (\\S+?)(?: port (\\d+))?${PREAUTH}$`),
    build: (m) => authFailure('ssh_root_login_refused', { user: 'root', source: m[1], sourcePort: port(m[2]), reason: 'root login refused' }),
  },
  {
    re: /^refused connect from (?:\S*@)?\S+ \((\S+)\)$/,
    build: (m) => network('connection_refused', 'failure', m[1], undefined, 'refused by TCP wrappers'),
  },
  {
    re: /^(?:error: )?maximum authentication attempts exceeded for (invalid user )?(.*?) from (\S+) port (\d+)(?: ssh\d)?(?: \[preauth\])?$/,
    build: (m) => authFailure('ssh_max_auth_attempts', { ...invalidUser(m[1], m[2]), source: m[3], sourcePort: port(m[4]), reason: m[1] ? 'invalid user; too many authentication failures' : 'too many authentication failures' }),
  },
  {
    re: /^Disconnecting: Too many authentication failures(?: for (?:invalid user )?(.*?))?(?: \[preauth\])?$/,
    build: (m) => authFailure('ssh_max_auth_attempts', { user: m[1], reason: 'too many authentication failures' }),
  },
  {
    re: /^Disconnecting (?:(invalid|authenticating) user (.*) )?(\S+) port (\d+): (.*?)(?: \[preauth\])?$/,
    build: (m) => authFailure('ssh_disconnect', { ...invalidUser(m[1] === 'invalid' ? m[1] : undefined, m[2]), source: m[3], sourcePort: port(m[4]), reason: m[5] }),
  },
  {
    re: /^PAM: (?:[Aa]uthentication (?:failure|error)|User not known to the underlying authentication module) for (?:(illegal|invalid) user )?(.*?) from (\S+?)(?: via \S+)?\s*$/,
    build: (m) => authFailure('ssh_login', { ...invalidUser(m[1], m[2]), method: 'pam', source: m[3] }),
  },
  {
    // "Received disconnect from H[ port P]:[ ]CODE: REASON[ [preauth]]": before authentication,
    // or with an auth-failure reason, it is a failed login; otherwise the end of a session.
    re: /^Received disconnect from (\S*[0-9A-Za-z])(?: port (\d+))?: ?(\d+): (.*?)( \[preauth\])?$/,
    build: (m) => {
      const [, source, p, code, reason, preauth] = m;
      if (preauth || /auth(entication)? fail|no (supported )?authentication methods/i.test(reason)) {
        return authFailure('ssh_preauth_disconnect', { source, sourcePort: port(p), reason: `${code}: ${reason}` });
      }
      return { action: 'ssh_disconnect', category: 'session', type: ['end'], outcome: 'success', source, sourcePort: port(p), reason: `${code}: ${reason}` };
    },
  },
  {
    // "Connection closed by authenticating user U ADDR port N [preauth]": U is free text, so the
    // greedy user group leaves the last "ADDR port N" for the address.
    re: /^(?:Connection (closed|reset)|Disconnected) (?:by|from) (invalid |authenticating )?user (.*) (\S+) port (\d+)( \[preauth\])?$/,
    build: (m) => closed(m[1], invalidUser(m[2] === 'invalid ' ? m[2] : undefined, m[3]), m[4], m[5], m[6]),
  },
  {
    re: /^(?:Connection (closed|reset)|Disconnected) (?:by|from) (\S+?)(?: port (\d+))?( \[preauth\])?$/,
    build: (m) => closed(m[1], {}, m[2], m[3], m[4]),
  },
  {
    re: /^Did not receive identification string from (\S+?)(?: port (\d+))?$/,
    build: (m) => network('ssh_no_identification', 'failure', m[1], m[2], 'no SSH identification string'),
  },
  {
    re: /^Bad protocol version identification '(.*)' from (\S+?)(?: port (\d+))?$/,
    build: (m) => network('ssh_bad_protocol', 'failure', m[2], m[3], 'bad protocol version identification'),
  },
  {
    re: /^Unable to negotiate with (\S+) port (\d+): (.*?)(?: \[preauth\])?$/,
    build: (m) => network('ssh_negotiation_failed', 'failure', m[1], m[2], m[3]),
  },
  {
    re: /^(?:banner exchange|ssh_dispatch_run_fatal): Connection from (\S+) port (\d+): (.*?)(?: \[preauth\])?$/,
    build: (m) => network('ssh_protocol_error', 'failure', m[1], m[2], m[3]),
  },
  {
    re: /^Timeout before authentication for (?:connection from )?(\S+?)(?: port (\d+))?(?: to \S+, pid = \d+)?$/,
    build: (m) => authFailure('ssh_login_timeout', { source: m[1], sourcePort: port(m[2]), reason: 'timeout before authentication' }),
  },
  {
    // Pre-authentication protocol failures that sshd logs without the peer address.
    re: /^(?:kex_exchange_identification: .*|Read from socket failed: .*|Unable to negotiate a key exchange method.*|no matching \S+ found: .*)$/,
    build: (m) => network('ssh_protocol_error', 'failure', undefined, undefined, m[0].replace(/ \[preauth\]$/, '')),
  },
  {
    re: /^Connection from (\S+) port (\d+)(?: on (\S+) port (\d+))?(?: rdomain .*)?$/,
    build: (m) => ({ ...network('ssh_connection', 'success', m[1], m[2]), type: ['connection', 'start'], details: m[3] ? { local_address: m[3], local_port: m[4] } : undefined }),
  },
  {
    re: /^Connection from (\S+)$/,
    build: (m) => ({ ...network('ssh_connection', 'success', m[1]), type: ['connection', 'start'] }),
  },
  {
    // Debug-level session summaries name the peer as ADDR-PORT.
    re: /^SSH: Server;Ltype: [^;]*;Remote: (\S+)-(\d+);.*$/,
    build: (m) => ({ ...network('ssh_session_info', 'unknown', m[1], m[2]), type: ['info'] }),
  },
  {
    re: /^Address (\S+) maps to (\S+), but this does not map back to the address.*$/,
    build: (m) => ({ ...network('ssh_reverse_mapping_mismatch', 'unknown', m[1]), type: ['info'], reason: `reverse DNS ${m[2]} does not map back` }),
  },
];
