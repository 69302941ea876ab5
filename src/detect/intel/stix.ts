/**
 * STIX 2.1 bundles: `{"type": "bundle", "objects": [...]}`. Only `indicator` objects with
 * `pattern_type` 'stix' are read (other objects are skipped and counted). `valid_until` is the
 * expiry; `revoked: true` indicators are skipped; `name` or `description` explains the hit.
 * A bare array of objects or a single indicator object is accepted too.
 */
import { type FeedLimits, FeedCollector, type FeedParseResult, isObject, parseJsonFeed } from './feed-result.js';
import { ipIndicatorType } from './indicator.js';
import { parseStixPattern } from './stix-pattern.js';

export function parseStixBundle(text: string, feed: string, limits: FeedLimits): FeedParseResult {
  const c = new FeedCollector(feed, limits);
  const parsed = parseJsonFeed(text, limits, c);
  if (!parsed) return c.result;
  const { doc } = parsed;
  let objects: unknown[];
  let base: string;
  if (Array.isArray(doc)) [objects, base] = [doc, '$'];
  else if (isObject(doc) && Array.isArray(doc.objects)) [objects, base] = [doc.objects, '$.objects'];
  else if (isObject(doc) && doc.type === 'indicator') [objects, base] = [[doc], '$'];
  else {
    c.error('$', 'not a STIX bundle (no "objects" array)');
    return c.result;
  }
  objects.forEach((o, k) => {
    const at = `${base}[${k}]`;
    if (!isObject(o)) return c.error(at, 'not an object');
    if (o.type !== 'indicator') return c.skip(`type ${String(o.type)}`);
    if (o.revoked === true) return c.skip('revoked');
    if (o.pattern_type !== undefined && o.pattern_type !== 'stix') return c.skip(`pattern_type ${String(o.pattern_type)}`);
    if (typeof o.pattern !== 'string') return c.error(`${at}.pattern`, 'missing pattern');
    let expires: number | undefined;
    if (o.valid_until !== undefined) {
      expires = typeof o.valid_until === 'string' ? Date.parse(o.valid_until) : Number.NaN;
      if (Number.isNaN(expires)) return c.error(`${at}.valid_until`, `not a timestamp: ${JSON.stringify(o.valid_until)}`);
    }
    const terms = parseStixPattern(o.pattern);
    if ('error' in terms) return c.error(`${at}.pattern`, terms.error);
    const ref = typeof o.id === 'string' ? o.id : at;
    const description = typeof o.name === 'string' ? o.name : typeof o.description === 'string' ? o.description : undefined;
    for (const t of terms) {
      const type = t.type === 'ip' ? ipIndicatorType(t.value) : t.type;
      c.add(`${at}.pattern`, type, t.value, { ref, description, expires_ms: expires });
    }
  });
  return c.result;
}
