/**
 * Sigma logsource for a syslog record (sigma-specification taxonomy, "Linux" services):
 * linux-auth classifications carry their own service; otherwise the program name decides
 * (cron, sshd, sudo, vsftpd, clamav, guacamole, auditd, and the account tools → `auth`), then
 * the auth/authpriv facilities → `auth`; everything else is `{product: linux, service: syslog}`,
 * which a source's `logsource` setting replaces for network devices.
 */
import type { Logsource } from '../../core/index.js';
import { programFamily } from '../linux-auth/index.js';

const SERVICE_BY_PROGRAM: Record<string, string> = {
  sshd: 'sshd', 'sshd-session': 'sshd', 'sshd-auth': 'sshd',
  sudo: 'sudo',
  cron: 'cron', crond: 'cron', anacron: 'cron', crontab: 'cron',
  vsftpd: 'vsftpd',
  clamd: 'clamav', freshclam: 'clamav', clamav: 'clamav', 'clamav-milter': 'clamav',
  guacd: 'guacamole', guacamole: 'guacamole',
  auditd: 'auditd', audispd: 'auditd', 'audisp-syslog': 'auditd',
};

const AUTH_PROGRAMS = new Set([
  'su', 'login', 'passwd', 'chpasswd', 'chage', 'useradd', 'userdel', 'usermod', 'groupadd', 'groupdel',
  'groupmod', 'gpasswd', 'newgrp', 'systemd-logind', 'polkitd', 'pkexec', 'gdm-password', 'lightdm',
  'dropbear', 'xrdp-sesman', 'unix_chkpwd', 'runuser', 'doas', 'sssd', 'agetty',
]);

const AUTH_FACILITIES = new Set([4, 10]);

/**
 * One frozen `{product: linux, service}` per service, shared by every record: the services are
 * a fixed handful, and nothing downstream changes a record's logsource (frozen, so nothing can).
 */
const LINUX_LOGSOURCES = new Map<string, Logsource>();

export function linuxLogsource(service: string): Logsource {
  let ls = LINUX_LOGSOURCES.get(service);
  if (!ls) {
    ls = Object.freeze({ product: 'linux', service });
    // Services come from rule tables and the map above, never from message text; the bound is a guard.
    if (LINUX_LOGSOURCES.size < 256) LINUX_LOGSOURCES.set(service, ls);
  }
  return ls;
}

/**
 * `{product}` for CEF/LEEF records, one frozen object per product slug like the Linux ones:
 * slugs are cached per vendor (bounded) already, so these are as few.
 */
const PRODUCT_LOGSOURCES = new Map<string, Logsource>();

export function productLogsource(product: string): Logsource {
  let ls = PRODUCT_LOGSOURCES.get(product);
  if (!ls) {
    ls = Object.freeze({ product });
    if (PRODUCT_LOGSOURCES.size >= 1024) PRODUCT_LOGSOURCES.clear();
    PRODUCT_LOGSOURCES.set(product, ls);
  }
  return ls;
}

const LINUX_AUTH = linuxLogsource('auth');
const LINUX_SYSLOG = linuxLogsource('syslog');

/**
 * What the program name alone decides (null: nothing, the facility may), per name as sent:
 * one map lookup per message instead of folding the name and consulting the tables each time.
 * Program names are few on a real network; the bound only guards against invented ones.
 */
const logsourceByProgram = new Map<string, Logsource | null>();

function programLogsource(appName: string): Logsource | null {
  let ls = logsourceByProgram.get(appName);
  if (ls === undefined) {
    const program = programFamily(appName)!;
    // Own keys only: a program called `constructor` or `__proto__` is not a known service.
    const service = Object.hasOwn(SERVICE_BY_PROGRAM, program) ? SERVICE_BY_PROGRAM[program] : undefined;
    ls = service ? linuxLogsource(service) : AUTH_PROGRAMS.has(program) ? LINUX_AUTH : null;
    if (logsourceByProgram.size >= 4096) logsourceByProgram.clear();
    logsourceByProgram.set(appName, ls);
  }
  return ls;
}

export function syslogLogsource(appName: string | undefined, facility: number | undefined): Logsource {
  const byProgram = appName ? programLogsource(appName) : null;
  if (byProgram) return byProgram;
  if (facility !== undefined && AUTH_FACILITIES.has(facility)) return LINUX_AUTH;
  return LINUX_SYSLOG;
}

// Every CEF/LEEF record asks for its vendor's slug and vendors are few, so slugs are cached (bounded).
const slugCache = new Map<string, string | undefined>();

/** `Palo Alto Networks` → `palo_alto_networks`, the way Sigma spells products (`fortinet`, `cisco`). */
export function productSlug(vendor: string): string | undefined {
  if (slugCache.has(vendor)) return slugCache.get(vendor);
  const s = vendor.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const slug = s === '' ? undefined : s.slice(0, 64);
  if (slugCache.size >= 1024) slugCache.clear();
  slugCache.set(vendor, slug);
  return slug;
}
