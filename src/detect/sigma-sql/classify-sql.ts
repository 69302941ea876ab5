/**
 * The matcher's event classification (src/detect/sigma/mapping/classify.ts) as SQL columns,
 * reading the native record through a PathIndex (one JSON parse per event):
 *
 * - `_sigma_shape`: `evtx` (`Event.System` is an object), `winlog` (a `winlog` object with a
 *   channel or event_id), `flat` (top-level string `Channel` and an `EventID`), else `generic`;
 * - `_sigma_channel`, `_sigma_provider`, `_sigma_eid`, `_sigma_etype`: the Windows header, read
 *   per shape as the matcher reads it; `_sigma_recognizer`: the first record recogniser that
 *   fits a record that is neither Windows nor declares a logsource;
 * - `_sigma_product`, `_sigma_service`: Windows: from the channel (then the provider, then the
 *   declared service); other records: the declared logsource (`logsource.*` columns, set by the
 *   codec), else the recogniser's;
 * - `_sigma_category`: the declared category (Windows categories from service + EventID are
 *   tested per rule, see routing.ts), or the recogniser's.
 */
import { RECORD_RECOGNIZERS } from '../sigma/mapping/generic-data.js';
import { LINUX_SYSMON_CHANNEL, WINDOWS_CHANNEL_SERVICES, WINDOWS_PROVIDER_SERVICES } from '../sigma/mapping/windows-data.js';
import type { PathIndex } from './places.js';
import type { Frag } from './sql-kit.js';
import { and, ident, join, jsTrim, NUMBER_TYPES, oneOf, or, param, SCALAR_TYPES, sql, str, stringText, typeIs, unwrapText } from './sql-kit.js';

const SHAPE = ident('_sigma_shape');

function shapeExpr(np: PathIndex): Frag {
  const at = (...path: string[]): Frag => np.nativePath(path);
  const winlog = and(typeIs(at('winlog'), 'OBJECT'), or(sql`${at('winlog', 'channel')} IS NOT NULL`, sql`${at('winlog', 'event_id')} IS NOT NULL`));
  const flat = and(typeIs(at('Channel'), 'VARCHAR'), sql`${at('EventID')} IS NOT NULL`);
  return sql`CASE WHEN ${typeIs(at('Event', 'System'), 'OBJECT')} THEN ${str('evtx')} WHEN ${winlog} THEN ${str('winlog')} WHEN ${flat} THEN ${str('flat')} ELSE ${str('generic')} END`;
}

/** Per shape, the same header field read from its own place. */
function perShape(evtx: Frag, winlog: Frag, flat: Frag): Frag {
  return sql`CASE ${SHAPE} WHEN ${str('evtx')} THEN ${evtx} WHEN ${str('winlog')} THEN ${winlog} WHEN ${str('flat')} THEN ${flat} END`;
}

/** The matcher's toEventId: a number, or text of digits only (trimmed). */
function eventId(raw: Frag): Frag {
  const u = unwrapText(raw);
  const text = jsTrim(stringText(u));
  return sql`CASE WHEN ${typeIs(u, ...NUMBER_TYPES)} THEN TRY_CAST(json_extract_string(${u}, ${str('$')}) AS DOUBLE) WHEN regexp_full_match(${text}, ${str('[0-9]+')}) THEN TRY_CAST(${text} AS DOUBLE) END`;
}

const declared = (k: 'product' | 'service' | 'category'): Frag => sql`NULLIF(${ident(`logsource.${k}`)}, ${str('')})`;
const isDeclared = (): Frag => or(sql`${declared('product')} IS NOT NULL`, sql`${declared('service')} IS NOT NULL`, sql`${declared('category')} IS NOT NULL`);

/** JavaScript's `String(v)` of a JSON value (the recognisers compare it). */
function jsString(v: Frag): Frag {
  const element = sql`CASE WHEN ${typeIs(sql`_sq_a`, ...SCALAR_TYPES)} THEN json_extract_string(_sq_a, ${str('$')}) WHEN json_type(_sq_a) = ${str('OBJECT')} THEN ${str('[object Object]')} WHEN json_type(_sq_a) = ${str('ARRAY')} THEN CAST(_sq_a AS VARCHAR) ELSE ${str('')} END`;
  return sql`CASE json_type(${v}) WHEN ${str('NULL')} THEN ${str('null')} WHEN ${str('OBJECT')} THEN ${str('[object Object]')} WHEN ${str('ARRAY')} THEN array_to_string(list_transform(json_extract(${v}, ${str('$[*]')}), lambda _sq_a: ${element}), ${str(',')}) ELSE json_extract_string(${v}, ${str('$')}) END`;
}

/** The recognisers' getPath: the key as written, else the dotted path through nested objects. */
function getPath(np: PathIndex, key: string): Frag {
  const parts = key.split('.');
  return parts.length > 1 ? sql`coalesce(${np.nativePath([key])}, ${np.nativePath(parts)})` : np.nativePath([key]);
}

