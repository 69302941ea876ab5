/**
 * Port scan: one source reaching many distinct destination ports (a vertical scan of a host or
 * network) or many distinct destination hosts (a horizontal sweep) within one window. Windows
 * are tumbling, aligned to multiples of `window_ms`; a scan split by a window edge is seen in
 * the next window if it continues. Each source fires at most once per window.
 *
 * State: per source, the window's distinct ports and hosts, each set capped at its threshold
 * (reaching the threshold is all that matters), so a source costs at most
 * `max_ports + max_hosts` entries. DNS events are skipped (their destination is the resolver).
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape } from './common-params.js';
import { hasKeyword, pushBounded, str } from './event-fields.js';
import type { AnalyticDefinition } from './types.js';

export const portScanParams = z.strictObject({
  ...commonParamShape,
  window_ms: z.number().int().positive().default(60_000),
  /** Distinct destination ports from one source in a window. */
  max_ports: z.number().int().min(2).default(100),
  /** Distinct destination hosts from one source in a window. */
  max_hosts: z.number().int().min(2).default(100),
  /** Sources never judged (scanners you run, NAT gateways, load balancers). */
  exclude_sources: z.array(z.string()).default([]),
});
export type PortScanParams = z.output<typeof portScanParams>;

interface ScanWindow {
  window: number;
  ports: Set<string>;
  hosts: Set<string>;
  fired: boolean;
  ids: string[];
  events: number;
}

class PortScan extends AnalyticBase {
  private readonly sources: BoundedMap<string, ScanWindow>;
  private readonly excluded: Set<string>;

  constructor(private readonly p: PortScanParams) {
    super(portScan, p);
    this.sources = new BoundedMap(p.max_entities);
    this.excluded = new Set(p.exclude_sources);
  }

  protected accepts(e: VigilEvent): boolean {
    return e.fields['destination.port'] !== undefined && e.fields['dns.question.name'] === undefined && hasKeyword(e, 'event.category', 'network');
  }

  protected observe(e: VigilEvent): Detection[] {
    const src = str(e, 'source.ip');
    const dst = str(e, 'destination.ip');
    const port = str(e, 'destination.port');
    if (src === undefined || dst === undefined || port === undefined || this.excluded.has(src)) return [];
    const window = Math.floor(e.ts / this.p.window_ms);
    let st = this.sources.get(src);
    if (!st || window > st.window) {
      st = { window, ports: new Set(), hosts: new Set(), fired: false, ids: [], events: 0 };
      this.sources.set(src, st);
    } else if (window < st.window) {
      this.lateWindows++;
      return [];
    }
    st.events++;
    pushBounded(st.ids, e.id, 20);
    if (st.fired) return [];
    if (st.ports.size < this.p.max_ports) st.ports.add(port);
    if (st.hosts.size < this.p.max_hosts) st.hosts.add(dst);
    const vertical = st.ports.size >= this.p.max_ports;
    const horizontal = st.hosts.size >= this.p.max_hosts;
    if (!vertical && !horizontal) return [];
    st.fired = true;
    const entities: Entities = {};
    addEntity(entities, 'ip', src);
    if (st.hosts.size <= 5) for (const h of st.hosts) addEntity(entities, 'ip', h);
    const explanation: string[] = [];
    if (vertical) explanation.push(`${src} reached ${st.ports.size} distinct destination ports within ${this.p.window_ms / 1000} s (threshold ${this.p.max_ports})`);
    if (horizontal) explanation.push(`${src} reached ${st.hosts.size} distinct destination hosts within ${this.p.window_ms / 1000} s (threshold ${this.p.max_hosts})`);
    return [this.detection({
      ts: e.ts,
      eventIds: st.ids,
      eventCount: st.events,
      entities,
      explanation,
      details: { source: src, kind: vertical && horizontal ? 'both' : vertical ? 'vertical' : 'horizontal', distinct_ports: st.ports.size, distinct_hosts: st.hosts.size, window_start: window * this.p.window_ms, window_ms: this.p.window_ms, sample_ports: [...st.ports].slice(0, 20) },
    })];
  }


  protected tables() {
    return [this.sources];
  }
}

export const portScan: AnalyticDefinition<typeof portScanParams> = {
  name: 'port_scan',
  title: 'Port scan or host sweep from one source',
  level: 'medium',
  tags: ['attack.discovery', 'attack.t1046'],
  description: 'One source reaching at least max_ports distinct destination ports or max_hosts distinct destination hosts within a window.',
  params: portScanParams,
  create: (p) => new PortScan(p),
};
