/**
 * The vocabulary of the table-driven EVE → ECS mapping. A rule names a path inside the EVE
 * record (`tls.ja3.hash`, `dns.queries.0.rrname`; numeric segments index arrays), the ECS
 * field it fills, and an optional conversion. Paths are checked against Suricata's
 * schema.json by a test, so a typo in a table fails the build rather than silently mapping
 * nothing.
 */
import type { EcsFields, FieldValue, Scalar } from '../../core/event.js';
import { eveTimestampToIso } from './eve-time.js';

export type EveConvert =
  | 'value'
  | 'string'
  | 'lower'
  | 'upper'
  | 'iso' // EVE timestamp or certificate date → ISO 8601
  | 'mac' // aa:bb:.. → AA-BB-.. (ECS)
  | 'hexNoColons' // certificate fingerprints/serials: 8f:51:.. → 8F51..
  | 'tlsVersion' // `TLS 1.2` → `1.2`
  | 'httpVersion' // `HTTP/1.1` → `1.1`
  | 'outcome';

export type EveRule = readonly [path: string, ecs: string, convert?: EveConvert];

export type EveRecord = Record<string, unknown>;

export interface EveTypeMapping {
  kind?: 'event' | 'alert' | 'metric';
  category: readonly string[];
  type: readonly string[];
  /** `network.protocol` this event type implies, when `app_proto` is absent. */
  protocol?: string;
  rules: readonly EveRule[];
  derive?: (rec: EveRecord, out: EcsFields) => void;
}

/** Value at a dotted path; numeric segments index arrays. */
export function getPath(rec: unknown, path: string): unknown {
  let cur: unknown = rec;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = cur[Number(seg)];
    } else if (typeof cur === 'object') {
      cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
    } else {
      return undefined;
    }
  }
  return cur;
}

export function macToEcs(mac: string): string {
  return /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/.test(mac) ? mac.replace(/:/g, '-').toUpperCase() : mac;
}

function tlsVersion(v: string): string | undefined {
  const m = /^(?:TLS|DTLS)\s*v?(\d\.\d)$/i.exec(v.trim());
  if (m) return m[1];
  const ssl = /^SSL\s*v?(\d)(?:\.(\d))?$/i.exec(v.trim());
  return ssl ? `${ssl[1]}.${ssl[2] ?? '0'}` : undefined;
}

function outcome(v: Scalar): string | undefined {
  if (typeof v === 'boolean') return v ? 'success' : 'failure';
  const s = String(v).toLowerCase();
  if (s === 'success' || s === 'status_success' || s === 'nfs3_ok' || s === 'ok') return 'success';
  if (s === 'failure' || s === 'failed' || s === 'fail') return 'failure';
  return undefined;
}

function convertScalar(v: unknown, how: EveConvert): Scalar | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  switch (how) {
    case 'value':
      return v;
    case 'string':
      return String(v);
    case 'lower':
      return String(v).toLowerCase();
    case 'upper':
      return String(v).toUpperCase();
    case 'iso':
      return typeof v === 'string' ? eveTimestampToIso(v) : undefined;
    case 'mac':
      return macToEcs(String(v));
    case 'hexNoColons':
      return String(v).replace(/:/g, '').toUpperCase();
    case 'tlsVersion':
      return tlsVersion(String(v));
    case 'httpVersion': {
      const m = /^HTTP\/(\d(?:\.\d)?)$/i.exec(String(v));
      return m ? m[1] : undefined;
    }
    case 'outcome':
      return outcome(v);
  }
}

export function convertEve(value: unknown, how: EveConvert = 'value'): FieldValue | undefined {
  if (Array.isArray(value)) {
    const items: Scalar[] = [];
    for (const x of value) {
      const c = convertScalar(x, how);
      if (c !== undefined) items.push(c);
    }
    return items.length > 0 ? items : undefined;
  }
  return convertScalar(value, how);
}

/** Apply rules in order; the first rule to fill an ECS field wins. */
export function applyEveRules(rec: EveRecord, rules: readonly EveRule[], out: EcsFields): void {
  for (const [path, ecs, how] of rules) {
    if (out[ecs] !== undefined) continue;
    const v = getPath(rec, path);
    if (v === undefined) continue;
    const c = convertEve(v, how);
    if (c !== undefined) out[ecs] = c;
  }
}

export function appendUnique(out: EcsFields, field: string, values: readonly unknown[]): void {
  const existing = out[field];
  const list: Scalar[] = Array.isArray(existing) ? existing.slice() : existing === undefined ? [] : [existing];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    if (v === '' || list.includes(v)) continue;
    list.push(v);
  }
  if (list.length > 0) out[field] = list;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function asObject(v: unknown): EveRecord | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as EveRecord) : undefined;
}
