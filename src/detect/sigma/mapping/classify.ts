/**
 * Which Sigma logsource an event belongs to. Decided, in order, by:
 *  1. a Windows record (evtx_dump, flattened or winlogbeat shape): product from the record kind,
 *     service from the channel, categories from channel + EventID (windows-data.ts);
 *  2. the logsource the event declares (`meta.logsource`, set by Vigil's codecs or by
 *     `vigil hunt --logsource`);
 *  3. the record recognisers of generic-data.ts (CloudTrail, Okta, Zeek, ...).
 * An event none of these place gets no logsource and no rule is evaluated on it (it is counted,
 * never matched against everything).
 */
import type { Logsource } from '../../../core/event.js';
import { asObject as obj, atPath } from '../../../core/object-path.js';
import type { RecordShape } from './field-resolver.js';
import { LOGSOURCE_FIELD_ALIASES, RECORD_RECOGNIZERS } from './generic-data.js';
import type { WindowsCategory } from './windows-data.js';
import { LINUX_SYSMON_CHANNEL, WINDOWS_CATEGORIES, WINDOWS_CHANNEL_SERVICES, WINDOWS_PROVIDER_SERVICES } from './windows-data.js';

export interface EventClass {
  shape: RecordShape;
  product?: string;
  service?: string;
  /** Categories with the field renames each implies. */
  categories: ReadonlyArray<{ category: string; fieldmap?: Readonly<Record<string, string>> }>;
  /** Identifies the class; events with the same key see the same rules, resolved the same way. */
  key: string;
  /** Where rule fields named after other exports live in this logsource's records (generic-data.ts). */
  aliases?: Readonly<Record<string, string>>;
}

export interface ClassifiableEvent {
  native: Record<string, unknown>;
  logsource?: Logsource;
}

export const UNCLASSIFIED = 'unclassified';

const categoriesByServiceEid = new Map<string, WindowsCategory[]>();
for (const c of WINDOWS_CATEGORIES) {
  for (const eid of c.eventIds) {
    const k = `${c.service}|${eid}`;
    const list = categoriesByServiceEid.get(k) ?? [];
    list.push(c);
    categoriesByServiceEid.set(k, list);
  }
}

/** `#text` wrapped values (evtx_dump with attributes) → the text. */
export function unwrapText(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && '#text' in (v as object)) return (v as Record<string, unknown>)['#text'];
  return v;
}


function toEventId(v: unknown): number | undefined {
  const u = unwrapText(v);
  if (typeof u === 'number') return u;
  if (typeof u === 'string' && /^\d+$/.test(u.trim())) return Number(u);
  return undefined;
}

interface WindowsHeader {
  shape: RecordShape;
  channel?: string;
  provider?: string;
  eventId?: number;
  eventType?: string;
}

