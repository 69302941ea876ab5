/**
 * Template and options-template records (RFC 3954 §5.2/§6.1, RFC 7011 §3.4.1–3.4.2), read
 * defensively: every count and length is checked against the bytes actually present, and a
 * template that could never describe a record (no fields, or zero record length) is refused.
 */
import { ipfixElement, netflow9Element, netflow9Scope, type IeType } from './element-registry.js';
import type { FlowBuilder } from './flow-compiler.js';

/** RFC 7011 §7: a field length of 65535 announces a variable-length value. */
export const VARIABLE_LENGTH = 65535;

/**
 * Real templates have tens of fields (the largest in the conformance corpus: 41). The cap
 * bounds the memory a hostile exporter can pin: sessions × templates × fields.
 */
export const MAX_TEMPLATE_FIELDS = 512;

/** paddingOctets (210) carries no information; Logstash and nfdump skip it too. */
const PADDING_ELEMENT = 210;

export interface TemplateField {
  id: number;
  /** Private enterprise number; 0 for IANA (and always 0 in NetFlow v9). */
  pen: number;
  /** Octets in the record, or VARIABLE_LENGTH. */
  length: number;
  name: string;
  type: IeType;
  scope: boolean;
  /** A later occurrence of an element already in the template: values collect into an array. */
  repeated: boolean;
  skip: boolean;
}

export interface Template {
  id: number;
  options: boolean;
  scopeCount: number;
  fields: TemplateField[];
  /** Smallest possible record: fixed lengths plus one length octet per variable field. */
  minRecordLength: number;
  /** When the template was (re)defined, in the caller's clock (epoch ms). */
  learnedAt: number;
  /** Compiled builder for fixed-length flow records, set on first use (flow-compiler.ts); null: none. */
  builder?: FlowBuilder | null;
}

export type TemplateParse =
  | { ok: true; template: Template; withdrawal: false; next: number }
  | { ok: true; templateId: number; withdrawal: true; next: number }
  | { ok: false; reason: string; offset: number };

function finish(id: number, options: boolean, scopeCount: number, fields: TemplateField[], learnedAt: number): Template {
  const seen = new Set<string>();
  let minRecordLength = 0;
  for (const f of fields) {
    f.repeated = seen.has(f.name);
    seen.add(f.name);
    minRecordLength += f.length === VARIABLE_LENGTH ? 1 : f.length;
  }
  return { id, options, scopeCount, fields, minRecordLength, learnedAt };
}

function checkUsable(id: number, fields: TemplateField[], offset: number): TemplateParse | undefined {
  if (id < 256) return { ok: false, reason: `template id ${id} is reserved (must be 256 or more)`, offset };
  let total = 0;
  for (const f of fields) total += f.length === VARIABLE_LENGTH ? 1 : f.length;
  if (total === 0) return { ok: false, reason: `template ${id} describes empty records`, offset };
  return undefined;
}

/** One IPFIX template (options=false) or options template record starting at `offset`. */
export function parseIpfixTemplate(buf: Buffer, offset: number, end: number, options: boolean, learnedAt: number): TemplateParse {
  const headerLength = options ? 6 : 4;
  if (offset + 4 > end) return { ok: false, reason: 'truncated template record header', offset };
  const id = buf.readUInt16BE(offset);
  const fieldCount = buf.readUInt16BE(offset + 2);
  if (fieldCount === 0) return { ok: true, templateId: id, withdrawal: true, next: offset + 4 };
  if (fieldCount > MAX_TEMPLATE_FIELDS) return { ok: false, reason: `template ${id} has ${fieldCount} fields (limit ${MAX_TEMPLATE_FIELDS})`, offset };
  if (offset + headerLength > end) return { ok: false, reason: 'truncated options template header', offset };
  const scopeCount = options ? buf.readUInt16BE(offset + 4) : 0;
  if (options && (scopeCount === 0 || scopeCount > fieldCount)) {
    return { ok: false, reason: `options template ${id}: scope field count ${scopeCount} of ${fieldCount}`, offset };
  }
  let p = offset + headerLength;
  const fields: TemplateField[] = [];
  for (let i = 0; i < fieldCount; i++) {
    if (p + 4 > end) return { ok: false, reason: `template ${id}: field ${i + 1} of ${fieldCount} truncated`, offset: p };
    let elementId = buf.readUInt16BE(p);
    const length = buf.readUInt16BE(p + 2);
    p += 4;
    let pen = 0;
    if (elementId & 0x8000) {
      if (p + 4 > end) return { ok: false, reason: `template ${id}: enterprise number of field ${i + 1} truncated`, offset: p };
      pen = buf.readUInt32BE(p);
      elementId &= 0x7fff;
      p += 4;
    }
    const info = ipfixElement(elementId, pen);
    fields.push({ id: elementId, pen, length, name: info.name, type: info.type, scope: i < scopeCount, repeated: false, skip: pen === 0 && elementId === PADDING_ELEMENT });
  }
  const bad = checkUsable(id, fields, offset);
  if (bad) return bad;
  return { ok: true, template: finish(id, options, scopeCount, fields, learnedAt), withdrawal: false, next: p };
}

