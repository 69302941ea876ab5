/**
 * The vocabulary of the table-driven Zeek → ECS mapping: a rule copies one Zeek column to
 * one ECS field, optionally through a named conversion. Tables stay data; the conversions
 * that need code live here, once.
 */
import type { EcsFields, FieldValue, Scalar } from '../../core/event.js';
import type { ZeekValue } from './record.js';

export type Convert =
  | 'value' // as is (arrays stay arrays, nulls dropped)
  | 'string' // scalar to string (e.g. a numeric id into a keyword field)
  | 'first' // first element of a set/vector
  | 'ns' // interval seconds → ECS duration nanoseconds
  | 'iso' // epoch seconds → ISO 8601 date string
  | 'mac' // `00:0c:29:...` → ECS `00-0C-29-...`
  | 'outcome' // bool or Zeek's result words → success | failure
  | 'lower'
  | 'upper'
  | 'tlsVersion'; // `TLSv12` → `1.2`

/** [zeek column, ecs field, conversion] */
export type Rule = readonly [string, string, Convert?];

export interface LogMapping {
  category: readonly string[];
  type: readonly string[];
  kind?: 'event' | 'alert' | 'metric' | 'state';
  /** `network.protocol` when the log implies one (dns.log is always DNS). */
  protocol?: string;
  rules: readonly Rule[];
  /** Fields that need more than one column (url.full, dns.header_flags, ...). */
  derive?: (rec: Readonly<Record<string, ZeekValue>>, out: EcsFields) => void;
}

export function str(v: ZeekValue | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function num(v: ZeekValue | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

export function list(v: ZeekValue | undefined): Scalar[] {
  return Array.isArray(v) ? v.filter((x) => x !== null) : v === undefined ? [] : [v];
}

function scalarString(v: Scalar): string {
  return typeof v === 'string' ? v : String(v);
}

export function macToEcs(mac: string): string {
  return /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/.test(mac) ? mac.replace(/:/g, '-').toUpperCase() : mac;
}

export function epochSecondsToIso(seconds: number): string | undefined {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

const SUCCESS_WORDS = new Set(['success', 'succeeded', 'ok', 'accepted', 't', 'true']);
const FAILURE_WORDS = new Set(['failure', 'failed', 'fail', 'rejected', 'denied', 'f', 'false']);

function outcome(v: Scalar): string | undefined {
  if (typeof v === 'boolean') return v ? 'success' : 'failure';
  const w = scalarString(v).toLowerCase();
  if (SUCCESS_WORDS.has(w)) return 'success';
  if (FAILURE_WORDS.has(w)) return 'failure';
  return undefined;
}

function tlsVersion(v: string): string | undefined {
  // Zeek: SSLv3, TLSv10, TLSv11, TLSv12, TLSv13, DTLSv10, DTLSv12
  const m = /^D?TLSv1(\d)$/.exec(v);
  if (m) return `1.${m[1]}`;
  if (v === 'SSLv3') return '3.0';
  if (v === 'SSLv2') return '2.0';
  return undefined;
}

function convertScalar(v: Scalar, how: Convert): Scalar | undefined {
  if (v === null) return undefined;
  switch (how) {
    case 'value':
    case 'first':
      return v;
    case 'string':
      return scalarString(v);
    case 'ns':
      return typeof v === 'number' ? Math.round(v * 1e9) : undefined;
    case 'iso':
      return typeof v === 'number' ? epochSecondsToIso(v) : undefined;
    case 'mac':
      return macToEcs(scalarString(v));
    case 'outcome':
      return outcome(v);
    case 'lower':
      return scalarString(v).toLowerCase();
    case 'upper':
      return scalarString(v).toUpperCase();
    case 'tlsVersion':
      return tlsVersion(scalarString(v));
  }
}

export function convert(value: ZeekValue, how: Convert = 'value'): FieldValue | undefined {
  if (Array.isArray(value)) {
    if (how === 'first') {
      const first = value.find((x) => x !== null);
      return first === undefined ? undefined : convertScalar(first, 'value');
    }
    const items: Scalar[] = [];
    for (const x of value) {
      const c = x === null ? undefined : convertScalar(x, how);
      if (c !== undefined) items.push(c);
    }
    return items.length > 0 ? items : undefined;
  }
  return convertScalar(value, how);
}

/** Apply rules; a later rule does not overwrite a field an earlier one set. */
export function applyRules(rec: Readonly<Record<string, ZeekValue>>, rules: readonly Rule[], out: EcsFields): void {
  for (const [from, to, how] of rules) {
    const v = rec[from];
    if (v === undefined || out[to] !== undefined) continue;
    const c = convert(v, how);
    if (c !== undefined) out[to] = c;
  }
}

/** Add values to an ECS array field (related.ip, related.user), without duplicates. */
export function appendUnique(out: EcsFields, field: string, values: ReadonlyArray<Scalar | undefined>): void {
  const existing = out[field];
  const list: Scalar[] = Array.isArray(existing) ? existing.slice() : existing === undefined ? [] : [existing];
  for (const v of values) {
    if (v === undefined || v === null || v === '') continue;
    if (!list.includes(v)) list.push(v);
  }
  if (list.length > 0) out[field] = list;
}
