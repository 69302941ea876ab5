/**
 * The demo's own small GeoIP table. Every public address in the demo comes from the IPv4
 * documentation ranges (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), so the data
 * can never point at a real network; the table below splits those ranges by country, and the
 * generator writes `source.geo.country_iso_code` from it as a GeoIP enrichment would.
 *
 * The split is fixed and exported so an enrichment stage or a test can resolve demo addresses
 * the same way (`demoCountryOf`).
 */

export interface DemoGeoPrefix {
  /** First three octets, e.g. '198.51.100'. */
  net24: string;
  /** Host part range inside the /24 (inclusive). */
  first: number;
  last: number;
  country_iso_code: string;
  /** What the block stands for in the story: offices and homes, hosted services, or abroad. */
  role: 'home' | 'services' | 'foreign';
}

/**
 * Countries where the demo company has offices and staff. Normal traffic only ever comes from
 * these, which is what makes a login "from abroad" a clean signal in the attack story.
 */
export const DEMO_HOME_COUNTRIES = ['US', 'DE', 'GB', 'FR'] as const;

export const DEMO_GEO_PREFIXES: readonly DemoGeoPrefix[] = [
  { net24: '198.51.100', first: 0, last: 63, country_iso_code: 'US', role: 'home' },
  { net24: '198.51.100', first: 64, last: 127, country_iso_code: 'DE', role: 'home' },
  { net24: '198.51.100', first: 128, last: 191, country_iso_code: 'GB', role: 'home' },
  { net24: '198.51.100', first: 192, last: 255, country_iso_code: 'FR', role: 'home' },
  // Hosted services the staff use (SaaS, CDNs, package mirrors, AWS endpoints).
  { net24: '192.0.2', first: 0, last: 255, country_iso_code: 'US', role: 'services' },
  // Abroad: never seen in normal traffic; attackers and their infrastructure live here.
  { net24: '203.0.113', first: 0, last: 63, country_iso_code: 'BR', role: 'foreign' },
  { net24: '203.0.113', first: 64, last: 127, country_iso_code: 'VN', role: 'foreign' },
  { net24: '203.0.113', first: 128, last: 191, country_iso_code: 'NG', role: 'foreign' },
  { net24: '203.0.113', first: 192, last: 255, country_iso_code: 'KZ', role: 'foreign' },
];

const PREFIXES_BY_NET24 = new Map<string, DemoGeoPrefix[]>();
for (const p of DEMO_GEO_PREFIXES) {
  const list = PREFIXES_BY_NET24.get(p.net24) ?? [];
  list.push(p);
  PREFIXES_BY_NET24.set(p.net24, list);
}

/** Remembered answers: the generator asks about the same few hundred addresses millions of times. */
const countryCache = new Map<string, string | undefined>();
const COUNTRY_CACHE_LIMIT = 4096;

/** ISO country code of a demo public address, or undefined for private and unknown addresses. */
export function demoCountryOf(ip: string): string | undefined {
  const cached = countryCache.get(ip);
  if (cached !== undefined || countryCache.has(ip)) return cached;
  const country = lookupCountry(ip);
  if (countryCache.size >= COUNTRY_CACHE_LIMIT) countryCache.clear();
  countryCache.set(ip, country);
  return country;
}

function lookupCountry(ip: string): string | undefined {
  const dot = ip.lastIndexOf('.');
  if (dot < 0) return undefined;
  const blocks = PREFIXES_BY_NET24.get(ip.slice(0, dot));
  if (blocks === undefined) return undefined;
  const host = Number(ip.slice(dot + 1));
  for (const p of blocks) {
    if (host >= p.first && host <= p.last) return p.country_iso_code;
  }
  return undefined;
}

/** The blocks of one country and role (throws when the table has none: a programming error). */
export function prefixesFor(country: string, role: DemoGeoPrefix['role']): DemoGeoPrefix[] {
  const found = DEMO_GEO_PREFIXES.filter((p) => p.country_iso_code === country && p.role === role);
  if (found.length === 0) throw new Error(`no demo ${role} prefix for country ${country}`);
  return found;
}

/** Hands out distinct addresses from a country's blocks, in a fixed order (deterministic). */
export class AddressPool {
  private readonly next = new Map<DemoGeoPrefix, number>();

  take(prefixes: readonly DemoGeoPrefix[]): string {
    for (const p of prefixes) {
      const host = this.next.get(p) ?? Math.max(p.first, 1);
      if (host <= Math.min(p.last, 254)) {
        this.next.set(p, host + 1);
        return `${p.net24}.${host}`;
      }
    }
    throw new RangeError(`demo address blocks exhausted (${prefixes.map((p) => p.country_iso_code).join(',')})`);
  }
}

/** True for RFC 1918 addresses: these never get a country. */
export function isPrivateIPv4(ip: string): boolean {
  return ip.startsWith('10.') || ip.startsWith('192.168.') || /^172\.(1[6-9]|2\d|3[01])\./.test(ip);
}
