/**
 * Beaconing: connections from one source to one destination at a regular period. For each
 * (source.ip, destination) pair the newest `max_samples` connection times are kept in order;
 * once there are `min_connections`, the inter-arrival times' coefficient of variation
 * (standard deviation / mean) is computed, and a CV at or below `max_cv` with a mean period in
 * [min_period_ms, max_period_ms] fires. Human traffic and most services arrive at random
 * (CV near 1); implants sleeping `period ± jitter` sit far below 0.1.
 *
 * The destination is the destination address of a connection record to a network outside
 * `internal_networks`, or the queried name of a DNS event (an implant resolving its C2 domain
 * every period is periodic too, even when the resolver is internal). A pair fires at most once
 * per `realert_ms`.
 *
 * One connection is one sample: flow exporters cut long connections into records at their
 * active timeout (every 60 s, say), which would look like a perfect beacon. A record with the
 * same source port as the pair's previous one is taken as the same connection and skipped.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { CidrList, DEFAULT_INTERNAL_NETWORKS } from '../../enrich/ip-address.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape, HOUR_MS } from './common-params.js';
import { hasKeyword, str } from './event-fields.js';
import type { AnalyticDefinition } from './types.js';

export const beaconingParams = z.strictObject({
  ...commonParamShape,
  min_connections: z.number().int().min(3).default(12),
  /** Connection times kept per pair (the statistic uses these). */
  max_samples: z.number().int().min(3).default(48),
  max_cv: z.number().positive().default(0.1),
  /** Bursts (a browser opening six sockets) are not beacons. */
  min_period_ms: z.number().int().positive().default(10_000),
  max_period_ms: z.number().int().positive().default(6 * HOUR_MS),
  realert_ms: z.number().int().min(0).default(6 * HOUR_MS),
  internal_networks: z.array(z.string()).default(DEFAULT_INTERNAL_NETWORKS),
  /** Also treat DNS queries (dns.question.name) as connections to the queried name. */
  include_dns: z.boolean().default(true),
  /** Destinations never judged: addresses/networks, or domain names (and their subdomains). */
  exclude_destinations: z.array(z.string()).default([]),
});
export type BeaconingParams = z.output<typeof beaconingParams>;

interface PairState {
  lastPort?: string;
  times: number[];
  ids: string[];
  lastAlert: number;
  seen: number;
}

/** Mean and coefficient of variation of the gaps between sorted times. */
export function intervalStats(times: readonly number[]): { mean: number; cv: number } {
  const n = times.length - 1;
  let sum = 0;
  for (let i = 1; i < times.length; i++) sum += times[i] - times[i - 1];
  const mean = sum / n;
  let sq = 0;
  for (let i = 1; i < times.length; i++) sq += (times[i] - times[i - 1] - mean) ** 2;
  const sd = Math.sqrt(sq / n);
  return { mean, cv: mean > 0 ? sd / mean : Number.POSITIVE_INFINITY };
}

class Beaconing extends AnalyticBase {
  private readonly pairs: BoundedMap<string, PairState>;
  private readonly internal: CidrList;
  private readonly excludedNets: CidrList;
  private readonly excludedNames: string[];

  constructor(private readonly p: BeaconingParams) {
    super(beaconing, p);
    this.pairs = new BoundedMap(p.max_entities);
    this.internal = new CidrList(p.internal_networks);
    const isNet = (x: string) => /^[0-9.]+(\/\d+)?$/.test(x) || x.includes(':');
    this.excludedNets = new CidrList(p.exclude_destinations.filter(isNet));
    this.excludedNames = p.exclude_destinations.filter((x) => !isNet(x)).map((x) => x.toLowerCase());
  }

  private destinationOf(e: VigilEvent): string | undefined {
    const q = str(e, 'dns.question.name');
    if (q !== undefined) {
      const name = q.toLowerCase();
      if (!this.p.include_dns || this.excludedNames.some((x) => name === x || name.endsWith(`.${x}`))) return undefined;
      return `dns:${name}`;
    }
    const dst = str(e, 'destination.ip');
    if (dst === undefined || this.internal.has(dst) || this.excludedNets.has(dst)) return undefined;
    const port = str(e, 'destination.port');
    return port === undefined ? dst : `${dst}:${port}`;
  }

  protected accepts(e: VigilEvent): boolean {
    return e.fields['source.ip'] !== undefined && hasKeyword(e, 'event.category', 'network');
  }

  protected observe(e: VigilEvent): Detection[] {
    const src = str(e, 'source.ip');
    const dst = this.destinationOf(e);
    if (src === undefined || dst === undefined) return [];
    const key = `${src}>${dst}`;
    const st = this.pairs.getOrCreate(key, () => ({ times: [], ids: [], lastAlert: Number.NEGATIVE_INFINITY, seen: 0 }));
    const port = dst.startsWith('dns:') ? undefined : str(e, 'source.port');
    if (port !== undefined && port === st.lastPort) return [];
    st.lastPort = port;
    st.seen++;
    let i = st.times.length;
    while (i > 0 && st.times[i - 1] > e.ts) i--;
    st.times.splice(i, 0, e.ts);
    st.ids.splice(i, 0, e.id);
    if (st.times.length > this.p.max_samples) {
      st.times.shift();
      st.ids.shift();
    }
    if (st.times.length < this.p.min_connections || e.ts - st.lastAlert < this.p.realert_ms) return [];
    const { mean, cv } = intervalStats(st.times);
    if (cv > this.p.max_cv || mean < this.p.min_period_ms || mean > this.p.max_period_ms) return [];
    st.lastAlert = e.ts;
    const entities: Entities = {};
    addEntity(entities, 'ip', src);
    const host = str(e, 'host.name');
    if (host) addEntity(entities, 'host', host);
    if (dst.startsWith('dns:')) addEntity(entities, 'domain', dst.slice(4));
    else addEntity(entities, 'ip', str(e, 'destination.ip') as string);
    const shown = dst.startsWith('dns:') ? `queries for ${dst.slice(4)}` : `connections to ${dst}`;
    return [this.detection({
      ts: e.ts,
      eventIds: st.ids,
      eventCount: st.times.length,
      entities,
      explanation: [
        `${st.times.length} ${shown} from ${src} every ${(mean / 1000).toFixed(1)} s on average`,
        `coefficient of variation of the intervals ${cv.toFixed(3)} ≤ ${this.p.max_cv} (regular, machine-driven)`,
      ],
      details: { source: src, destination: dst, connections: st.times.length, mean_interval_ms: Math.round(mean), cv: Number(cv.toFixed(4)), first_ts: st.times[0] },
    })];
  }

  protected tables() {
    return [this.pairs];
  }
}

export const beaconing: AnalyticDefinition<typeof beaconingParams> = {
  name: 'beaconing',
  title: 'Periodic beaconing from a host to an external destination',
  level: 'high',
  tags: ['attack.command_and_control', 'attack.t1071', 'attack.t1573'],
  description: 'Connections (or DNS queries) from one source to one external destination at a regular period: low coefficient of variation of inter-arrival times over at least min_connections.',
  params: beaconingParams,
  create: (p) => new Beaconing(p),
};
