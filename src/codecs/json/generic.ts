/**
 * The generic JSON normalizer: a record of no known format is flattened into dotted fields
 * (so ECS-shaped input lands in the ECS columns as is) and its time is read from the usual
 * keys. The native record is not kept a second time: for generic JSON the fields are it.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { flattenObject } from './flatten.js';
import { findEventTime } from './timestamp.js';

export function normalizeGenericJson(obj: Record<string, unknown>): NormalizedRecord {
  const time = findEventTime(obj);
  const fields = flattenObject(obj, time?.key);
  const record: NormalizedRecord = { fields, native: {} };
  if (time) record.ts = time.ts;
  const ls = obj.logsource;
  if (ls && typeof ls === 'object' && !Array.isArray(ls)) {
    const l = ls as Record<string, unknown>;
    record.logsource = {};
    for (const k of ['product', 'service', 'category'] as const) if (typeof l[k] === 'string') record.logsource[k] = l[k] as string;
    for (const k of Object.keys(fields)) if (k.startsWith('logsource.')) delete fields[k];
  }
  return record;
}
