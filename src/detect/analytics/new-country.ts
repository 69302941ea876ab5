/**
 * First login of a user from a country never seen for them. Nothing fires during the
 * learning period (from the first event this analytic sees), so the countries users normally
 * log in from are learned first; after it, a successful login from a country not in the user's
 * set fires once and the country joins the set. A user with no history at all (a new hire, or
 * one first seen after learning) only establishes a baseline: "new user" is a different question.
 *
 * State: per user, their countries with the last time each was seen (at most
 * `max_countries_per_user`, least recently seen dropped first).
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape, DAY_MS } from './common-params.js';
import { authOutcome, str } from './event-fields.js';
import type { AnalyticDefinition } from './types.js';

export const newCountryParams = z.strictObject({
  ...commonParamShape,
  /** Learn quietly for this long after the first event (a week covers weekly travel patterns). */
  learning_period_ms: z.number().int().min(0).default(7 * DAY_MS),
  max_countries_per_user: z.number().int().min(1).default(32),
  categories: z.array(z.string()).default(['authentication']),
});
export type NewCountryParams = z.output<typeof newCountryParams>;

class NewCountryLogin extends AnalyticBase {
  private readonly users: BoundedMap<string, BoundedMap<string, number>>;
  private firstTs = Number.POSITIVE_INFINITY;

  constructor(private readonly p: NewCountryParams) {
    super(newCountryLogin, p);
    this.users = new BoundedMap(p.max_entities);
  }

  protected accepts(e: VigilEvent): boolean {
    return e.fields['source.geo.country_iso_code'] !== undefined && authOutcome(e, this.p.categories) === 'success';
  }

  protected observe(e: VigilEvent): Detection[] {
    const user = str(e, 'user.name');
    const country = str(e, 'source.geo.country_iso_code');
    if (user === undefined || country === undefined) return [];
    if (e.ts < this.firstTs) this.firstTs = e.ts;
    const learning = e.ts < this.firstTs + this.p.learning_period_ms;
    let known = this.users.get(user);
    if (!known) {
      known = new BoundedMap<string, number>(this.p.max_countries_per_user);
      this.users.set(user, known);
    }
    const isNew = !known.has(country);
    const before = [...known.keys()];
    const evictedBefore = known.evicted;
    known.set(country, Math.max(known.peek(country) ?? 0, e.ts));
    this.droppedItems += known.evicted - evictedBefore;
    if (!isNew || learning || before.length === 0) return [];
    const ip = str(e, 'source.ip');
    const entities: Entities = {};
    addEntity(entities, 'user', user);
    if (ip) addEntity(entities, 'ip', ip);
    const host = str(e, 'host.name');
    if (host) addEntity(entities, 'host', host);
    return [this.detection({
      ts: e.ts,
      eventIds: [e.id],
      eventCount: 1,
      entities,
      explanation: [`first successful login of '${user}' from ${country} (${ip ?? 'unknown address'}); known countries: ${before.join(', ')}`],
      details: { country, known_countries: before, learning_period_ms: this.p.learning_period_ms },
    })];
  }

  protected tables() {
    return [this.users];
  }
}

export const newCountryLogin: AnalyticDefinition<typeof newCountryParams> = {
  name: 'new_country_login',
  title: 'First login of a user from a new country',
  level: 'medium',
  tags: ['attack.initial_access', 'attack.t1078'],
  description: 'After a learning period, a successful login of a known user from a country not seen for that user before.',
  params: newCountryParams,
  create: (p) => new NewCountryLogin(p),
};
