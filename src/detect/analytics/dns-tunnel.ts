/**
 * DNS tunnelling: data smuggled in query names shows up as long, high-entropy labels and as
 * very many distinct subdomains under one registered domain. Per registered domain and tumbling
 * window, the analytic counts distinct subdomains and distinct *suspicious* ones (longest label
 * at least `min_label_length` characters and Shannon entropy of the subdomain part at least
 * `min_entropy_bits` per character). It fires when the suspicious subdomains reach
 * `min_suspicious_subdomains`, or the distinct subdomains reach `max_unique_subdomains`.
 *
 * The registered domain is dns.question.registered_domain when the codec supplies it, else the
 * last two labels (three when the second-to-last is a short label like `co` in `example.co.uk`):
 * Vigil ships no public suffix list. Names under `allow_domains` (CDNs and anti-virus lookups that
 * encode data in names on purpose) are skipped.
 *
 * State: per domain, two sets capped at their thresholds; at most `max_entities` domains.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape, MINUTE_MS } from './common-params.js';
import { pushBounded, str } from './event-fields.js';
import type { AnalyticDefinition } from './types.js';

export const dnsTunnelParams = z.strictObject({
  ...commonParamShape,
  window_ms: z.number().int().positive().default(10 * MINUTE_MS),
  min_label_length: z.number().int().min(1).max(63).default(30),
  min_entropy_bits: z.number().min(0).default(3.5),
  min_suspicious_subdomains: z.number().int().min(1).default(10),
  max_unique_subdomains: z.number().int().min(2).default(300),
  allow_domains: z.array(z.string()).default([]),
});
export type DnsTunnelParams = z.output<typeof dnsTunnelParams>;

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function registeredDomainOf(name: string): string {
  const labels = name.split('.');
  if (labels.length <= 2) return name;
  const second = labels[labels.length - 2];
  const take = second.length <= 3 && labels[labels.length - 1].length === 2 && labels.length > 2 ? 3 : 2;
  return labels.slice(-take).join('.');
}

interface DomainWindow {
  window: number;
  unique: Set<string>;
  suspicious: Set<string>;
  sources: Set<string>;
  ids: string[];
  queries: number;
  fired: boolean;
  maxLabel: number;
  maxEntropy: number;
}

class DnsTunnel extends AnalyticBase {
  private readonly domains: BoundedMap<string, DomainWindow>;
  private readonly allowed: string[];

  constructor(private readonly p: DnsTunnelParams) {
    super(dnsTunnel, p);
    this.domains = new BoundedMap(p.max_entities);
    this.allowed = p.allow_domains.map((d) => d.toLowerCase().replace(/\.$/, ''));
  }

  protected accepts(e: VigilEvent): boolean {
    return typeof e.fields['dns.question.name'] === 'string';
  }

  protected observe(e: VigilEvent): Detection[] {
    const name = (str(e, 'dns.question.name') ?? '').toLowerCase().replace(/\.$/, '');
    const reg = (str(e, 'dns.question.registered_domain') ?? registeredDomainOf(name)).toLowerCase();
    if (name.length <= reg.length || !name.endsWith(reg)) return [];
    if (this.allowed.some((a) => name === a || name.endsWith(`.${a}`))) return [];
    const sub = name.slice(0, name.length - reg.length - 1);
    const window = Math.floor(e.ts / this.p.window_ms);
    let st = this.domains.get(reg);
    if (!st || window > st.window) {
      st = { window, unique: new Set(), suspicious: new Set(), sources: new Set(), ids: [], queries: 0, fired: false, maxLabel: 0, maxEntropy: 0 };
      this.domains.set(reg, st);
    } else if (window < st.window) {
      this.lateWindows++;
      return [];
    }
    st.queries++;
    if (st.fired) return [];
    const longest = Math.max(...sub.split('.').map((l) => l.length));
    const entropy = shannonEntropy(sub.replace(/\./g, ''));
    if (st.unique.size < this.p.max_unique_subdomains) st.unique.add(sub);
    const suspicious = longest >= this.p.min_label_length && entropy >= this.p.min_entropy_bits;
    if (suspicious) {
      st.suspicious.add(sub);
      pushBounded(st.ids, e.id, 20);
      st.maxLabel = Math.max(st.maxLabel, longest);
      st.maxEntropy = Math.max(st.maxEntropy, entropy);
    }
    const src = str(e, 'source.ip');
    if (src && st.sources.size < 8) st.sources.add(src);
    const bySuspicious = st.suspicious.size >= this.p.min_suspicious_subdomains;
    const byUnique = st.unique.size >= this.p.max_unique_subdomains;
    if (!bySuspicious && !byUnique) return [];
    if (!suspicious) pushBounded(st.ids, e.id, 20);
    st.fired = true;
    const entities: Entities = {};
    addEntity(entities, 'domain', reg);
    for (const s of st.sources) addEntity(entities, 'ip', s);
    const host = str(e, 'host.name');
    if (host) addEntity(entities, 'host', host);
    const explanation: string[] = [];
    const mins = this.p.window_ms / 60000;
    if (bySuspicious) explanation.push(`${st.suspicious.size} distinct long, high-entropy subdomains of ${reg} within ${mins} min (labels up to ${st.maxLabel} chars, entropy up to ${st.maxEntropy.toFixed(2)} bits/char)`);
    if (byUnique) explanation.push(`${st.unique.size} distinct subdomains of ${reg} within ${mins} min (threshold ${this.p.max_unique_subdomains})`);
    return [this.detection({
      ts: e.ts,
      eventIds: st.ids,
      eventCount: st.queries,
      entities,
      explanation,
      details: { domain: reg, unique_subdomains: st.unique.size, suspicious_subdomains: st.suspicious.size, max_label_length: st.maxLabel, max_entropy_bits: Number(st.maxEntropy.toFixed(3)), sample: [...st.suspicious].slice(0, 3), window_start: window * this.p.window_ms },
    })];
  }

  protected tables() {
    return [this.domains];
  }
}

export const dnsTunnel: AnalyticDefinition<typeof dnsTunnelParams> = {
  name: 'dns_tunnel',
  title: 'DNS tunnelling: long, high-entropy, many unique subdomains',
  level: 'high',
  tags: ['attack.command_and_control', 'attack.t1071.004', 'attack.exfiltration', 'attack.t1048'],
  description: 'Many distinct subdomains of one registered domain in a window, especially long high-entropy ones.',
  params: dnsTunnelParams,
  create: (p) => new DnsTunnel(p),
};
