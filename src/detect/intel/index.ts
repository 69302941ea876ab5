/** Threat intelligence (docs/threat-intel.md): STIX 2.1 / MISP / CSV feeds and a fast matcher. */
export { intelConfig, intelFeedConfig, loadIntelFeeds, parseFeed, sniffFormat, type FeedReport, type IntelConfig, type IntelConfigInput, type IntelFeedConfig } from './feeds.js';
export { IntelMatcher, DEFAULT_INTEL_FIELDS, type IntelFields, type IntelMatcherStats } from './matcher.js';
export { INDICATOR_TYPES, normalizeIndicator, type Indicator, type IndicatorType } from './indicator.js';
export { DEFAULT_FEED_LIMITS, type FeedError, type FeedLimits, type FeedParseResult } from './feed-result.js';
export { parseStixBundle } from './stix.js';
export { parseMispExport } from './misp.js';
export { parseIndicatorCsv } from './csv-feed.js';
export { IntelDetector, createIntelDetector } from './intel-detector.js';
