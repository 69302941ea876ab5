/**
 * CEF → ECS. Standard extension keys (short and full dictionary names) map to the ECS field
 * analysts expect, typed: addresses must parse as IPs, ports as 0–65535, byte counts as
 * integers; a value that does not fit is left in `native` only, with a warning. Custom
 * `csN`/`cnN`/`cfpN`/`c6aN`/`deviceCustomDateN`/`flexStringN` pairs are resolved through their
 * `…Label` keys so `cs1Label=Rule cs1=Block` reads as `{ Rule: "Block" }`.
 */
import { isIP } from 'node:net';
import { isIPv4Text } from '../ip-text.js';
import type { EcsFields } from '../../core/index.js';
import type { CefRecord } from './parse-cef.js';
import { type EcsSetter, ecsSetter } from './ecs-setters.js';

type Kind = 'string' | 'ip' | 'port' | 'int' | 'lower' | 'time' | 'outcome' | 'direction';

/** [short key, full key, ECS field, kind] */
const MAPPINGS: ReadonlyArray<readonly [string, string, string, Kind]> = [
  ['act', 'deviceAction', 'event.action', 'string'],
  ['app', 'applicationProtocol', 'network.protocol', 'lower'],
  ['deviceDirection', 'deviceDirection', 'network.direction', 'direction'],
  ['dhost', 'destinationHostName', 'destination.domain', 'string'],
  ['dmac', 'destinationMacAddress', 'destination.mac', 'string'],
  ['dpid', 'destinationProcessId', 'process.pid', 'int'],
  ['dproc', 'destinationProcessName', 'process.name', 'string'],
  ['dpt', 'destinationPort', 'destination.port', 'port'],
  ['dst', 'destinationAddress', 'destination.ip', 'ip'],
  ['destinationTranslatedAddress', 'destinationTranslatedAddress', 'destination.nat.ip', 'ip'],
  ['destinationTranslatedPort', 'destinationTranslatedPort', 'destination.nat.port', 'port'],
  ['duid', 'destinationUserId', 'destination.user.id', 'string'],
  ['duser', 'destinationUserName', 'destination.user.name', 'string'],
  ['dvc', 'deviceAddress', 'observer.ip', 'ip'],
  ['dvchost', 'deviceHostName', 'observer.hostname', 'string'],
  ['dvcmac', 'deviceMacAddress', 'observer.mac', 'string'],
  ['deviceInboundInterface', 'deviceInboundInterface', 'observer.ingress.interface.name', 'string'],
  ['deviceOutboundInterface', 'deviceOutboundInterface', 'observer.egress.interface.name', 'string'],
  ['dtz', 'deviceTimeZone', 'event.timezone', 'string'],
  ['end', 'endTime', 'event.end', 'time'],
  ['start', 'startTime', 'event.start', 'time'],
  ['externalId', 'externalId', 'event.id', 'string'],
  ['fname', 'fileName', 'file.name', 'string'],
  ['filePath', 'filePath', 'file.path', 'string'],
  ['fsize', 'fileSize', 'file.size', 'int'],
  ['in', 'bytesIn', 'source.bytes', 'int'],
  ['out', 'bytesOut', 'destination.bytes', 'int'],
  ['outcome', 'eventOutcome', 'event.outcome', 'outcome'],
  ['proto', 'transportProtocol', 'network.transport', 'lower'],
  ['reason', 'reason', 'event.reason', 'string'],
  ['request', 'requestUrl', 'url.original', 'string'],
  ['requestClientApplication', 'requestClientApplication', 'user_agent.original', 'string'],
  ['requestMethod', 'requestMethod', 'http.request.method', 'string'],
  ['shost', 'sourceHostName', 'source.domain', 'string'],
  ['smac', 'sourceMacAddress', 'source.mac', 'string'],
  ['spt', 'sourcePort', 'source.port', 'port'],
  ['src', 'sourceAddress', 'source.ip', 'ip'],
  ['sourceTranslatedAddress', 'sourceTranslatedAddress', 'source.nat.ip', 'ip'],
  ['sourceTranslatedPort', 'sourceTranslatedPort', 'source.nat.port', 'port'],
  ['suid', 'sourceUserId', 'source.user.id', 'string'],
  ['suser', 'sourceUserName', 'source.user.name', 'string'],
];

/** A mapping with its setter resolved at load: a store with a literal key, no lookup by name per value. */
interface Mapping {
  field: string;
  kind: Kind;
  set: EcsSetter;
}

const BY_KEY = new Map<string, Mapping>();
for (const m of MAPPINGS) {
  const mapping: Mapping = { field: m[2], kind: m[3], set: ecsSetter(m[2]) };
  BY_KEY.set(m[0], mapping);
  BY_KEY.set(m[1], mapping);
}

/**
 * The custom keys, every one (`cs1`…`cs6`, `cn1`…`cn3`, `cfp1`…`cfp4`, `c6a1`…`c6a4`,
 * `flexString1`/`2`, `flexNumber1`/`2`, `flexDate1`, `deviceCustomDate1`/`2`): a set lookup
 * per key rather than a regex test.
 */
const CUSTOM_KEYS = new Set<string>();
for (const [prefix, n] of [['cs', 6], ['cn', 3], ['cfp', 4], ['c6a', 4], ['flexString', 2], ['flexNumber', 2], ['flexDate', 1], ['deviceCustomDate', 2]] as const) {
  for (let i = 1; i <= n; i++) CUSTOM_KEYS.add(`${prefix}${i}`);
}

