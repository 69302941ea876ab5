/** Behavioural analytics (docs/analytics.md): parameterised, bounded, event-time detectors. */
export { ANALYTICS, ANALYTIC_NAMES, AnalyticsEngine, analyticsConfig, createAnalyticsEngine, describeAnalytics, type AnalyticDescription, type AnalyticName, type AnalyticsConfig, type AnalyticsConfigInput } from './registry.js';
export type { Analytic, AnalyticDefinition, AnalyticStats, CommonParams } from './types.js';
export { bruteForceParams } from './brute-force.js';
export { impossibleTravelParams } from './impossible-travel.js';
export { newCountryParams } from './new-country.js';
export { beaconingParams } from './beaconing.js';
export { exfilVolumeParams } from './exfil-volume.js';
export { portScanParams } from './port-scan.js';
export { dnsTunnelParams } from './dns-tunnel.js';
export { rareProcessParams } from './rare-process.js';
