/**
 * Impossible travel: two successful logins of one user from places so far apart that the
 * traveller would have needed more than `max_speed_kmh` between them. Locations come from the
 * GeoIP enrichment (`source.geo.location.lat/lon`). Pairs closer than `min_distance_km` never
 * fire: city-level GeoIP is often off by tens or hundreds of kilometres, and mobile carriers
 * and VPN exits move a user's apparent position a long way without anyone travelling.
 *
 * State: per user, the latest login (time, place, address, event id). An out-of-order login
 * (within the lateness) is still compared with it, using the absolute time difference.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import { addEntity, type Detection, type Entities } from '../detection.js';
import { AnalyticBase } from './analytic-base.js';
import { BoundedMap } from './bounded-map.js';
import { commonParamShape } from './common-params.js';
import { authOutcome, num, str } from './event-fields.js';
import { distanceKm } from './geo-distance.js';
import type { AnalyticDefinition } from './types.js';

export const impossibleTravelParams = z.strictObject({
  ...commonParamShape,
  /** Faster than an airliner plus airport time. */
  max_speed_kmh: z.number().positive().default(900),
  /** Ignore pairs closer than this (GeoIP accuracy). */
  min_distance_km: z.number().min(0).default(500),
  categories: z.array(z.string()).default(['authentication']),
});
export type ImpossibleTravelParams = z.output<typeof impossibleTravelParams>;

interface LoginPlace {
  ts: number;
  id: string;
  lat: number;
  lon: number;
  ip?: string;
  country?: string;
  city?: string;
}

class ImpossibleTravel extends AnalyticBase {
  private readonly last: BoundedMap<string, LoginPlace>;

  constructor(private readonly p: ImpossibleTravelParams) {
    super(impossibleTravel, p);
    this.last = new BoundedMap(p.max_entities);
  }

  protected accepts(e: VigilEvent): boolean {
    return e.fields['source.geo.location.lat'] !== undefined && authOutcome(e, this.p.categories) === 'success' && str(e, 'user.name') !== undefined;
  }

  protected observe(e: VigilEvent): Detection[] {
    const user = str(e, 'user.name') as string;
    const lat = num(e, 'source.geo.location.lat');
    const lon = num(e, 'source.geo.location.lon');
    if (lat === undefined || lon === undefined) return [];
    const here: LoginPlace = { ts: e.ts, id: e.id, lat, lon, ip: str(e, 'source.ip'), country: str(e, 'source.geo.country_iso_code'), city: str(e, 'source.geo.city_name') };
    const prev = this.last.get(user);
    if (!prev || prev.ts <= e.ts) this.last.set(user, here);
    if (!prev || (prev.ip !== undefined && prev.ip === here.ip)) return [];
    const km = distanceKm(prev.lat, prev.lon, lat, lon);
    if (km < this.p.min_distance_km) return [];
    const hours = Math.abs(e.ts - prev.ts) / 3_600_000;
    const speed = hours === 0 ? Number.POSITIVE_INFINITY : km / hours;
    if (speed <= this.p.max_speed_kmh) return [];
    const [first, second] = prev.ts <= e.ts ? [prev, here] : [here, prev];
    const entities: Entities = {};
    addEntity(entities, 'user', user);
    for (const pl of [first, second]) if (pl.ip) addEntity(entities, 'ip', pl.ip);
    const where = (pl: LoginPlace): string => `${pl.city ? `${pl.city}, ` : ''}${pl.country ?? '?'} (${pl.ip ?? '?'})`;
    return [this.detection({
      ts: Math.max(e.ts, prev.ts),
      eventIds: [first.id, second.id],
      eventCount: 2,
      entities,
      explanation: [
        `'${user}' logged in from ${where(first)} and ${Math.round(hours * 60)} min later from ${where(second)}`,
        `${Math.round(km)} km apart: ${Number.isFinite(speed) ? `${Math.round(speed)} km/h` : 'at the same instant'}, above ${this.p.max_speed_kmh} km/h`,
      ],
      details: { distance_km: Math.round(km), speed_kmh: Number.isFinite(speed) ? Math.round(speed) : null, max_speed_kmh: this.p.max_speed_kmh, from: first, to: second },
    })];
  }

  protected tables() {
    return [this.last];
  }
}

export const impossibleTravel: AnalyticDefinition<typeof impossibleTravelParams> = {
  name: 'impossible_travel',
  title: 'Impossible travel between two logins of one user',
  level: 'medium',
  tags: ['attack.initial_access', 'attack.t1078'],
  description: 'Two successful logins of one user whose GeoIP locations are further apart than the time between them allows at max_speed_kmh.',
  params: impossibleTravelParams,
  create: (p) => new ImpossibleTravel(p),
};
