/**
 * Case folding one UTF-16 unit at a time, as the literal scans do (they never lower-case a whole
 * value). For ASCII this is A-Z → a-z; other units go through `toLowerCase`, keeping the first
 * unit when lower-casing yields more (U+0130). prefilter.ts keeps out of the indexes the literals
 * for which this differs from lower-casing the whole value.
 */
const cache = new Map<number, number>();
const MAX_CACHED = 4096;

export function foldUnit(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  let f = cache.get(code);
  if (f === undefined) {
    f = String.fromCharCode(code).toLowerCase().charCodeAt(0);
    if (cache.size < MAX_CACHED) cache.set(code, f);
  }
  return f;
}