function windowsHeader(native: Record<string, unknown>): WindowsHeader | undefined {
  const ev = obj(native.Event);
  const sys = obj(ev?.System);
  if (sys) {
    const data = obj(ev?.EventData);
    const provider = obj(obj(sys.Provider)?.['#attributes'])?.Name;
    return { shape: 'evtx', channel: str(unwrapText(sys.Channel)), provider: str(provider), eventId: toEventId(sys.EventID), eventType: str(unwrapText(data?.EventType)) };
  }
  const winlog = obj(native.winlog);
  if (winlog && (winlog.channel !== undefined || winlog.event_id !== undefined)) {
    return { shape: 'winlog', channel: str(winlog.channel), provider: str(winlog.provider_name), eventId: toEventId(winlog.event_id), eventType: str(obj(winlog.event_data)?.EventType) };
  }
  if (typeof native.Channel === 'string' && native.EventID !== undefined) {
    return { shape: 'flat', channel: native.Channel, provider: str(native.Provider_Name), eventId: toEventId(native.EventID), eventType: str(native.EventType) };
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function classifyEvent(e: ClassifiableEvent): EventClass {
  return classifyRecord(e.native, e.logsource);
}

/**
 * evtx_dump records that declare no logsource, by channel then EventID: the class of almost
 * every event is one hit here, without reading the rest of the header. Only classes that do not
 * depend on EventData.EventType are kept, so a hit is exactly what the full path would give.
 */
const evtxByChannel = new Map<string, Map<number, EventClass>>();

/** `classifyEvent` without the wrapper object. */
export function classifyRecord(native: Record<string, unknown>, declared: Logsource | undefined): EventClass {
  if (declared === undefined) {
    const sys = evtxSystem(native);
    if (sys !== undefined) {
      const channel = sys.Channel;
      const eid = eventIdNumber(sys.EventID);
      if (typeof channel === 'string' && eid !== undefined) {
        const hit = evtxByChannel.get(channel)?.get(eid);
        if (hit !== undefined) return hit;
        const cls = classifySlow(native, declared);
        if (cls.shape === 'evtx' && channelDecides(channel) && !(cls.service && needsEventType.has(`${cls.service}|${eid}`))) {
          let byEid = evtxByChannel.get(channel);
          if (!byEid && evtxByChannel.size < MAX_CACHED_CHANNELS) evtxByChannel.set(channel, (byEid = new Map()));
          if (byEid && byEid.size < MAX_CACHED_EVENT_IDS) byEid.set(eid, cls);
        }
        return cls;
      }
    }
  }
  return classifySlow(native, declared);
}

function evtxSystem(native: Record<string, unknown>): Record<string, unknown> | undefined {
  const ev = native.Event;
  if (ev === null || typeof ev !== 'object' || Array.isArray(ev)) return undefined;
  const sys = (ev as Record<string, unknown>).System;
  return sys !== null && typeof sys === 'object' && !Array.isArray(sys) ? (sys as Record<string, unknown>) : undefined;
}

/** EventID as a number: plain, or evtx_dump's `{"#attributes": {Qualifiers}, "#text": n}`. */
function eventIdNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object') {
    const t = (v as Record<string, unknown>)['#text'];
    if (typeof t === 'number') return t;
  }
  return undefined;
}

function classifySlow(native: Record<string, unknown>, declared: Logsource | undefined): EventClass {
  const win = windowsHeader(native);
  if (win) return cachedWindows(win, declared);
  const e = { native };
  if (declared && (declared.product || declared.service || declared.category)) {
    return make('generic', declared.product, declared.service, declared.category ? [{ category: declared.category }] : []);
  }
  for (const r of RECORD_RECOGNIZERS) {
    if (!r.allOf.every((k) => getPath(e.native, k) !== undefined)) continue;
    if (r.equals && !Object.entries(r.equals).every(([k, vals]) => vals.some((v) => String(getPath(e.native, k)).toLowerCase() === v.toLowerCase()))) continue;
    const service = r.serviceFrom ? String(getPath(e.native, r.serviceFrom)).toLowerCase() : r.logsource.service;
    return make('generic', r.logsource.product, service, r.logsource.category ? [{ category: r.logsource.category }] : []);
  }
  return { shape: 'generic', categories: [], key: UNCLASSIFIED };
}

/** Services and EventIDs whose category depends on EventData.EventType (Sysmon 12). */
const needsEventType = new Set(WINDOWS_CATEGORIES.filter((c) => c.eventType).flatMap((c) => c.eventIds.map((e) => `${c.service}|${e}`)));

/**
 * Classes of Windows events by shape → channel → provider → EventID (→ EventType): computed
 * once, then one nested lookup per event. Only used when the event declares no category.
 */
const windowsCache = new Map<string, Map<string, Map<string, Map<number, EventClass | Map<string, EventClass>>>>>();
const MAX_CACHED_CHANNELS = 1024;
const MAX_CACHED_EVENT_IDS = 4096;

