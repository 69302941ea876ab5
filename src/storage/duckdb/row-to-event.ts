/** Turns a stored row back into the event as the API shows it: structural fields, ECS fields, native, meta. */
import { PROMOTED_FIELDS } from '../schema.js';

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function rowToEvent(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    '@timestamp': row['@timestamp'],
    source: row.source,
  };
  if (row.format !== null) out.format = row.format;
  const logsource: Record<string, unknown> = {};
  for (const k of ['product', 'service', 'category'] as const) {
    const v = row[`logsource.${k}`];
    if (v !== null && v !== undefined) logsource[k] = v;
  }
  if (Object.keys(logsource).length) out.logsource = logsource;
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
