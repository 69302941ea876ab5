/** Small helpers the MDM adapters share: reading loosely typed vendor JSON without guessing. */
export type Obj = Record<string, unknown>;

export type Adapted = { ok: true; report: Record<string, unknown>; native: Obj } | { ok: false; reason: string; native: unknown };

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Vendors spell booleans as true, "true", "True", "Yes"; anything else is unknown (null). */
export function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'yes') return true;
    if (s === 'false' || s === 'no') return false;
  }
  return null;
}

/** An ISO time from an ISO string or epoch milliseconds. */
export function isoTime(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return new Date(v).toISOString();
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  return undefined;
}

/** Drops undefined values so that the strict schema sees only what the vendor sent. */
export function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = isObj(v) ? compact(v) : v;
  }
  return out;
}

/** Apple platform from an OS name or model name. */
export function applePlatform(os: string | undefined, model: string | undefined): string {
  const s = `${os ?? ''} ${model ?? ''}`.toLowerCase();
  if (s.includes('ipad')) return 'ipados';
  if (s.includes('tvos') || s.includes('apple tv') || s.includes('appletv')) return 'tvos';
  if (s.includes('watch')) return 'watchos';
  if (s.includes('vision')) return 'visionos';
  if (s.includes('mac')) return 'macos';
  return 'ios';
}
