/**
 * Remote addresses as Linux daemons print them: IPv4, IPv6, IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`, reported as the IPv4 address it is), bracketed IPv6, or a host name
 * (sshd with UseDNS, PAM `rhost=`). Anything else is kept only as `source.address`.
 */
import { isIP } from 'node:net';
import { isIPv4Text } from '../ip-text.js';

export interface RemoteAddress {
  address: string;
  ip?: string;
  domain?: string;
}

const DOMAIN_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.?$/;

export function normalizeAddress(text: string | undefined): RemoteAddress | undefined {
  if (text === undefined) return undefined;
  let a = text.trim();
  if (a === '' || a === '?' || a === '-' || a === 'UNKNOWN' || a === 'unknown') return undefined;
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  // Only `::ffff:…` can be a mapped address: most addresses skip the regex.
  const mapped = a.charCodeAt(0) === 58 ? /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a) : null;
  if (mapped && isIP(mapped[1]) === 4) a = mapped[1];
  if (isIPv4Text(a) || isIP(a)) return { address: a, ip: a };
  if (/[a-z]/i.test(a) && DOMAIN_RE.test(a)) return { address: a, domain: a.toLowerCase() };
  return { address: a };
}

/** Splits `host:port` where host may itself be IPv6 (`::ffff:1.2.3.4:60495`): the port is after the last colon. */
export function splitHostPort(text: string): { host: string; port?: number } {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  if (!m) return { host: text };
  const port = Number(m[2]);
  return port <= 65535 ? { host: m[1], port } : { host: text };
}
