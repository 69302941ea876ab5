/**
 * Flattens a nested JSON object into dotted field names, the way Elasticsearch indexes
 * objects: `{user:{name:"a"}}` → `user.name`, and arrays of objects become multi-valued
 * fields (`{ips:[{a:1},{a:2}]}` → `ips.a: [1, 2]`).
 */
import type { EcsFields, FieldValue, Scalar } from '../../core/event.js';

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function add(out: Map<string, Scalar[]>, key: string, value: Scalar): void {
  const list = out.get(key);
  if (list) list.push(value);
  else out.set(key, [value]);
}

function walk(value: unknown, prefix: string, out: Map<string, Scalar[]>, arrays: Set<string>): void {
  if (isScalar(value)) {
    if (prefix) add(out, prefix, value);
    return;
  }
  if (Array.isArray(value)) {
    arrays.add(prefix);
    for (const item of value) walk(item, prefix, out, arrays);
    return;
  }
  if (typeof value === 'object') {
    for (const k of Object.keys(value as object)) {
      walk((value as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k, out, arrays);
    }
  }
}

export function flattenObject(obj: Record<string, unknown>, skip?: string): EcsFields {
  // Fast path: already-flat records (dotted keys, scalar values) are the common case at ingest
  // rates and need no path bookkeeping.
  let flat = true;
  for (const k in obj) {
    const v = obj[k];
    if (v !== null && typeof v === 'object' && !(Array.isArray(v) && v.every(isScalar))) {
      flat = false;
      break;
    }
  }
  if (flat) {
    // Object rest/spread copies the parsed object's shape: V8 keeps the copy in fast mode,
    // where adding ~30 keys one by one turns it into a dictionary, costing ~7 µs a record
    // to build and more in every later walk over the fields (docs/adr/0005-typed-chunk-appends.md).
    if (skip === undefined) return { ...obj } as EcsFields;
    const { [skip]: _omitted, ...out } = obj;
    return out as EcsFields;
  }
  const collected = new Map<string, Scalar[]>();
  const arrays = new Set<string>();
  for (const k of Object.keys(obj)) {
    if (k === skip) continue;
    walk(obj[k], k, collected, arrays);
  }
  const out: EcsFields = {};
  for (const [k, values] of collected) {
    // A path is multi-valued if it came from an array anywhere along it.
    let fromArray = values.length > 1;
    if (!fromArray) for (const a of arrays) if (k === a || k.startsWith(`${a}.`)) fromArray = true;
    out[k] = (fromArray ? values : values[0]) as FieldValue;
  }
  return out;
}