/** `^\d{min,max}$` (with an optional leading `-` when `signed`) without a regex. */
function isDigits(v: string, max: number, signed: boolean): boolean {
  const start = signed && v.charCodeAt(0) === 45 ? 1 : 0;
  const n = v.length - start;
  if (n < 1 || n > max) return false;
  for (let i = start; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const RELATED_IP_FIELDS = ['source.ip', 'destination.ip', 'source.nat.ip', 'destination.nat.ip'];

export interface CefMappingOptions {
  /** Parses CEF time values (epoch ms or `MMM dd yyyy HH:mm:ss…`); injected so the codec stays clock-free. */
  parseTime(text: string): number | undefined;
}

export interface CefMapping {
  fields: EcsFields;
  /** Event time from `rt` (receipt time), when present and readable. */
  ts?: number;
  /** Custom fields resolved through their labels. */
  custom: Record<string, string>;
  warnings: string[];
}

function convert(kind: Kind, value: string, opts: CefMappingOptions): string | number | undefined {
  switch (kind) {
    case 'string':
      return value;
    case 'lower':
      return value.toLowerCase();
    case 'ip':
      // Most addresses are IPv4: a character scan first, isIP's regexes for the rest.
      return isIPv4Text(value) || isIP(value) ? value : undefined;
    case 'port': {
      // isDigits checked 1–5 digits: their value, summed (no string-to-double conversion).
      if (!isDigits(value, 5, false)) return undefined;
      let n = 0;
      for (let i = 0; i < value.length; i++) n = n * 10 + (value.charCodeAt(i) - 48);
      return n <= 65535 ? n : undefined;
    }
    case 'int':
      return isDigits(value, 15, true) ? Number(value) : undefined;
    case 'time': {
      const t = opts.parseTime(value);
      return t === undefined ? undefined : new Date(t).toISOString();
    }
    case 'outcome': {
      const v = value.toLowerCase();
      if (/^(success|succeeded|successful|allow(ed)?|pass(ed)?)$/.test(v)) return 'success';
      if (/^(fail|failed|failure|deny|denied|block(ed)?|reject(ed)?)$/.test(v)) return 'failure';
      return v === 'unknown' ? 'unknown' : undefined;
    }
    case 'direction':
      return value === '0' ? 'inbound' : value === '1' ? 'outbound' : undefined;
  }
}

/** Writes into `fields` (a fresh object, or the record's header fields, which it extends in place). */
export function cefToEcs(rec: CefRecord, opts: CefMappingOptions, fields: EcsFields = {}): CefMapping {
  fields['event.kind'] = 'event';
  fields['event.module'] = 'cef';
  fields['observer.vendor'] = rec.deviceVendor;
  fields['observer.product'] = rec.deviceProduct;
  fields['observer.version'] = rec.deviceVersion;
  fields['event.code'] = rec.signatureId;
  const warnings: string[] = [];
  const sev = rec.severity;
  if (sev === '10' || (sev.length === 1 && sev >= '0' && sev <= '9')) fields['event.severity'] = Number(sev);
  const ext = rec.extensions;
  let customs = false;
  for (const key in ext) {
    const m = BY_KEY.get(key);
    if (m === undefined) {
      if (!customs && CUSTOM_KEYS.has(key)) customs = true;
      continue;
    }
    const value = ext[key];
    if (value === '') continue;
    const v = convert(m.kind, value, opts);
    if (v === undefined) warnings.push(`CEF ${key}="${value.slice(0, 64)}" is not a valid ${m.kind}`);
    else m.set(fields, v);
  }
  const url = fields['url.original'];
  if (typeof url === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) fields['url.full'] = url;
  const message = ext.msg ?? ext.message;
  fields.message = message !== undefined && message !== '' ? message : rec.name;
  const custom: Record<string, string> = {};
  // Custom pairs are rarer than mapped keys: the second pass only when the first saw one.
  if (customs) for (const key in ext) {
    if (!CUSTOM_KEYS.has(key)) continue;
    const label = ext[`${key}Label`];
    const name = label !== undefined && label !== '' ? label : key;
    if (name === '__proto__') continue;
    custom[name] = ext[key];
  }
  // Arrays only when there is something to relate: most events have IPs, fewer have users.
  let related: string[] | undefined;
  for (const f of RELATED_IP_FIELDS) {
    const ip = fields[f];
    if (typeof ip !== 'string') continue;
    if (!related) related = [ip];
    else if (!related.includes(ip)) related.push(ip);
  }
  if (related) fields['related.ip'] = related;
  const srcUser = fields['source.user.name'];
  const dstUser = fields['destination.user.name'];
  if (typeof srcUser === 'string') fields['related.user'] = typeof dstUser === 'string' && dstUser !== srcUser ? [srcUser, dstUser] : [srcUser];
  else if (typeof dstUser === 'string') fields['related.user'] = [dstUser];
  const rt = ext.rt ?? ext.receiptTime;
  const ts = rt !== undefined ? opts.parseTime(rt) : undefined;
  if (rt !== undefined && ts === undefined) warnings.push(`CEF rt="${rt.slice(0, 64)}" is not a readable time`);
  return { fields, ts, custom, warnings };
}
