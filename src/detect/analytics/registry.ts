/**
 * The explicit registry of behavioural analytics and the engine that runs a configured set of
 * them over events. `analyticsConfig` is the zod schema the server config embeds: one key per
 * analytic, each with its parameters (all defaulted), unknown keys rejected.
 */
import { z } from 'zod';
import type { VigilEvent } from '../../core/event.js';
import type { Detection } from '../detection.js';
import type { EventDetector } from '../live/event-detector.js';
import { beaconing } from './beaconing.js';
import { bruteForceSuccess } from './brute-force.js';
import { dnsTunnel } from './dns-tunnel.js';
import { exfilVolume } from './exfil-volume.js';
import { impossibleTravel } from './impossible-travel.js';
import { newCountryLogin } from './new-country.js';
import { portScan } from './port-scan.js';
import { rareProcess } from './rare-process.js';
import type { Analytic, AnalyticDefinition, AnalyticStats } from './types.js';

export const ANALYTICS = {
  brute_force_success: bruteForceSuccess,
  impossible_travel: impossibleTravel,
  new_country_login: newCountryLogin,
  beaconing,
  exfil_volume: exfilVolume,
  port_scan: portScan,
  dns_tunnel: dnsTunnel,
  rare_process: rareProcess,
} as const;

export type AnalyticName = keyof typeof ANALYTICS;
export const ANALYTIC_NAMES = Object.keys(ANALYTICS) as AnalyticName[];

export const analyticsConfig = z.strictObject({
  /** Master switch for the whole family. */
  enabled: z.boolean().default(true),
  brute_force_success: bruteForceSuccess.params.prefault({}),
  impossible_travel: impossibleTravel.params.prefault({}),
  new_country_login: newCountryLogin.params.prefault({}),
  beaconing: beaconing.params.prefault({}),
  exfil_volume: exfilVolume.params.prefault({}),
  port_scan: portScan.params.prefault({}),
  dns_tunnel: dnsTunnel.params.prefault({}),
  rare_process: rareProcess.params.prefault({}),
});
export type AnalyticsConfig = z.output<typeof analyticsConfig>;
export type AnalyticsConfigInput = z.input<typeof analyticsConfig>;

/**
 * Runs every enabled analytic over each event; single-threaded, state in memory. It is an
 * EventDetector, so the live path takes it as is (`liveDetection.addDetector(engine)`).
 */
export class AnalyticsEngine implements EventDetector {
  readonly name = 'analytics';
  readonly analytics: readonly Analytic[];

  constructor(analytics: readonly Analytic[]) {
    this.analytics = analytics;
  }

  processEvent(event: VigilEvent): Detection[] {
    const out: Detection[] = [];
    for (const a of this.analytics) {
      const d = a.process(event);
      if (d.length > 0) out.push(...d);
    }
    return out;
  }

  /** A batch in the order given (the pipeline's batches are already in arrival order). */
  process(events: readonly VigilEvent[]): Detection[] {
    const out: Detection[] = [];
    for (const e of events) for (const a of this.analytics) {
      const d = a.process(e);
      if (d.length > 0) out.push(...d);
    }
    return out;
  }

  stats(): AnalyticStats[] {
    return this.analytics.map((a) => a.stats());
  }
}

export interface AnalyticDescription {
  name: AnalyticName;
  id: string;
  title: string;
  level: string;
  tags: string[];
  description: string;
  /** Every parameter with its default value. */
  defaults: Record<string, unknown>;
}

/** What each analytic is and its default parameters (for an API listing or `vigil` help). */
export function describeAnalytics(): AnalyticDescription[] {
  return ANALYTIC_NAMES.map((name) => {
    const def = ANALYTICS[name] as AnalyticDefinition<z.ZodType>;
    return { name, id: `analytic:${name}`, title: def.title, level: def.level, tags: [...def.tags], description: def.description, defaults: def.params.parse({}) as Record<string, unknown> };
  });
}

/** Validates `input` (throws a ZodError naming the path) and builds the enabled analytics. */
export function createAnalyticsEngine(input: AnalyticsConfigInput = {}): AnalyticsEngine {
  const config = analyticsConfig.parse(input);
  if (!config.enabled) return new AnalyticsEngine([]);
  const built: Analytic[] = [];
  for (const name of ANALYTIC_NAMES) {
    const params = config[name];
    if (!params.enabled) continue;
    const def = ANALYTICS[name] as AnalyticDefinition<z.ZodType>;
    built.push(def.create(params));
  }
  return new AnalyticsEngine(built);
}
