/**
 * Brute force followed by a success: at least `failures` failed authentications within
 * `window_ms` from one source address (a spray across accounts), or against one user (a
 * distributed guess at one account), and then a successful authentication from that source or
 * for that user. The failures alone are noise on any internet-facing service; the success after
 * them is the account that fell.
 *
 * State: per source and per user, the newest `failures * 4` failures (time and event id) in
 * time order; the slack above `failures` absorbs out-of-order arrivals. A detection consumes the
 * failures it used, so one burst fires once.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape, MINUTE_MS } from './common-params.js';
import { authOutcome, str } from './event-fields.js';
import type { AnalyticDefinition } from './types.js';

export const bruteForceParams = z.strictObject({
  ...commonParamShape,
  /** Failed attempts needed before the success. */
  failures: z.number().int().min(1).default(5),
  /** How far back from the success the failures may lie. */
  window_ms: z.number().int().positive().default(10 * MINUTE_MS),
  /** event.category values that mark an authentication event. */
  categories: z.array(z.string()).default(['authentication']),
  /** Which groupings to track: by source address, by user name, or both. */
  group_by: z.array(z.enum(['source.ip', 'user.name'])).min(1).default(['source.ip', 'user.name']),
});
export type BruteForceParams = z.output<typeof bruteForceParams>;

interface Failure {
  ts: number;
  id: string;
  user?: string;
  ip?: string;
}

class BruteForceSuccess extends AnalyticBase {
  private readonly byGroup: Map<'source.ip' | 'user.name', BoundedMap<string, Failure[]>>;

  constructor(private readonly p: BruteForceParams) {
    super(bruteForceSuccess, p);
    this.byGroup = new Map(p.group_by.map((g) => [g, new BoundedMap<string, Failure[]>(p.max_entities)]));
  }

  protected accepts(e: VigilEvent): boolean {
    return authOutcome(e, this.p.categories) !== undefined;
  }

  protected observe(e: VigilEvent): Detection[] {
    const outcome = authOutcome(e, this.p.categories);
    const ip = str(e, 'source.ip');
    const user = str(e, 'user.name');
    const keep = this.p.failures * 4;
    if (outcome === 'failure') {
      for (const [field, table] of this.byGroup) {
        const key = field === 'source.ip' ? ip : user;
        if (key === undefined) continue;
        const list = table.getOrCreate(key, () => []);
        let i = list.length;
        while (i > 0 && list[i - 1].ts > e.ts) i--;
        list.splice(i, 0, { ts: e.ts, id: e.id, user, ip });
        if (list.length > keep) list.shift();
      }
      return [];
    }
    const reasons: string[] = [];
    const used: Failure[] = [];
    const details: Record<string, unknown> = { window_ms: this.p.window_ms, threshold: this.p.failures };
    for (const [field, table] of this.byGroup) {
      const key = field === 'source.ip' ? ip : user;
      if (key === undefined) continue;
      const list = table.peek(key);
      if (!list) continue;
      const inWindow = list.filter((f) => f.ts <= e.ts && f.ts >= e.ts - this.p.window_ms);
      if (inWindow.length < this.p.failures) continue;
      const users = new Set(inWindow.map((f) => f.user).filter((u) => u !== undefined));
      reasons.push(`${inWindow.length} failed authentications with ${field} '${key}' (${users.size} distinct user names) within ${this.p.window_ms / 1000} s before this success (threshold ${this.p.failures})`);
      details[`failures_by_${field}`] = inWindow.length;
      used.push(...inWindow);
      table.set(key, list.filter((f) => !inWindow.includes(f)));
    }
    if (reasons.length === 0) return [];
    used.sort((a, b) => a.ts - b.ts);
    const entities: Entities = {};
    if (user) addEntity(entities, 'user', user);
    if (ip) addEntity(entities, 'ip', ip);
    const host = str(e, 'host.name');
    if (host) addEntity(entities, 'host', host);
    const ids = [...new Set(used.map((f) => f.id))];
    return [this.detection({
      ts: e.ts,
      eventIds: [...ids, e.id],
      eventCount: ids.length + 1,
      entities,
      explanation: [...reasons, `successful authentication of '${user ?? '?'}' from ${ip ?? 'an unknown source'}${host ? ` on ${host}` : ''}`],
      details: { ...details, first_failure_ts: used[0]?.ts },
    })];
  }

  protected tables() {
    return [...this.byGroup.values()];
  }
}

export const bruteForceSuccess: AnalyticDefinition<typeof bruteForceParams> = {
  name: 'brute_force_success',
  title: 'Brute force followed by a successful login',
  level: 'high',
  tags: ['attack.credential_access', 'attack.t1110', 'attack.initial_access', 'attack.t1078'],
  description: 'N failed authentications from one source or against one user within a window, then a success from that source or for that user.',
  params: bruteForceParams,
  create: (p) => new BruteForceSuccess(p),
};
