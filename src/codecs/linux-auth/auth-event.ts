/**
 * What a rule extracts from one message, and its ECS rendering. Field names (documented in
 * docs/receivers/syslog.md): event.category/type/outcome/action/reason, user.name,
 * user.effective.name (sudo/su target), user.auth.method (password, publickey, …),
 * source.address/ip/domain/port, process.command_line and process.working_directory (sudo),
 * related.user/related.ip.
 */
import type { EcsFields } from '../../core/index.js';
import { normalizeAddress } from './address.js';

export type AuthCategory = 'authentication' | 'session' | 'process' | 'network';
export type AuthOutcome = 'success' | 'failure' | 'unknown';

export interface AuthEvent {
  action: string;
  category: AuthCategory;
  type: string[];
  outcome: AuthOutcome;
  user?: string;
  effectiveUser?: string;
  method?: string;
  source?: string;
  sourcePort?: number;
  reason?: string;
  commandLine?: string;
  workingDirectory?: string;
  /** Extra parsed values kept in `native.auth` (tty, PAM service, key fingerprint, …). */
  details?: Record<string, string>;
  /** Event time carried inside the message itself (audit records), epoch ms. */
  ts?: number;
}

/** Writes the ECS rendering of `ev` into `f` (a fresh object, or the record's header fields, which it extends in place). */
export function authEventFields(ev: AuthEvent, f: EcsFields = {}): EcsFields {
  f['event.kind'] = 'event';
  f['event.module'] = 'linux';
  f['event.dataset'] = 'linux.auth';
  f['event.category'] = [ev.category];
  f['event.type'] = ev.type;
  f['event.outcome'] = ev.outcome;
  f['event.action'] = ev.action;
  // related.user: the user, then the effective user when it is another one (one array, built once).
  const user = ev.user !== undefined && ev.user !== '' ? ev.user : undefined;
  const effective = ev.effectiveUser !== undefined && ev.effectiveUser !== '' ? ev.effectiveUser : undefined;
  if (user !== undefined) f['user.name'] = user;
  if (effective !== undefined) f['user.effective.name'] = effective;
  if (user !== undefined) f['related.user'] = effective !== undefined && effective !== user ? [user, effective] : [user];
  else if (effective !== undefined) f['related.user'] = [effective];
  if (ev.method) f['user.auth.method'] = ev.method;
  if (ev.reason) f['event.reason'] = ev.reason;
  const addr = normalizeAddress(ev.source);
  if (addr) {
    f['source.address'] = addr.address;
    if (addr.ip) {
      f['source.ip'] = addr.ip;
      f['related.ip'] = [addr.ip];
    }
    if (addr.domain) f['source.domain'] = addr.domain;
  }
  if (ev.sourcePort !== undefined && ev.sourcePort <= 65535) f['source.port'] = ev.sourcePort;
  if (ev.commandLine !== undefined) f['process.command_line'] = ev.commandLine;
  if (ev.workingDirectory !== undefined) f['process.working_directory'] = ev.workingDirectory;
  return f;
}

/** Helpers that keep rule tables short. */
export function port(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // 1–5 plain digits (what the rules capture): the value from the digits, not a string-to-double conversion.
  if (text.length > 0 && text.length <= 5) {
    let v = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) {
        v = -1;
        break;
      }
      v = v * 10 + (c - 48);
    }
    if (v >= 0) return v <= 65535 ? v : undefined;
  }
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

export function authFailure(action: string, rest: Partial<AuthEvent> = {}): AuthEvent {
  return { action, category: 'authentication', type: ['info'], outcome: 'failure', ...rest };
}

export function authSuccess(action: string, rest: Partial<AuthEvent> = {}): AuthEvent {
  return { action, category: 'authentication', type: ['info'], outcome: 'success', ...rest };
}
