/** JSON text of the stored JSON columns (`fields`, `native`, `meta`), shared by both append paths. */
import type { VigilEvent } from '../../core/event.js';

export const EMPTY_JSON = '{}';

/** JSON text of an object; `{}` without serialising when it has no keys (the common native record of generic JSON). */
export function jsonText(value: object): string {
  for (const _ in value) return JSON.stringify(value);
  return EMPTY_JSON;
}

/** The `meta` column: only what has no column of its own (warnings, raw text). */
export function metaText(m: VigilEvent['meta']): string {
  const warnings = m.warnings && m.warnings.length ? m.warnings : undefined;
  if (!warnings && m.raw === undefined) return EMPTY_JSON;
  return JSON.stringify({ ...(warnings ? { warnings } : {}), ...(m.raw !== undefined ? { raw: m.raw } : {}) });
}

/** JSON-escaped `"key":` per field name: names repeat across events, so escaping is paid once. */
const keyPrefixes = new Map<string, string>();
const MAX_CACHED_KEYS = 8192;

export function jsonKeyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    // Field names come from input: the cap keeps odd input from growing the cache without bound.
    if (keyPrefixes.size < MAX_CACHED_KEYS) keyPrefixes.set(key, prefix);
  }
  return prefix;
}
