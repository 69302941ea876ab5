/**
 * Linux audit user-space records about logins, as they arrive over syslog (audisp-syslog,
 * imfile on audit.log): `[node=N ]type=USER_AUTH msg=audit(SEC.MS:SERIAL): … msg='op=… acct=…
 * exe=… hostname=… addr=… terminal=… res=failed'`. `acct` is hex-encoded when it holds
 * characters audit escapes (`28756E6B6E6F776E207573657229` = "(unknown user)").
 * The record's own time becomes the event time.
 */
import { type AuthCategory, type AuthEvent } from './auth-event.js';
import type { AuthRule } from './rule.js';

const AUDIT_RE = /^(?:node=\S+ )?type=(USER_AUTH|USER_LOGIN|USER_LOGOUT|USER_ERR|USER_ACCT|USER_START|USER_END|CRED_ACQ|CRED_DISP) msg=audit\((\d{1,12})\.(\d{1,3}):(\d+)\): .*?msg='([^']*)'/;
const KV_RE = /([A-Za-z_]+)=("[^"]*"|\S*)/g;

function decodeAcct(raw: string): string {
  if (raw.startsWith('"')) return raw.slice(1, -1);
  if (/^(?:[0-9A-F]{2})+$/.test(raw)) return Buffer.from(raw, 'hex').toString('utf8');
  return raw;
}

const KIND: Record<string, { category: AuthCategory; type: string[] }> = {
  USER_AUTH: { category: 'authentication', type: ['info'] },
  USER_LOGIN: { category: 'authentication', type: ['start'] },
  USER_LOGOUT: { category: 'session', type: ['end'] },
  USER_ERR: { category: 'authentication', type: ['info'] },
  USER_ACCT: { category: 'authentication', type: ['info'] },
  USER_START: { category: 'session', type: ['start'] },
  USER_END: { category: 'session', type: ['end'] },
  CRED_ACQ: { category: 'authentication', type: ['info'] },
  CRED_DISP: { category: 'authentication', type: ['info'] },
};

function method(op: string | undefined): string | undefined {
  if (op === 'password') return 'password';
  if (op === 'pubkey') return 'publickey';
  if (op?.startsWith('PAM:')) return 'pam';
  return undefined;
}

function build(m: RegExpExecArray): AuthEvent | undefined {
  const [, type, sec, ms, serial, inner] = m;
  const kv: Record<string, string> = {};
  for (const p of inner.matchAll(KV_RE)) {
    if (p[1] !== '__proto__') kv[p[1]] = p[1] === 'acct' ? decodeAcct(p[2]) : p[2].replace(/^"(.*)"$/, '$1');
  }
  const res = kv.res;
  const outcome = res === 'success' ? 'success' : res === 'failed' || res === 'failure' ? 'failure' : 'unknown';
  const acct = kv.acct;
  const unknownUser = acct === undefined || acct === '?' || /^\((unknown|invalid) user\)$/.test(acct);
  const addr = kv.addr && kv.addr !== '?' ? kv.addr : kv.hostname && kv.hostname !== '?' ? kv.hostname : undefined;
  const details: Record<string, string> = { audit_type: type, audit_serial: serial };
  for (const k of ['op', 'exe', 'terminal', 'grantors', 'res']) if (kv[k] !== undefined) details[k] = kv[k];
  return {
    action: `audit_${type.toLowerCase()}`,
    ...KIND[type],
    outcome,
    user: unknownUser ? undefined : acct,
    reason: unknownUser && acct && acct !== '?' ? acct.replace(/[()]/g, '') : kv.op,
    method: method(kv.op),
    source: addr,
    details,
    ts: Number(sec) * 1000 + Number(ms),
  };
}

export const AUDIT_RULES: readonly AuthRule[] = [{ re: AUDIT_RE, build }];
