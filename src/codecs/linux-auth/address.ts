/**
 * Remote addresses as Linux daemons print them: IPv4, IPv6, IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`, reported as the IPv4 address it is), bracketed IPv6, or a host name
 * (sshd with UseDNS, PAM `rhost=`). Anything else is kept only as `source.address`.
 */
import { isIP } from 'node:net';

export interface RemoteAddress {
  address: string;
  ip?: string;
  domain?: string;
}

const DOMAIN_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.?$/;

/**
 * True for exactly the dotted quads `net.isIPv4` accepts (four 0–255 parts, no leading zeros),
 * by scanning character codes: nearly every address is one, and `isIP` tests two regexes.
 */
export function isIPv4Text(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 46) return false;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < n && i - start < 3) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
    }
    const len = i - start;
    if (len === 0 || v > 255 || (len > 1 && s.charCodeAt(start) === 48)) return false;
  }
  return i === n;
}

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
