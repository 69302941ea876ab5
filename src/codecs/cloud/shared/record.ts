/**
 * Assembling a NormalizedRecord from a provider record: time, fields, native, logsource. The
 * provider time becomes `ts` (the event's @timestamp), as in every other codec.
 */
import type { Logsource, NormalizedRecord } from '../../../core/event.js';
import { parseCloudTime } from './cloud-time.js';
import type { EcsBuilder } from './ecs-builder.js';
import type { MapContext } from './json-records.js';

export interface RecordParts {
  /** The provider's time value (string or epoch number) and the name it had, for warnings. */
  time: unknown;
  timeField: string;
  /** ECS `event.dataset` (Elastic's integration names: `aws.cloudtrail`, `okta.system`); its first part is `event.module`. */
  dataset: string;
  ecs: EcsBuilder;
  native: Record<string, unknown>;
  logsource: Logsource;
  warnings?: string[];
}

/**
 * The event time is the provider's; a record without a readable one gets the caller's receive
 * time (`ctx.now`) and a warning saying so, or no time at all (the pipeline fills it in).
 */
export function finishRecord(parts: RecordParts, ctx: MapContext): NormalizedRecord {
  const warnings = [...(parts.warnings ?? [])];
  let ts = parseCloudTime(parts.time);
  if (ts === undefined) {
    warnings.push(parts.time === undefined ? `no ${parts.timeField}; using the receive time` : `unreadable ${parts.timeField} ${JSON.stringify(parts.time)}; using the receive time`);
    ts = ctx.now?.();
  }
  parts.ecs.set('event.module', parts.dataset.slice(0, parts.dataset.indexOf('.'))).set('event.dataset', parts.dataset);
  const record: NormalizedRecord = { fields: parts.ecs.build(), native: parts.native, logsource: parts.logsource };
  if (ts !== undefined) record.ts = ts;
  if (warnings.length) record.warnings = warnings;
  return record;
}