/** The 1-based index of the first recogniser that fits the record (NULL when none does). */
function recognizerIndex(np: PathIndex): Frag {
  const arms = RECORD_RECOGNIZERS.map((r, i) => {
    const present = r.allOf.map((k) => sql`${getPath(np, k)} IS NOT NULL`);
    const equal = Object.entries(r.equals ?? {}).map(([k, vals]) => oneOf(sql`lower(${jsString(getPath(np, k))})`, vals.map((v) => str(v.toLowerCase()))));
    return sql` WHEN ${and(...present, ...equal)} THEN ${param(i + 1, 'int')}`;
  });
  return sql`CASE${join(arms, sql``)} END`;
}

/** The shape and header columns (`_sigma_shape` is referenced by the later ones as a lateral alias). */
export function headerColumns(np: PathIndex): Frag {
  const at = (...path: string[]): Frag => np.nativePath(path);
  const channel = perShape(stringText(unwrapText(at('Event', 'System', 'Channel'))), stringText(at('winlog', 'channel')), stringText(at('Channel')));
  const provider = perShape(stringText(at('Event', 'System', 'Provider', '#attributes', 'Name')), stringText(at('winlog', 'provider_name')), stringText(at('Provider_Name')));
  const eid = perShape(eventId(at('Event', 'System', 'EventID')), eventId(at('winlog', 'event_id')), eventId(at('EventID')));
  const etype = perShape(stringText(unwrapText(at('Event', 'EventData', 'EventType'))), stringText(at('winlog', 'event_data', 'EventType')), stringText(at('EventType')));
  // Recognisers only run for records that are not Windows records and declare no logsource.
  const recognizer = sql`CASE WHEN ${SHAPE} = ${str('generic')} AND NOT (${isDeclared()}) THEN ${recognizerIndex(np)} END`;
  return sql`${shapeExpr(np)} AS _sigma_shape, ${channel} AS _sigma_channel, ${provider} AS _sigma_provider, ${eid} AS _sigma_eid, ${etype} AS _sigma_etype, ${recognizer} AS _sigma_recognizer`;
}

/** `CASE WHEN key IN (k…) THEN v … END` for a lookup table, keys grouped by value. */
function lookup(key: Frag, table: Readonly<Record<string, string>>): Frag {
  const byValue = new Map<string, string[]>();
  for (const [k, v] of Object.entries(table)) byValue.set(v, [...(byValue.get(v) ?? []), k]);
  const arms = [...byValue].map(([v, keys]) => sql` WHEN ${oneOf(key, keys.map(str))} THEN ${str(v)}`);
  return sql`CASE${join(arms, sql``)} END`;
}

/** The recognised record's product, service (Zeek's from `_path`) or category. */
function recognized(np: PathIndex, pick: 'product' | 'service' | 'category'): Frag {
  const arms = RECORD_RECOGNIZERS.map((r, i) => {
    const value = pick === 'service' && r.serviceFrom ? sql`lower(${jsString(getPath(np, r.serviceFrom))})` : r.logsource[pick] === undefined ? sql`NULL` : str(r.logsource[pick]!);
    return sql` WHEN ${param(i + 1, 'int')} THEN ${value}`;
  });
  return sql`CASE _sigma_recognizer${join(arms, sql``)} END`;
}

/** Product, service and category, from the header columns of the previous stage. */
export function logsourceColumns(np: PathIndex): Frag {
  const lch = sql`lower(_sigma_channel)`;
  const linux = sql`${lch} = ${str(LINUX_SYSMON_CHANNEL)}`;
  const providerService = sql`CASE WHEN _sigma_provider <> ${str('')} THEN ${lookup(sql`lower(_sigma_provider)`, WINDOWS_PROVIDER_SERVICES)} END`;
  const winService = sql`CASE WHEN ${linux} THEN ${str('sysmon')} ELSE coalesce(${lookup(lch, WINDOWS_CHANNEL_SERVICES)}, ${providerService}, ${declared('service')}) END`;
  const generic = (pick: 'product' | 'service' | 'category'): Frag =>
    sql`CASE WHEN ${isDeclared()} THEN ${declared(pick)} ELSE ${recognized(np, pick)} END`;
  const windows = sql`${SHAPE} <> ${str('generic')}`;
  const product = sql`CASE WHEN ${windows} THEN (CASE WHEN ${linux} THEN ${str('linux')} ELSE ${str('windows')} END) ELSE ${generic('product')} END`;
  const service = sql`CASE WHEN ${windows} THEN ${winService} ELSE ${generic('service')} END`;
  const category = sql`CASE WHEN ${windows} THEN ${declared('category')} ELSE ${generic('category')} END`;
  return sql`${product} AS _sigma_product, ${service} AS _sigma_service, ${category} AS _sigma_category`;
}
