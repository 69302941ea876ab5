/**
 * Exfiltration volume: outbound bytes from one internal host in a time bucket far above that
 * host's own baseline. Outbound means source.ip inside `internal_networks` and destination.ip
 * outside; the bytes are source.bytes (what the source sent) or, for records with no
 * per-direction figure, network.bytes. The host is host.name when the record has one, else
 * source.ip.
 *
 * Per host: the open bucket's running total (buckets of `bucket_ms`, aligned to the epoch) and
 * the totals of the last `history_buckets` closed buckets, idle buckets counted as zero. The
 * threshold is max(min_bytes, median + mad_factor × MAD, median × min_ratio_to_median) over that
 * history; the open bucket fires as soon as its running total crosses it (totals only grow), once per bucket. Before
 * `min_history_buckets` of history only min_bytes × 4 counts (a quiet new host uploading
 * gigabytes is still worth a look). A record for a bucket already closed is counted late.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { CidrList, DEFAULT_INTERNAL_NETWORKS } from '../../enrich/ip-address.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape, MINUTE_MS } from './common-params.js';
import { pushBounded, sentBytes, str } from './event-fields.js';
import { median, scaledMad } from './robust-stats.js';
import type { AnalyticDefinition } from './types.js';

export const exfilVolumeParams = z.strictObject({
  ...commonParamShape,
  bucket_ms: z.number().int().positive().default(10 * MINUTE_MS),
  /** A day of 10-minute buckets. */
  history_buckets: z.number().int().min(3).default(144),
  min_history_buckets: z.number().int().min(1).default(12),
  mad_factor: z.number().positive().default(10),
  /** And at least this many times the median (a steady host has a MAD near zero). */
  min_ratio_to_median: z.number().min(1).default(3),
  /** Never fire below this many bytes in a bucket (small hosts have tiny MADs). */
  min_bytes: z.number().int().positive().default(100 * 1024 * 1024),
  internal_networks: z.array(z.string()).default(DEFAULT_INTERNAL_NETWORKS),
});
export type ExfilVolumeParams = z.output<typeof exfilVolumeParams>;

interface HostVolume {
  bucket: number;
  bytes: number;
  fired: boolean;
  ids: string[];
  flows: number;
  destinations: Map<string, number>;
  history: number[];
  /** Baseline of the history, computed when a bucket closes (not per record). */
  med: number;
  mad: number;
}

const MAX_DESTINATIONS = 16;

class ExfilVolume extends AnalyticBase {
  private readonly hosts: BoundedMap<string, HostVolume>;
  private readonly internal: CidrList;

  constructor(private readonly p: ExfilVolumeParams) {
    super(exfilVolume, p);
    this.hosts = new BoundedMap(p.max_entities);
    this.internal = new CidrList(p.internal_networks);
  }

  protected accepts(e: VigilEvent): boolean {
    return e.fields['destination.ip'] !== undefined && e.fields['source.ip'] !== undefined && (e.fields['source.bytes'] !== undefined || e.fields['network.bytes'] !== undefined);
  }

  protected observe(e: VigilEvent): Detection[] {
    const src = str(e, 'source.ip') as string;
    const dst = str(e, 'destination.ip') as string;
    const bytes = sentBytes(e);
    if (bytes === undefined || !this.internal.has(src) || this.internal.has(dst)) return [];
    const host = str(e, 'host.name') ?? src;
    const bucket = Math.floor(e.ts / this.p.bucket_ms);
    const st = this.hosts.getOrCreate(host, () => ({ bucket, bytes: 0, fired: false, ids: [], flows: 0, destinations: new Map(), history: [], med: 0, mad: 0 }));
    if (bucket < st.bucket) {
      this.lateWindows++;
      return [];
    }
    if (bucket > st.bucket) this.close(st, bucket);
    st.bytes += bytes;
    st.flows++;
    pushBounded(st.ids, e.id, 20);
    if (st.destinations.has(dst) || st.destinations.size < MAX_DESTINATIONS) st.destinations.set(dst, (st.destinations.get(dst) ?? 0) + bytes);
    if (st.fired) return [];
    const enoughHistory = st.history.length >= this.p.min_history_buckets;
    const { med, mad } = st;
    const threshold = enoughHistory ? Math.max(this.p.min_bytes, med + this.p.mad_factor * mad, med * this.p.min_ratio_to_median) : this.p.min_bytes * 4;
    if (st.bytes < threshold) return [];
    st.fired = true;
    const top = [...st.destinations].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const entities: Entities = {};
    addEntity(entities, 'host', host);
    addEntity(entities, 'ip', src);
    for (const [ip] of top) addEntity(entities, 'ip', ip);
    const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
    return [this.detection({
      ts: e.ts,
      eventIds: st.ids,
      eventCount: st.flows,
      entities,
      explanation: [
        `${host} sent ${mb(st.bytes)} outbound in the ${this.p.bucket_ms / 60000}-minute bucket starting ${new Date(bucket * this.p.bucket_ms).toISOString()}`,
        enoughHistory
          ? `its baseline over ${st.history.length} buckets: median ${mb(med)}, MAD ${mb(mad)}; threshold ${mb(threshold)}`
          : `only ${st.history.length} buckets of history: fixed threshold ${mb(threshold)}`,
        `top destinations: ${top.map(([ip, b]) => `${ip} (${mb(b)})`).join(', ')}`,
      ],
      details: { bytes: st.bytes, threshold: Math.round(threshold), baseline_median: med, baseline_mad: mad, history_buckets: st.history.length, bucket_start: bucket * this.p.bucket_ms, bucket_ms: this.p.bucket_ms },
    })];
  }

  /** Moves the open bucket into history, with zeros for idle buckets in between. */
  private close(st: HostVolume, next: number): void {
    st.history.push(st.bytes);
    const idle = Math.min(next - st.bucket - 1, this.p.history_buckets);
    for (let i = 0; i < idle; i++) st.history.push(0);
    if (st.history.length > this.p.history_buckets) st.history.splice(0, st.history.length - this.p.history_buckets);
    st.med = median(st.history);
    st.mad = scaledMad(st.history, st.med);
    Object.assign(st, { bucket: next, bytes: 0, fired: false, ids: [], flows: 0, destinations: new Map() });
  }


  protected tables() {
    return [this.hosts];
  }
}

export const exfilVolume: AnalyticDefinition<typeof exfilVolumeParams> = {
  name: 'exfil_volume',
  title: 'Outbound volume far above the host baseline',
  level: 'high',
  tags: ['attack.exfiltration', 'attack.t1048', 'attack.t1567'],
  description: 'Outbound bytes from an internal host in a bucket above max(min_bytes, median + mad_factor × MAD, median × min_ratio_to_median) of its own recent buckets.',
  params: exfilVolumeParams,
  create: (p) => new ExfilVolume(p),
};
