/** Reading parsed JSON records: plain objects, and values at dotted paths through them. */

/** The value as a plain object (not null, not an array), else undefined. */
export function asObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The value at a dotted path through nested objects (`userIdentity.sessionContext.sessionIssuer.type`). */
export function atPath(o: Record<string, unknown>, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    const c = asObject(cur);
    if (!c) return undefined;
    cur = c[k];
  }
  return cur;
}
