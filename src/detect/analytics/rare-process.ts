/**
 * A process never seen before on a host. Each host learns its executables for
 * `learning_period_ms` from its own first process event; after that, an executable path not in
 * its set fires once (then joins the set). Paths are compared case-insensitively (Windows) and
 * with the user-profile segment generalised (`c:\users\*\...`, `/home/*\/...`) for the fleet
 * view: an executable already known on `fleet_suppress_hosts` or more other hosts is software
 * rolling out, not a dropped payload, and does not fire.
 *
 * State: per host, at most `max_processes_per_host` paths (least recently seen dropped, which
 * can make an old path "new" again: counted in evicted); fleet counts for at most
 * `max_fleet_paths` paths.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape, DAY_MS } from './common-params.js';
import { hasKeyword, str } from './event-fields.js';
import type { AnalyticDefinition } from './types.js';

export const rareProcessParams = z.strictObject({
  ...commonParamShape,
  learning_period_ms: z.number().int().min(0).default(7 * DAY_MS),
  max_processes_per_host: z.number().int().min(1).default(4096),
  /** Known on this many other hosts → not rare (0 disables the fleet check). */
  fleet_suppress_hosts: z.number().int().min(0).default(3),
  max_fleet_paths: z.number().int().min(1).default(100_000),
});
export type RareProcessParams = z.output<typeof rareProcessParams>;

interface HostState {
  firstTs: number;
  paths: BoundedMap<string, number>;
}

export function generalisePath(path: string): string {
  return path.toLowerCase().replace(/^([a-z]:\\users\\)[^\\]+\\/, '$1*\\').replace(/^\/home\/[^/]+\//, '/home/*/');
}

class RareProcess extends AnalyticBase {
  private readonly hosts: BoundedMap<string, HostState>;
  private readonly fleet: BoundedMap<string, Set<string>>;

  constructor(private readonly p: RareProcessParams) {
    super(rareProcess, p);
    this.hosts = new BoundedMap(p.max_entities);
    this.fleet = new BoundedMap(p.max_fleet_paths);
  }

  protected accepts(e: VigilEvent): boolean {
    return e.fields['process.executable'] !== undefined && e.fields['host.name'] !== undefined && hasKeyword(e, 'event.category', 'process');
  }

  protected observe(e: VigilEvent): Detection[] {
    const host = str(e, 'host.name');
    const exe = str(e, 'process.executable');
    if (host === undefined || exe === undefined) return [];
    const path = exe.toLowerCase();
    let st = this.hosts.get(host);
    if (!st) {
      st = { firstTs: e.ts, paths: new BoundedMap(this.p.max_processes_per_host) };
      this.hosts.set(host, st);
    }
    st.firstTs = Math.min(st.firstTs, e.ts);
    const isNew = !st.paths.has(path);
    const evictedBefore = st.paths.evicted;
    st.paths.set(path, e.ts);
    this.droppedItems += st.paths.evicted - evictedBefore;
    const general = generalisePath(exe);
    const fleetHosts = this.fleet.getOrCreate(general, () => new Set());
    const othersBefore = fleetHosts.size - (fleetHosts.has(host) ? 1 : 0);
    // Enough hosts to decide "widespread"; more would only cost memory.
    if (fleetHosts.size <= this.p.fleet_suppress_hosts) fleetHosts.add(host);
    if (!isNew || e.ts < st.firstTs + this.p.learning_period_ms) return [];
    if (this.p.fleet_suppress_hosts > 0 && othersBefore >= this.p.fleet_suppress_hosts) return [];
    const entities: Entities = {};
    addEntity(entities, 'host', host);
    addEntity(entities, 'process', exe);
    const user = str(e, 'user.name');
    if (user) addEntity(entities, 'user', user);
    const hash = str(e, 'process.hash.sha256');
    if (hash) addEntity(entities, 'hash', hash);
    const parent = str(e, 'process.parent.executable');
    return [this.detection({
      ts: e.ts,
      eventIds: [e.id],
      eventCount: 1,
      entities,
      explanation: [
        `'${exe}' ran on ${host} for the first time after ${Math.round((e.ts - st.firstTs) / 3_600_000)} h of history${parent ? ` (parent '${parent}')` : ''}`,
        `known on ${othersBefore} other host(s) (suppressed at ${this.p.fleet_suppress_hosts})`,
      ],
      details: { executable: exe, command_line: str(e, 'process.command_line'), known_paths_on_host: st.paths.size - 1, other_hosts: othersBefore },
    })];
  }

  protected tables() {
    return [this.hosts, this.fleet];
  }
}

export const rareProcess: AnalyticDefinition<typeof rareProcessParams> = {
  name: 'rare_process',
  title: 'Process never seen before on a host',
  level: 'medium',
  tags: ['attack.execution', 'attack.t1204'],
  description: 'After a per-host learning period, an executable path never seen on that host and not common across the fleet.',
  params: rareProcessParams,
  create: (p) => new RareProcess(p),
};
