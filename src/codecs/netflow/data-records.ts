/**
 * Data records of one data set, decoded with their template. Variable-length values
 * (RFC 7011 §7) carry a one-octet length, or 255 followed by a two-octet length; every
 * length is checked against the set's end. Trailing octets shorter than the smallest
 * possible record are set padding (RFC 7011 §3.3.1) and ignored.
 */
import { VARIABLE_LENGTH, type Template } from './templates.js';
import { decodeValue } from './value-decoder.js';

export interface DataSetDecode {
  natives: Array<Record<string, unknown>>;
  /** Set when a record overran the set; records before it are still returned. */
  error?: { reason: string; offset: number };
}

export function decodeDataRecords(buf: Buffer, start: number, end: number, template: Template, version: number): DataSetDecode {
  const natives: Array<Record<string, unknown>> = [];
  const fields = template.fields;
  const min = template.minRecordLength;
  let p = start;
  while (end - p >= min) {
    const recordStart = p;
    const native: Record<string, unknown> = { version, templateId: template.id };
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      let length = f.length;
      if (length === VARIABLE_LENGTH) {
        if (p >= end) return { natives, error: { reason: `record ${natives.length + 1}: length of ${f.name} missing`, offset: p } };
        length = buf[p++];
        if (length === 255) {
          if (p + 2 > end) return { natives, error: { reason: `record ${natives.length + 1}: long length of ${f.name} truncated`, offset: p } };
          length = buf.readUInt16BE(p);
          p += 2;
        }
      }
      if (p + length > end) {
        return { natives, error: { reason: `record ${natives.length + 1}: ${f.name} (${length} octets) overruns the set`, offset: recordStart } };
      }
      if (!f.skip) {
        const value = decodeValue(buf, p, length, f.type);
        if (f.repeated) {
          const prior = native[f.name];
          native[f.name] = Array.isArray(prior) ? [...prior, value] : [prior, value];
        } else native[f.name] = value;
      }
      p += length;
    }
    natives.push(native);
  }
  return { natives };
}