/** One NetFlow v9 template record (flowset id 0). v9 has neither enterprise bits nor variable lengths. */
export function parseNetflow9Template(buf: Buffer, offset: number, end: number, learnedAt: number): TemplateParse {
  if (offset + 4 > end) return { ok: false, reason: 'truncated template record header', offset };
  const id = buf.readUInt16BE(offset);
  const fieldCount = buf.readUInt16BE(offset + 2);
  if (fieldCount === 0) return { ok: false, reason: `template ${id} has no fields`, offset };
  if (fieldCount > MAX_TEMPLATE_FIELDS) return { ok: false, reason: `template ${id} has ${fieldCount} fields (limit ${MAX_TEMPLATE_FIELDS})`, offset };
  if (offset + 4 + fieldCount * 4 > end) return { ok: false, reason: `template ${id}: ${fieldCount} fields do not fit the flowset`, offset };
  const fields: TemplateField[] = [];
  let p = offset + 4;
  for (let i = 0; i < fieldCount; i++, p += 4) {
    const type = buf.readUInt16BE(p);
    const length = buf.readUInt16BE(p + 2);
    if (length === VARIABLE_LENGTH) return { ok: false, reason: `template ${id}: NetFlow v9 has no variable-length fields`, offset: p };
    const info = netflow9Element(type);
    fields.push({ id: type, pen: 0, length, name: info.name, type: info.type, scope: false, repeated: false, skip: type === PADDING_ELEMENT });
  }
  const bad = checkUsable(id, fields, offset);
  if (bad) return bad;
  return { ok: true, template: finish(id, false, 0, fields, learnedAt), withdrawal: false, next: p };
}

/** One NetFlow v9 options template record (flowset id 1): scope and option lengths are in octets. */
export function parseNetflow9OptionsTemplate(buf: Buffer, offset: number, end: number, learnedAt: number): TemplateParse {
  if (offset + 6 > end) return { ok: false, reason: 'truncated options template header', offset };
  const id = buf.readUInt16BE(offset);
  const scopeBytes = buf.readUInt16BE(offset + 2);
  const optionBytes = buf.readUInt16BE(offset + 4);
  if (scopeBytes % 4 !== 0 || optionBytes % 4 !== 0) {
    return { ok: false, reason: `options template ${id}: scope/option lengths ${scopeBytes}/${optionBytes} are not multiples of 4`, offset };
  }
  if (offset + 6 + scopeBytes + optionBytes > end) return { ok: false, reason: `options template ${id} does not fit the flowset`, offset };
  if ((scopeBytes + optionBytes) / 4 > MAX_TEMPLATE_FIELDS) return { ok: false, reason: `options template ${id} has more than ${MAX_TEMPLATE_FIELDS} fields`, offset };
  const fields: TemplateField[] = [];
  let p = offset + 6;
  const scopeCount = scopeBytes / 4;
  for (let i = 0; i < scopeCount + optionBytes / 4; i++, p += 4) {
    const type = buf.readUInt16BE(p);
    const length = buf.readUInt16BE(p + 2);
    const scope = i < scopeCount;
    const info = scope ? netflow9Scope(type, length) : netflow9Element(type);
    fields.push({ id: type, pen: 0, length, name: info.name, type: info.type, scope, repeated: false, skip: !scope && type === PADDING_ELEMENT });
  }
  if (fields.length === 0) return { ok: false, reason: `options template ${id} has no fields`, offset };
  const bad = checkUsable(id, fields, offset);
  if (bad) return bad;
  return { ok: true, template: finish(id, true, scopeCount, fields, learnedAt), withdrawal: false, next: p };
}
