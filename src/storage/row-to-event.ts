/** Stored rows (the shared schema's columns, any adapter) back into events: as the API shows them, and as the pipeline stored them. */
import type { EventMeta, Logsource, VigilEvent } from '../core/event.js';
import { PROMOTED_FIELDS } from './schema.js';

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The `logsource.*` columns as a logsource; undefined when all are empty. */
export function logsourceOfRow(row: Record<string, unknown>): Logsource | undefined {
  const logsource: Logsource = {};
  for (const k of ['product', 'service', 'category'] as const) {
    const v = row[`logsource.${k}`];
    if (typeof v === 'string' && v) logsource[k] = v;
  }
  return Object.keys(logsource).length ? logsource : undefined;
}

/** Normalized fields of a row: the `fields` JSON with the promoted columns put back in. */
export function fieldsOfRow(row: Record<string, unknown>): VigilEvent['fields'] {
  const fields = objectOf(row.fields) as VigilEvent['fields'];
  for (const c of PROMOTED_FIELDS) {
    const v = row[c.name];
    if (v !== null && v !== undefined) fields[c.name] = v as VigilEvent['fields'][string];
  }
  return fields;
}

/** The event as the API shows it: structural fields, ECS fields, native, meta. */
export function rowToEvent(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    '@timestamp': row['@timestamp'],
    source: row.source,
  };
  if (row.format !== null) out.format = row.format;
  const logsource = logsourceOfRow(row);
  if (logsource) out.logsource = logsource;
  if (row.tenant !== null && row.tenant !== undefined) out.tenant = row.tenant;
  for (const c of PROMOTED_FIELDS) {
    const v = row[c.name];
    if (v !== null && v !== undefined) out[c.name] = v;
  }
  const rest = parseJson(row.fields);
  if (rest && typeof rest === 'object') Object.assign(out, rest);
  const native = parseJson(row.native);
  if (native && typeof native === 'object' && Object.keys(native).length) out.native = native;
  const meta = parseJson(row.meta);
  if (meta && typeof meta === 'object' && Object.keys(meta).length) out.meta = meta;
  out.ingest_time = row.ingest_time;
  return out;
}

/**
 * Turns a stored row back into the event the pipeline stored (for evaluating it again): the row
 * carries `_ts_us` (epoch_us of `@timestamp`) and `_ingest_ms` (epoch_ms of `ingest_time`)
 * besides its columns. Promoted columns go back into `fields`.
 */
export function storedRowToEvent(row: Record<string, unknown>): VigilEvent {
  const stored = objectOf(row.meta);
  const meta: EventMeta = { source: String(row.source), ingestTime: Number(row._ingest_ms) };
  if (typeof row.format === 'string') meta.format = row.format;
  const logsource = logsourceOfRow(row);
  if (logsource) meta.logsource = logsource;
  if (typeof row.tenant === 'string') meta.tenant = row.tenant;
  if (Array.isArray(stored.warnings)) meta.warnings = stored.warnings.map(String);
  if (typeof stored.raw === 'string') meta.raw = stored.raw;
  return { id: String(row.id), ts: Number(row._ts_us) / 1000, fields: fieldsOfRow(row), native: objectOf(row.native), meta };
}

/** A JSON column's object; {} for anything else (NULL, bad JSON, an array). */
export function objectOf(text: unknown): Record<string, unknown> {
  const v = parseJson(text);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
