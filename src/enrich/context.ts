/**
 * Enrichers over the asset and identity tables (context-tables.ts). Field names follow ECS
 * where ECS has one and are Vigil extensions otherwise (documented in docs/enrichment.md):
 *   host.criticality (1-5), host.owner, host.environment, host.tags
 *   user.privileged (boolean), user.department, user.title
 */
import type { VigilEvent } from '../core/event.js';
import { type AssetInfo, hostKey, type IdentityInfo, userKey } from './context-tables.js';
import type { Enricher, EnricherStats } from './enricher.js';

abstract class TableEnricher<T> implements Enricher {
  abstract readonly name: string;
  private readonly counters = { events: 0, enriched: 0, skipped: 0 };

  constructor(protected readonly entries: ReadonlyMap<string, T>, private readonly field: string) {}

  protected abstract find(value: string): T | undefined;
  protected abstract apply(e: VigilEvent, info: T): void;

  enrich(events: VigilEvent[]): void {
    if (this.entries.size === 0) return;
    for (const e of events) {
      this.counters.events++;
      const v = e.fields[this.field];
      if (typeof v !== 'string' || v === '') continue;
      const info = this.find(v);
      if (info === undefined) {
        this.counters.skipped++;
        continue;
      }
      this.apply(e, info);
      this.counters.enriched++;
    }
  }

  stats(): EnricherStats {
    return { name: this.name, ...this.counters };
  }
}

export class AssetContextEnricher extends TableEnricher<AssetInfo> {
  readonly name = 'assets';

  constructor(entries: ReadonlyMap<string, AssetInfo>) {
    super(entries, 'host.name');
  }

  /** The criticality (1-5) the asset table gives a host, for risk scores. */
  criticalityOf(host: string): number | undefined {
    return this.find(host)?.criticality;
  }

  protected find(host: string): AssetInfo | undefined {
    for (const k of hostKey(host)) {
      const hit = this.entries.get(k);
      if (hit) return hit;
    }
    return undefined;
  }

  protected apply(e: VigilEvent, a: AssetInfo): void {
    e.fields['host.criticality'] = a.criticality;
    if (a.owner !== undefined) e.fields['host.owner'] = a.owner;
    if (a.environment !== undefined) e.fields['host.environment'] = a.environment;
    if (a.tags !== undefined) e.fields['host.tags'] = a.tags.slice();
  }
}

export class IdentityContextEnricher extends TableEnricher<IdentityInfo> {
  readonly name = 'identities';

  constructor(entries: ReadonlyMap<string, IdentityInfo>) {
    super(entries, 'user.name');
  }

  protected find(user: string): IdentityInfo | undefined {
    return this.entries.get(userKey(user));
  }

  protected apply(e: VigilEvent, u: IdentityInfo): void {
    e.fields['user.privileged'] = u.privileged;
    if (u.department !== undefined) e.fields['user.department'] = u.department;
    if (u.title !== undefined) e.fields['user.title'] = u.title;
  }
}
