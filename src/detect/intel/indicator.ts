/**
 * The normalized indicator every feed format is turned into, and the normalization that
 * makes matching a hash-set lookup: lower-case domains without a trailing dot, canonical IP
 * text, networks as CIDR, lower-case hex hashes of the right length, URLs with a lower-case
 * scheme and host.
 */
import { formatIp, networkAddress, parseCidr } from '../../enrich/ip-address.js';
import type { DetectionLevel } from '../detection.js';

export type IndicatorType = 'ip' | 'cidr' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256';
export const INDICATOR_TYPES: readonly IndicatorType[] = ['ip', 'cidr', 'domain', 'url', 'md5', 'sha1', 'sha256'];

export interface Indicator {
  type: IndicatorType;
  /** Normalized value (see normalizeIndicator). */
  value: string;
  /** Feed name from the configuration. */
  feed: string;
  /** The source's id (STIX indicator id, MISP attribute uuid, CSV file:line). */
  ref: string;
  description?: string;
  /** Expiry, epoch ms: an event later than this no longer matches. */
  expires_ms?: number;
  level?: DetectionLevel;
}

const HASH_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;

/** The normalized value, or an error message saying why the value is not a valid `type`. */
export function normalizeIndicator(type: IndicatorType, raw: string): { value: string } | { error: string } {
  const v = raw.trim();
  if (v === '') return { error: 'empty value' };
  switch (type) {
    case 'ip':
    case 'cidr': {
      const net = parseCidr(v);
      if (!net) return { error: `not an IP address or network: '${v}'` };
      const max = net.version === 4 ? 32 : 128;
      if (net.prefix === max) return { value: formatIp(net) };
      return { value: `${formatIp({ version: net.version, bytes: networkAddress(net.bytes, net.prefix) })}/${net.prefix}` };
    }
    case 'domain': {
      const d = v.toLowerCase().replace(/\.$/, '');
      if (d.length > 253 || !/^(\*\.)?[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_-]{1,63})*$/.test(d)) return { error: `not a domain name: '${v}'` };
      const name = d.replace(/^\*\./, '');
      // Subdomains match too, so a bare TLD would flag every name under it.
      if (!name.includes('.')) return { error: `'${v}' is a single label: it would match every name under it` };
      return { value: name };
    }
    case 'url':
      return normalizeUrl(v);
    default: {
      const h = v.toLowerCase();
      if (h.length !== HASH_LENGTH[type] || !/^[0-9a-f]+$/.test(h)) return { error: `not a ${type.toUpperCase()} hash (${HASH_LENGTH[type]} hex digits): '${v}'` };
      return { value: h };
    }
  }
}

/** Scheme and host lower-cased, default port and fragment dropped; path and query kept as written. */
export function normalizeUrl(raw: string): { value: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return { error: `not a URL: '${raw}'` };
  }
  return { value: `${u.protocol}//${u.host}${u.pathname}${u.search}` };
}

/** ip vs cidr decided by the value (feeds mix them under one type). */
export function ipIndicatorType(value: string): 'ip' | 'cidr' {
  const net = parseCidr(value.trim());
  return net && net.prefix < (net.version === 4 ? 32 : 128) ? 'cidr' : 'ip';
}

/** Accepts ISO 8601 text or epoch seconds/ms; undefined for empty, NaN for junk. */
export function parseExpiry(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const t = raw.trim();
  if (/^\d+$/.test(t)) return t.length <= 10 ? Number(t) * 1000 : Number(t);
  return Date.parse(t);
}

