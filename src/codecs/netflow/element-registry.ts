/**
 * Information element lookup: the IANA registry (as data), the RFC 5103 reverse elements,
 * a few vendor tables, and the naming rule for everything else.
 *
 * Native field names follow IANA (`sourceIPv4Address`, `octetDeltaCount`) for IPFIX and
 * for NetFlow v9 alike: v9 field types below 32768 share their numbers with IPFIX
 * elements. Unknown enterprise elements keep their enterprise number in the name
 * (`ipfix.e<PEN>.<id>`) so that two vendors' element 1 never collide.
 */
import { IANA_ELEMENTS_1_255 } from './iana-elements-1.js';
import { IANA_ELEMENTS_256_UP } from './iana-elements-2.js';
import { NETSCALER_ELEMENTS, NETSCALER_PEN } from './vendor-elements.js';

/** IPFIX abstract data types (RFC 7011 §6.1, RFC 6313 for the list types). */
export type IeType =
  | 'octetArray'
  | 'unsigned8'
  | 'unsigned16'
  | 'unsigned32'
  | 'unsigned64'
  | 'signed8'
  | 'signed16'
  | 'signed32'
  | 'signed64'
  | 'float32'
  | 'float64'
  | 'boolean'
  | 'macAddress'
  | 'string'
  | 'dateTimeSeconds'
  | 'dateTimeMilliseconds'
  | 'dateTimeMicroseconds'
  | 'dateTimeNanoseconds'
  | 'ipv4Address'
  | 'ipv6Address'
  | 'basicList'
  | 'subTemplateList'
  | 'subTemplateMultiList';

export interface ElementInfo {
  name: string;
  type: IeType;
}

/** Abbreviations used in the registry data files. */
const TYPE_CODES: Record<string, IeType> = {
  oct: 'octetArray',
  u8: 'unsigned8',
  u16: 'unsigned16',
  u32: 'unsigned32',
  u64: 'unsigned64',
  s8: 'signed8',
  s16: 'signed16',
  s32: 'signed32',
  s64: 'signed64',
  f32: 'float32',
  f64: 'float64',
  bool: 'boolean',
  mac: 'macAddress',
  str: 'string',
  dts: 'dateTimeSeconds',
  dtms: 'dateTimeMilliseconds',
  dtus: 'dateTimeMicroseconds',
  dtns: 'dateTimeNanoseconds',
  ip4: 'ipv4Address',
  ip6: 'ipv6Address',
  bl: 'basicList',
  stl: 'subTemplateList',
  stml: 'subTemplateMultiList',
};

/** Parses `id name type` lines into a map; throws at load time on a typo in the data. */
export function parseElementTable(text: string): Map<number, ElementInfo> {
  const table = new Map<number, ElementInfo>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const [idText, name, code] = trimmed.split(/\s+/);
    const id = Number(idText);
    const type = TYPE_CODES[code ?? ''];
    if (!Number.isInteger(id) || !name || !type) throw new Error(`bad element table line: ${trimmed}`);
    table.set(id, { name, type });
  }
  return table;
}

const IANA = parseElementTable(IANA_ELEMENTS_1_255 + IANA_ELEMENTS_256_UP);

/** RFC 5103 biflow: PEN 29305 element N is the reverse-direction twin of IANA element N. */
export const REVERSE_PEN = 29305;

/**
 * Cisco NetFlow v9 field types above 32767 (ASA NSEL and friends). v9 has no enterprise
 * bit, so these numbers are global in v9 only; they would mean something else in IPFIX.
 */
const NETFLOW9_VENDOR = parseElementTable(`
33000 ciscoIngressAclId oct
33001 ciscoEgressAclId oct
33002 ciscoFwExtEvent u16
40000 ciscoUsername str
40001 ciscoXlateSrcAddrIPv4 ip4
40002 ciscoXlateDstAddrIPv4 ip4
40003 ciscoXlateSrcPort u16
40004 ciscoXlateDstPort u16
40005 ciscoFwEvent u8
`);

const ENTERPRISE_TABLES = new Map<number, Map<number, ElementInfo>>([[NETSCALER_PEN, parseElementTable(NETSCALER_ELEMENTS)]]);

/** NetFlow v9 options scope field types (RFC 3954 §6.1): not information elements. */
const NETFLOW9_SCOPES: Record<number, string> = {
  1: 'scopeSystem',
  2: 'scopeInterface',
  3: 'scopeLineCard',
  4: 'scopeCache',
  5: 'scopeTemplate',
};

export function ianaElement(id: number): ElementInfo | undefined {
  return IANA.get(id);
}

/** Describes an IPFIX element; `pen` 0 means IANA. Unknown elements are octet arrays. */
export function ipfixElement(id: number, pen: number): ElementInfo {
  if (pen === 0) return IANA.get(id) ?? { name: `ipfix.${id}`, type: 'octetArray' };
  if (pen === REVERSE_PEN) {
    const forward = IANA.get(id);
    if (forward) return { name: `reverse${forward.name[0].toUpperCase()}${forward.name.slice(1)}`, type: forward.type };
  }
  const vendor = ENTERPRISE_TABLES.get(pen)?.get(id);
  if (vendor) return { name: `ipfix.e${pen}.${id}`, type: vendor.type };
  return { name: `ipfix.e${pen}.${id}`, type: 'octetArray' };
}

/** Describes a NetFlow v9 field type. */
export function netflow9Element(id: number): ElementInfo {
  return IANA.get(id) ?? NETFLOW9_VENDOR.get(id) ?? { name: `netflow9.${id}`, type: 'octetArray' };
}

/** Describes a NetFlow v9 options scope field. */
export function netflow9Scope(type: number, length: number): ElementInfo {
  const name = NETFLOW9_SCOPES[type] ?? `scope${type}`;
  return { name, type: length >= 1 && length <= 8 ? 'unsigned64' : 'octetArray' };
}

/** The vendor's own name of an enterprise element, when a vendor table knows it. */
export function enterpriseElementLabel(pen: number, id: number): string | undefined {
  return ENTERPRISE_TABLES.get(pen)?.get(id)?.name;
}
