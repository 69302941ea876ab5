/**
 * MISP JSON exports: a single `{"Event": {...}}`, a list of them, or the REST search shape
 * `{"response": [{"Event": ...}]}`. Attributes are read from `Event.Attribute` and from each
 * `Event.Object[].Attribute`. Only attributes with `to_ids: true` are used unless
 * `only_to_ids` is off (MISP's own flag for "fit for automated detection"). Composite types
 * (`domain|ip`, `ip-dst|port`, `filename|sha256`) contribute the part that is an indicator.
 * MISP has no expiry field; attributes with `deleted: true` are skipped.
 */
import { type FeedLimits, FeedCollector, type FeedParseResult, isObject, parseJsonFeed } from './feed-result.js';
import { ipIndicatorType, type IndicatorType } from './indicator.js';

/** MISP attribute type → what its value (or the given part of a composite) is. */
const MISP_TYPES: Record<string, { type: IndicatorType | 'ip-any'; part?: 0 | 1 }> = {
  'ip-src': { type: 'ip-any' },
  'ip-dst': { type: 'ip-any' },
  'ip-src|port': { type: 'ip-any', part: 0 },
  'ip-dst|port': { type: 'ip-any', part: 0 },
  domain: { type: 'domain' },
  hostname: { type: 'domain' },
  'domain|ip': { type: 'domain', part: 0 },
  'hostname|port': { type: 'domain', part: 0 },
  url: { type: 'url' },
  uri: { type: 'url' },
  md5: { type: 'md5' },
  sha1: { type: 'sha1' },
  sha256: { type: 'sha256' },
  'filename|md5': { type: 'md5', part: 1 },
  'filename|sha1': { type: 'sha1', part: 1 },
  'filename|sha256': { type: 'sha256', part: 1 },
};

export interface MispOptions {
  only_to_ids: boolean;
}

export function parseMispExport(text: string, feed: string, limits: FeedLimits, opts: MispOptions): FeedParseResult {
  const c = new FeedCollector(feed, limits);
  const parsed = parseJsonFeed(text, limits, c);
  if (!parsed) return c.result;
  const { doc } = parsed;
  const events: { at: string; event: unknown }[] = [];
  if (isObject(doc) && 'Event' in doc) events.push({ at: '$.Event', event: doc.Event });
  else if (isObject(doc) && Array.isArray(doc.response)) doc.response.forEach((r, k) => events.push({ at: `$.response[${k}].Event`, event: isObject(r) ? r.Event : undefined }));
  else if (Array.isArray(doc)) doc.forEach((r, k) => events.push({ at: `$[${k}].Event`, event: isObject(r) ? r.Event : undefined }));
  else c.error('$', 'not a MISP export (no "Event")');
  for (const { at, event } of events) {
    if (!isObject(event)) {
      c.error(at, 'missing Event object');
      continue;
    }
    const info = typeof event.info === 'string' ? event.info : undefined;
    readAttributes(c, event.Attribute, `${at}.Attribute`, info, opts);
    if (Array.isArray(event.Object)) {
      event.Object.forEach((o, k) => {
        if (isObject(o)) readAttributes(c, o.Attribute, `${at}.Object[${k}].Attribute`, info, opts);
      });
    }
  }
  return c.result;
}

function readAttributes(c: FeedCollector, list: unknown, at: string, info: string | undefined, opts: MispOptions): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) return c.error(at, 'not an array');
  list.forEach((a, k) => {
    const here = `${at}[${k}]`;
    if (!isObject(a)) return c.error(here, 'not an object');
    if (a.deleted === true) return c.skip('deleted');
    const kind = typeof a.type === 'string' ? MISP_TYPES[a.type] : undefined;
    if (!kind) return c.skip(`type ${String(a.type)}`);
    // MISP exports to_ids as a boolean, older ones as "0"/"1".
    const toIds = a.to_ids === true || a.to_ids === '1' || a.to_ids === 1;
    if (opts.only_to_ids && !toIds) return c.skip('to_ids false');
    if (typeof a.value !== 'string') return c.error(`${here}.value`, 'missing value');
    const parts = a.value.split('|');
    const raw = kind.part === undefined ? a.value : parts[kind.part];
    if (raw === undefined) return c.error(`${here}.value`, `'${a.value}' has no part ${kind.part} for type ${String(a.type)}`);
    const type = kind.type === 'ip-any' ? ipIndicatorType(raw) : kind.type;
    const ref = typeof a.uuid === 'string' ? a.uuid : here;
    const comment = typeof a.comment === 'string' && a.comment !== '' ? a.comment : undefined;
    c.add(`${here}.value`, type, raw, { ref, description: comment ?? info });
  });
}