function cachedWindows(h: WindowsHeader, declared: Logsource | undefined): EventClass {
  if (declared?.category || h.eventId === undefined) return classifyWindows(h, declared);
  const declaredService = declared?.service ?? '';
  let byChannel = windowsCache.get(h.shape + '|' + declaredService);
  if (!byChannel) windowsCache.set(h.shape + '|' + declaredService, (byChannel = new Map()));
  const channel = h.channel ?? '';
  let byProvider = byChannel.get(channel);
  if (!byProvider) {
    if (byChannel.size >= MAX_CACHED_CHANNELS) return classifyWindows(h, declared); // hostile variety: do not grow
    byChannel.set(channel, (byProvider = new Map()));
  }
  const provider = h.channel !== undefined && channelDecides(h.channel) ? '' : (h.provider ?? ''); // the provider only matters when the channel does not name the service
  let byEid = byProvider.get(provider);
  if (!byEid) byProvider.set(provider, (byEid = new Map()));
  let hit = byEid.get(h.eventId);
  if (hit === undefined) {
    const cls = classifyWindows(h, declared);
    hit = cls.service && needsEventType.has(`${cls.service}|${h.eventId}`) ? new Map<string, EventClass>() : cls;
    byEid.set(h.eventId, hit);
  }
  if (!(hit instanceof Map)) return hit;
  const et = h.eventType ?? '';
  let cls = hit.get(et);
  if (!cls) {
    cls = classifyWindows(h, declared);
    if (hit.size < 64) hit.set(et, cls);
  }
  return cls;
}

/**
 * Whether the channel alone gives the service. Otherwise (no channel, or one the table does not
 * know, such as WEF's `ForwardedEvents`) the provider does.
 */
function channelDecides(channel: string): boolean {
  const c = channel.toLowerCase();
  return c === LINUX_SYSMON_CHANNEL || Object.hasOwn(WINDOWS_CHANNEL_SERVICES, c);
}

function classifyWindows(h: WindowsHeader, declared: Logsource | undefined): EventClass {
  const channel = h.channel?.toLowerCase();
  let product = 'windows';
  let service = channel !== undefined && Object.hasOwn(WINDOWS_CHANNEL_SERVICES, channel) ? WINDOWS_CHANNEL_SERVICES[channel] : undefined;
  if (channel === LINUX_SYSMON_CHANNEL) {
    product = 'linux';
    service = 'sysmon';
  }
  if (!service && h.provider && Object.hasOwn(WINDOWS_PROVIDER_SERVICES, h.provider.toLowerCase())) service = WINDOWS_PROVIDER_SERVICES[h.provider.toLowerCase()];
  service ??= declared?.service;
  const categories: Array<{ category: string; fieldmap?: Readonly<Record<string, string>> }> = [];
  if (service && h.eventId !== undefined) {
    for (const c of categoriesByServiceEid.get(`${service}|${h.eventId}`) ?? []) {
      if (c.eventType && !(h.eventType && c.eventType.includes(h.eventType))) continue;
      categories.push(c.fieldmap ? { category: c.category, fieldmap: c.fieldmap } : { category: c.category });
    }
  }
  if (declared?.category && !categories.some((c) => c.category === declared.category)) categories.push({ category: declared.category });
  return make(h.shape, product, service, categories);
}

function make(shape: RecordShape, product: string | undefined, service: string | undefined, categories: EventClass['categories']): EventClass {
  const cls: EventClass = { shape, categories, key: `${shape}|${product ?? ''}|${service ?? ''}|${categories.map((c) => c.category).join(',')}` };
  if (product) cls.product = product;
  if (service) cls.service = service;
  const aliases = LOGSOURCE_FIELD_ALIASES[`${product ?? ''}/${service ?? ''}`];
  if (aliases) cls.aliases = aliases;
  return cls;
}

/** Key as written, else dotted path through nested objects. */
export function getPath(o: Record<string, unknown>, path: string): unknown {
  return path in o ? o[path] : atPath(o, path);
}
