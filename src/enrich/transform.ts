/**
 * Enrichment as a pipeline transform (src/core/component.ts): `build` loads the databases and
 * tables once and logs bad CSV rows; `apply` enriches the batch in place and hands it on.
 */
import type { TransformDefinition } from '../core/component.js';
import type { VigilEvent } from '../core/event.js';
import { enrichBatch } from './enricher.js';
import { buildEnrichers, enrichConfig, type EnrichConfig } from './registry.js';

export const enrichTransform: TransformDefinition<EnrichConfig> = {
  kind: 'transform',
  type: 'enrich',
  description: 'GeoIP/ASN for public addresses, asset and identity context from CSV (docs/enrichment.md)',
  config: enrichConfig,
  build(config, ctx) {
    const { enrichers, warnings } = buildEnrichers(config);
    for (const w of warnings) ctx.logger.warn({ component: ctx.id }, `enrichment table: ${w}`);
    ctx.logger.info({ component: ctx.id, enrichers: enrichers.map((e) => e.name) }, 'enrichment ready');
    return {
      apply<E>(batch: E[]): E[] {
        // The pipeline hands transforms its events; enrichment only adds fields.
        enrichBatch(enrichers, batch as unknown as VigilEvent[]);
        return batch;
      },
    };
  },
};
