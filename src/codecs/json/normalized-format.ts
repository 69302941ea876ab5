/**
 * The `vigil` format: records already normalized, one JSON object per line
 * ({"ts","fields","native","logsource","warnings"}). `vigil ingest --server` decodes files
 * locally with the same codecs and ships this, so the server stores exactly what a local
 * ingest would have stored.
 */
import type { NormalizedRecord } from '../../core/event.js';
import type { DecoderOptions, TextFormat } from '../format.js';
import { decodeNdjson } from './decode.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function normalizedFromJson(obj: Record<string, unknown>): NormalizedRecord {
  if (!isPlainObject(obj.fields)) throw new Error('"fields" must be an object');
  const record: NormalizedRecord = { fields: obj.fields as NormalizedRecord['fields'], native: isPlainObject(obj.native) ? obj.native : {} };
  if (obj.ts !== undefined) {
    if (typeof obj.ts !== 'number') throw new Error('"ts" must be epoch milliseconds');
    record.ts = obj.ts;
  }
  if (isPlainObject(obj.logsource)) record.logsource = obj.logsource as NormalizedRecord['logsource'];
  if (Array.isArray(obj.warnings)) record.warnings = obj.warnings.map(String);
  return record;
}

export const normalizedFormat: TextFormat = {
  name: 'vigil',
  description: 'records already normalized by Vigil ({"ts","fields","native","logsource"} per line)',
  extensions: [],
  sniff: () => false,
  createDecoder: (opts: DecoderOptions) => ({
    push: (text, firstLine) => decodeNdjson(text, { ...opts, normalize: normalizedFromJson }, firstLine),
    end: () => ({ records: [], rejected: [] }),
  }),
};
