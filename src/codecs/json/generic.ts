/**
 * The generic JSON normalizer: a record of no known format is flattened into dotted fields
 * (so ECS-shaped input lands in the ECS columns as is) and its time is read from the usual
 * keys. The native record is not kept a second time: for generic JSON the fields are it.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { flattenObject } from './flatten.js';
import { findEventTime } from './timestamp.js';
import { evtxToNormalized } from '../evtx/normalize.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Windows events shipped as JSON keep their native record, because Sigma rules match Windows
 * field names (EventID, Image, ...) through it: evtx_dump's `{Event: {System, EventData}}`
 * goes through the EVTX normalizer, Winlogbeat / Elastic Agent's `{winlog: {...}}` is
 * flattened as ECS and kept as native too.
 */
function windowsJson(obj: Record<string, unknown>): NormalizedRecord | undefined {
  if (isObject(obj.Event) && isObject(obj.Event.System)) {
    const record = evtxToNormalized(obj as Parameters<typeof evtxToNormalized>[0]);
    if (record.ts === undefined) {
      const time = findEventTime(obj);
      if (time) record.ts = time.ts;
    }
    return record;
  }
  if (isObject(obj.winlog) && (obj.winlog.event_id !== undefined || obj.winlog.channel !== undefined)) {
    const time = findEventTime(obj);
    const record: NormalizedRecord = { fields: flattenObject(obj, time?.key), native: obj, logsource: { product: 'windows' } };
    if (time) record.ts = time.ts;
    return record;
  }
  return undefined;
}

export function normalizeGenericJson(obj: Record<string, unknown>): NormalizedRecord {
  const windows = windowsJson(obj);
  if (windows) return windows;
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
