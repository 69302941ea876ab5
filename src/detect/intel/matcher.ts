/**
 * Matching events against the loaded indicators at ingest rate: exact values are hash-set
 * (Map) lookups, networks a prefix-trie walk, domains a lookup per suffix (so an indicator
 * `evil.example` matches `a.b.evil.example`). Each hit becomes a Detection of kind 'intel'
 * naming the indicator, its feed and the field it matched in. An indicator whose expiry is
 * before the event's time does not match (retro-hunts over old data still see it).
 */
import type { VigilEvent } from '../../core/event.js';
import { formatIp, ipv4ToUint32, parseIp, unmapIPv4 } from '../../enrich/ip-address.js';
import { type Detection, type DetectionLevel, entitiesOfEvent } from '../detection.js';
import { type Indicator, type IndicatorType, normalizeUrl } from './indicator.js';
import { PrefixTrie } from './prefix-trie.js';

export interface IntelFields {
  ip: string[];
  domain: string[];
  url: string[];
  hash: string[];
}

export const DEFAULT_INTEL_FIELDS: IntelFields = {
  ip: ['source.ip', 'destination.ip', 'client.ip', 'server.ip', 'dns.resolved_ip'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain', 'server.domain', 'tls.client.server_name'],
  url: ['url.full', 'url.original'],
  hash: ['file.hash.sha256', 'file.hash.sha1', 'file.hash.md5', 'process.hash.sha256', 'process.hash.sha1', 'process.hash.md5'],
};

export interface IntelMatcherStats {
  indicators: Record<IndicatorType, number>;
  events: number;
  matches: number;
  /** Hits on indicators already expired at the event's time (not reported). */
  expired: number;
}

/** A detection names at most this many indicators per event (a flood of hits is one story). */
const MAX_DETECTIONS_PER_EVENT = 16;

export class IntelMatcher {
  private readonly ips = new Map<string, Indicator[]>();
  private readonly v4 = new PrefixTrie<Indicator>();
  private readonly v6 = new PrefixTrie<Indicator>();
  private readonly domains = new Map<string, Indicator[]>();
  private readonly urls = new Map<string, Indicator[]>();
  private readonly hashes = new Map<string, Indicator[]>();
  private readonly counts: Record<IndicatorType, number> = { ip: 0, cidr: 0, domain: 0, url: 0, md5: 0, sha1: 0, sha256: 0 };
  private events = 0;
  private matches = 0;
  private expired = 0;

  constructor(indicators: Iterable<Indicator>, private readonly fields: IntelFields = DEFAULT_INTEL_FIELDS, private readonly defaultLevel: DetectionLevel = 'high') {
    for (const ind of indicators) this.add(ind);
  }

  get size(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  private add(ind: Indicator): void {
    this.counts[ind.type]++;
    const push = (m: Map<string, Indicator[]>, k: string) => {
      const list = m.get(k);
      if (list) list.push(ind);
      else m.set(k, [ind]);
    };
    switch (ind.type) {
      case 'ip':
        return push(this.ips, ind.value);
      case 'cidr': {
        const [addr, prefix] = ind.value.split('/');
        const ip = parseIp(addr);
        if (ip) (ip.version === 4 ? this.v4 : this.v6).insert(ip.bytes, Number(prefix), ind);
        return;
      }
      case 'domain':
        return push(this.domains, ind.value);
      case 'url':
        return push(this.urls, ind.value);
      default:
        return push(this.hashes, ind.value);
    }
  }

  match(event: VigilEvent): Detection[] {
    this.events++;
    let out: Detection[] | undefined;
    const report = (hits: Indicator[] | undefined, field: string, value: string) => {
      if (!hits) return;
      for (const ind of hits) {
        if (ind.expires_ms !== undefined && ind.expires_ms < event.ts) {
          this.expired++;
          continue;
        }
        if ((out ??= []).length < MAX_DETECTIONS_PER_EVENT) out.push(this.detection(event, ind, field, value));
      }
    };
    const f = event.fields;
    if (this.ips.size > 0 || this.v4.size > 0 || this.v6.size > 0) {
      for (const field of this.fields.ip) forEachString(f[field], (v) => this.matchIp(v, field, report));
    }
    if (this.domains.size > 0) {
      for (const field of this.fields.domain) forEachString(f[field], (v) => this.matchDomain(v, field, report));
    }
    if (this.urls.size > 0) {
      for (const field of this.fields.url) forEachString(f[field], (v) => {
        const n = normalizeUrl(v);
        if ('value' in n) report(this.urls.get(n.value), field, v);
      });
    }
    if (this.hashes.size > 0) {
      for (const field of this.fields.hash) forEachString(f[field], (v) => report(this.hashes.get(v.toLowerCase()), field, v));
    }
    if (out) this.matches += out.length;
    return out ?? [];
  }

  private matchIp(v: string, field: string, report: (h: Indicator[] | undefined, field: string, value: string) => void): void {
    // Dotted quads from codecs are canonical already: one Map lookup, no parse.
    const exact = this.ips.get(v);
    if (exact) report(exact, field, v);
    if (exact === undefined && v.includes(':') && this.ips.size > 0) {
      const ip = parseIp(v);
      if (ip) report(this.ips.get(formatIp(unmapIPv4(ip))), field, v);
    }
    if (this.v4.size === 0 && this.v6.size === 0) return;
    if (this.v4.size > 0 && !v.includes(':')) {
      const n = ipv4ToUint32(v);
      if (n >= 0) report(this.v4.lookupUint32(n), field, v);
      return;
    }
    const ip = parseIp(v);
    if (!ip) return;
    const u = unmapIPv4(ip);
    report((u.version === 4 ? this.v4 : this.v6).lookup(u.bytes), field, v);
  }

  private matchDomain(v: string, field: string, report: (h: Indicator[] | undefined, field: string, value: string) => void): void {
    let name = v.toLowerCase();
    if (name.endsWith('.')) name = name.slice(0, -1);
    for (let at = 0; at >= 0; ) {
      const hits = this.domains.get(at === 0 ? name : name.slice(at));
      if (hits) report(hits, field, v);
      const dot = name.indexOf('.', at);
      at = dot < 0 ? -1 : dot + 1;
    }
  }

  private detection(event: VigilEvent, ind: Indicator, field: string, value: string): Detection {
    return {
      kind: 'intel',
      rule: { id: `intel:${ind.feed}`, title: `Threat intelligence match (${ind.feed})`, level: ind.level ?? this.defaultLevel, tags: ['threat_intel', `intel.${ind.type}`] },
      ts: event.ts,
      eventIds: [event.id],
      eventCount: 1,
      entities: entitiesOfEvent(event),
      explanation: [`${field} '${value}' matched ${ind.type} indicator '${ind.value}' from feed ${ind.feed}${ind.description ? `: ${ind.description}` : ''}`],
      details: { indicator: { type: ind.type, value: ind.value, ref: ind.ref, description: ind.description, expires: ind.expires_ms !== undefined ? new Date(ind.expires_ms).toISOString() : undefined }, feed: ind.feed, field, value },
    };
  }

  stats(): IntelMatcherStats {
    return { indicators: { ...this.counts }, events: this.events, matches: this.matches, expired: this.expired };
  }
}

function forEachString(v: unknown, fn: (s: string) => void): void {
  if (typeof v === 'string') {
    if (v !== '') fn(v);
  } else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' && x !== '') fn(x);
}
