/** Enrichment (docs/enrichment.md): GeoIP/ASN, asset and identity context, in place over batches. */
export { buildEnrichers, enrichConfig, geoipConfig, ENRICHER_TYPES, type BuiltEnrichers, type EnrichConfig, type EnrichConfigInput } from './registry.js';
export { enrichBatch, type Enricher, type EnricherStats } from './enricher.js';
export { GeoIpEnricher, type GeoIpOptions, type GeoIpSources } from './geoip.js';
export { AssetContextEnricher, IdentityContextEnricher } from './context.js';
export { parseAssetCsv, parseIdentityCsv, type AssetInfo, type IdentityInfo } from './context-tables.js';
export { bundledCityDatabases, openMmdb, type MmdbSource } from './mmdb-source.js';
export { CidrList, DEFAULT_INTERNAL_NETWORKS, isPrivateIp, isPublicIp, parseCidr, parseIp } from './ip-address.js';
export { enrichTransform } from './transform.js';
