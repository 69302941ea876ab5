/**
 * Linux authentication semantics for syslog messages: picks the rule table by program name
 * (sshd, sudo, su, login, dropbear, vsftpd, xrdp-sesman), always tries the PAM and audit
 * tables, and for untagged lines also the services that log to their own files.
 * Returns undefined for messages that are not about authentication or sessions.
 */
import { type AuthEvent, authEventFields } from './auth-event.js';
import type { PeerMemory } from './peer-memory.js';
import { stripNoise } from './prefix.js';
import { firstMatch, type AuthRule } from './rule.js';
import { AUDIT_RULES } from './rules-audit.js';
import { PAM_RULES } from './rules-pam.js';
import { LOGIN_RULES, SU_RULES, SUDO_RULES } from './rules-privilege.js';
import { DROPBEAR_RULES, VSFTPD_RULES, XRDP_RULES } from './rules-services.js';
import { SSHD_RULES } from './rules-sshd.js';
import type { EcsFields } from '../../core/index.js';

export interface AuthInput {
  /** Syslog APP-NAME / TAG (`sshd`, `sudo`, `/usr/sbin/sshd`, `sshd-session`). */
  program?: string;
  message: string;
  /** PROCID / pid and header host: with `memory`, they tie lines of one connection together. */
  pid?: string;
  host?: string;
  /** Peer addresses seen earlier per (host, program, pid); see PeerMemory. */
  memory?: PeerMemory;
  /** Where to write the ECS fields of a match (e.g. the record's header fields); a new object by default. */
  into?: EcsFields;
}

export interface AuthClassification {
  fields: EcsFields;
  /** Sigma logsource service for this message (`sshd`, `sudo`, `vsftpd`, `auditd`, `auth`). */
  service: string;
  /** Time carried inside the message (audit records). */
  ts?: number;
  details: Record<string, string>;
  event: AuthEvent;
}

/** Messages longer than this are not classified: no auth message is, and it bounds regex work. */
export const MAX_CLASSIFIED_LENGTH = 4096;

interface Family {
  service: string;
  rules: readonly AuthRule[];
}

const SSHD: Family = { service: 'sshd', rules: [...SSHD_RULES, ...PAM_RULES] };
const FAMILIES: Record<string, Family> = {
  sshd: SSHD,
  'sshd-session': SSHD,
  'sshd-auth': SSHD,
  sudo: { service: 'sudo', rules: [...SUDO_RULES, ...PAM_RULES] },
  su: { service: 'auth', rules: [...SU_RULES, ...PAM_RULES] },
  login: { service: 'auth', rules: [...LOGIN_RULES, ...PAM_RULES] },
  dropbear: { service: 'auth', rules: [...DROPBEAR_RULES, ...PAM_RULES] },
  vsftpd: { service: 'vsftpd', rules: [...VSFTPD_RULES, ...PAM_RULES] },
  'xrdp-sesman': { service: 'auth', rules: [...XRDP_RULES, ...PAM_RULES] },
};
const GENERIC: Family = { service: 'auth', rules: PAM_RULES };
const UNTAGGED: Family = { service: 'auth', rules: [...PAM_RULES, ...VSFTPD_RULES, ...XRDP_RULES] };

/** `/usr/sbin/sshd` → `sshd`; `vsftpd(pam_unix)` → `vsftpd`; case-folded (`CRON`, `SSHD`). */
const familyCache = new Map<string, string>();

export function programFamily(program: string | undefined): string | undefined {
  if (!program) return undefined;
  let family = familyCache.get(program);
  if (family === undefined) {
    family = program.slice(program.lastIndexOf('/') + 1).replace(/\(.*\)$/, '').toLowerCase();
    // Program names are few on a real network; the bound only guards against a flood of invented ones.
    if (familyCache.size >= 4096) familyCache.clear();
    familyCache.set(program, family);
  }
  return family;
}

/**
 * Rule family per program name as sent (`sshd`, `/usr/sbin/sshd`, `CRON`): one map lookup per
 * message instead of folding the name and then looking it up. Bounded like `familyCache`.
 */
const familyByProgram = new Map<string, Family>();

function familyOf(program: string | undefined): Family {
  if (!program) return UNTAGGED;
  let family = familyByProgram.get(program);
  if (family === undefined) {
    const name = programFamily(program)!;
    // Own keys only: a tag such as `constructor[1]:` would otherwise find Object.prototype's members.
    family = Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : GENERIC;
    if (familyByProgram.size >= 4096) familyByProgram.clear();
    familyByProgram.set(program, family);
  }
  return family;
}

function linkPeer(ev: AuthEvent, memory: PeerMemory, host: string | undefined, pid: string): void {
  if (ev.source !== undefined) {
    memory.remember(host, 'sshd', pid, ev.source, ev.sourcePort);
    return;
  }
  const peer = memory.recall(host, 'sshd', pid);
  if (!peer) return;
  ev.source = peer.address;
  if (ev.sourcePort === undefined) ev.sourcePort = peer.port;
  ev.details = { ...ev.details, source_from: 'earlier line of the same sshd process' };
}

export function classifyLinuxAuth(input: AuthInput): AuthClassification | undefined {
  if (input.message.length > MAX_CLASSIFIED_LENGTH) return undefined;
  const text = stripNoise(input.message.trim());
  const family = familyOf(input.program);
  let ev = firstMatch(family.rules, text);
  let service = family.service;
  if (!ev && text.includes('msg=audit(')) {
    ev = firstMatch(AUDIT_RULES, text);
    service = 'auditd';
  }
  if (!ev) return undefined;
  if (input.memory && input.pid && family === SSHD) linkPeer(ev, input.memory, input.host, input.pid);
  // A PAM line from a known family keeps that family's service; from another program it is `auth`.
  return { fields: authEventFields(ev, input.into), service, ts: ev.ts, details: ev.details ?? {}, event: ev };
}
