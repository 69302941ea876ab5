/**
 * GeoIP and ASN enrichment: for each configured prefix (`source`, `destination`, ...) with a
 * public `<prefix>.ip`, adds `<prefix>.geo.country_iso_code`, `.geo.city_name`,
 * `.geo.region_name`, `.geo.location.lat` / `.geo.location.lon`, and `<prefix>.as.number`,
 * `<prefix>.as.organization.name` (ECS names, flattened). Private, loopback, documentation and
 * other special-purpose addresses are skipped: no database knows them. Fields an upstream
 * stage already set are kept unless `overwrite` is on. Answers are memoized per address.
 */
import type { VigilEvent } from '../core/event.js';
import type { Enricher, EnricherStats } from './enricher.js';
import { LookupCache } from './enricher.js';
import { isPublicIp } from './ip-address.js';
import { type AsnRecord, type GeoRecord, type MmdbSource, toAsnRecord, toGeoRecord } from './mmdb-source.js';

export interface GeoIpSources {
  /** City databases; an IPv6 database usually answers IPv4 too, but the bundled DB-IP files are split. */
  cityV4?: MmdbSource;
  cityV6?: MmdbSource;
  asnV4?: MmdbSource;
  asnV6?: MmdbSource;
}

export interface GeoIpOptions {
  prefixes: readonly string[];
  overwrite: boolean;
  cache_size: number;
}

interface Answer {
  geo?: GeoRecord;
  as?: AsnRecord;
}

export class GeoIpEnricher implements Enricher {
  readonly name = 'geoip';
  private readonly cache: LookupCache<Answer | null>;
  private readonly counters = { events: 0, enriched: 0, skipped: 0 };

  constructor(private readonly sources: GeoIpSources, private readonly opts: GeoIpOptions) {
    this.cache = new LookupCache(opts.cache_size);
  }

  enrich(events: VigilEvent[]): void {
    for (const e of events) {
      this.counters.events++;
      for (const prefix of this.opts.prefixes) {
        const ip = e.fields[`${prefix}.ip`];
        if (typeof ip !== 'string' || ip === '') continue;
        const answer = this.lookup(ip);
        if (!answer) continue;
        this.apply(e, prefix, answer);
      }
    }
  }

  private lookup(ip: string): Answer | null {
    const cached = this.cache.get(ip);
    if (cached !== undefined) return cached;
    let answer: Answer | null = null;
    if (isPublicIp(ip)) {
      const v6 = ip.includes(':');
      const geo = safeGet(v6 ? this.sources.cityV6 : this.sources.cityV4, ip, toGeoRecord);
      const as = safeGet(v6 ? this.sources.asnV6 : this.sources.asnV4, ip, toAsnRecord);
      if (geo || as) answer = { geo, as };
    } else this.counters.skipped++;
    this.cache.set(ip, answer);
    return answer;
  }

  private apply(e: VigilEvent, prefix: string, a: Answer): void {
    const f = e.fields;
    const set = (k: string, v: string | number | undefined) => {
      if (v === undefined) return;
      const key = `${prefix}.${k}`;
      if (this.opts.overwrite || f[key] === undefined) f[key] = v;
    };
    if (a.geo) {
      set('geo.country_iso_code', a.geo.country_iso_code);
      set('geo.city_name', a.geo.city_name);
      set('geo.region_name', a.geo.region_name);
      set('geo.location.lat', a.geo.lat);
      set('geo.location.lon', a.geo.lon);
    }
    if (a.as) {
      set('as.number', a.as.number);
      set('as.organization.name', a.as.organization);
    }
    this.counters.enriched++;
  }

  stats(): EnricherStats {
    return { name: this.name, ...this.counters };
  }
}

/** A database lookup that refuses junk (mmdb-lib throws on unparsable addresses). */
function safeGet<T>(src: MmdbSource | undefined, ip: string, map: (raw: unknown) => T | undefined): T | undefined {
  if (!src) return undefined;
  try {
    return map(src.get(ip));
  } catch {
    return undefined;
  }
}
