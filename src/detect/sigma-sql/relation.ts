/**
 * The stored events with the matcher's classification as columns (src/detect/sigma/mapping/
 * classify.ts), so each rule's routing is a few comparisons and the classification is computed
 * once per event and query:
 *
 * - `_sigma_shape`: `evtx` (`Event.System` is an object), `winlog`, `flat` (top-level string
 *   `Channel` and an `EventID`), else `generic`;
 * - `_sigma_channel`, `_sigma_provider`, `_sigma_eid`, `_sigma_etype`: the Windows header, read
 *   per shape as the matcher reads it;
 * - `_sigma_product`, `_sigma_service`: Windows: from the channel (then the provider, then the
 *   declared service); other records: the declared logsource (`logsource.*` columns, from the
 *   codec), else the first record recogniser that fits;
 * - `_sigma_category`: the declared category (Windows categories from channel + EventID are
 *   tested per rule, see routing.ts), or the recogniser's;
 * - `_sigma_values` (only when asked): what keywords search.
 */
import { RECORD_RECOGNIZERS } from '../sigma/mapping/generic-data.js';
import { LINUX_SYSMON_CHANNEL, WINDOWS_CHANNEL_SERVICES, WINDOWS_PROVIDER_SERVICES } from '../sigma/mapping/windows-data.js';
import { EVENT_ALIAS, keywordValues } from './keyword-values.js';
import { VALUES_COLUMN } from './predicates.js';
import type { Frag } from './sql-kit.js';
import { and, ident, join, jsonAt, jsTrim, NUMBER_TYPES, or, param, SCALAR_TYPES, sql, str, stringText, typeIs, unwrapText } from './sql-kit.js';

export interface RelationOptions {
  /** Inclusive start, epoch ms. */
  from?: number;
  /** Exclusive end, epoch ms. */
  to?: number;
  /** Add the `_sigma_values` column (rules with keywords need it). */
  values?: boolean;
}

const SHAPE = ident('_sigma_shape');

function shapeExpr(): Frag {
  const winlog = and(typeIs(jsonAt('native', ['winlog']), 'OBJECT'), or(sql`${jsonAt('native', ['winlog', 'channel'])} IS NOT NULL`, sql`${jsonAt('native', ['winlog', 'event_id'])} IS NOT NULL`));
  const flat = and(typeIs(jsonAt('native', ['Channel']), 'VARCHAR'), sql`${jsonAt('native', ['EventID'])} IS NOT NULL`);
  return sql`CASE WHEN ${typeIs(jsonAt('native', ['Event', 'System']), 'OBJECT')} THEN ${str('evtx')} WHEN ${winlog} THEN ${str('winlog')} WHEN ${flat} THEN ${str('flat')} ELSE ${str('generic')} END`;
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

function headerColumns(): Frag {
  const channel = perShape(stringText(unwrapText(jsonAt('native', ['Event', 'System', 'Channel']))), stringText(jsonAt('native', ['winlog', 'channel'])), stringText(jsonAt('native', ['Channel'])));
  const provider = perShape(stringText(jsonAt('native', ['Event', 'System', 'Provider', '#attributes', 'Name'])), stringText(jsonAt('native', ['winlog', 'provider_name'])), stringText(jsonAt('native', ['Provider_Name'])));
  const eid = perShape(eventId(jsonAt('native', ['Event', 'System', 'EventID'])), eventId(jsonAt('native', ['winlog', 'event_id'])), eventId(jsonAt('native', ['EventID'])));
  const etype = perShape(stringText(unwrapText(jsonAt('native', ['Event', 'EventData', 'EventType']))), stringText(jsonAt('native', ['winlog', 'event_data', 'EventType'])), stringText(jsonAt('native', ['EventType'])));
  // Recognisers only run for records that are not Windows records and declare no logsource.
  const recognizer = sql`CASE WHEN ${SHAPE} = ${str('generic')} AND NOT (${isDeclared()}) THEN ${recognizerIndex()} END`;
  return sql`${channel} AS _sigma_channel, ${provider} AS _sigma_provider, ${eid} AS _sigma_eid, ${etype} AS _sigma_etype, ${recognizer} AS _sigma_recognizer`;
}

/** `CASE key WHEN k… THEN v END` for a lookup table, keys grouped by value. */
function lookup(key: Frag, table: Readonly<Record<string, string>>): Frag {
  const byValue = new Map<string, string[]>();
  for (const [k, v] of Object.entries(table)) byValue.set(v, [...(byValue.get(v) ?? []), k]);
  const arms = [...byValue].map(([v, keys]) => sql` WHEN ${key} IN (${join(keys.map(str), sql`, `)}) THEN ${str(v)}`);
  return sql`CASE${join(arms, sql``)} END`;
}

const declared = (k: 'product' | 'service' | 'category'): Frag => sql`NULLIF(${ident(`logsource.${k}`)}, ${str('')})`;
const isDeclared = (): Frag => or(sql`${declared('product')} IS NOT NULL`, sql`${declared('service')} IS NOT NULL`, sql`${declared('category')} IS NOT NULL`);

/** JavaScript's `String(v)` of a JSON value (the recognisers compare it). */
function jsString(v: Frag): Frag {
  const element = sql`CASE WHEN json_type(_sq_a) IN (${join(SCALAR_TYPES.map(str), sql`, `)}) THEN json_extract_string(_sq_a, ${str('$')}) WHEN json_type(_sq_a) = ${str('OBJECT')} THEN ${str('[object Object]')} WHEN json_type(_sq_a) = ${str('ARRAY')} THEN CAST(_sq_a AS VARCHAR) ELSE ${str('')} END`;
  return sql`CASE json_type(${v}) WHEN ${str('NULL')} THEN ${str('null')} WHEN ${str('OBJECT')} THEN ${str('[object Object]')} WHEN ${str('ARRAY')} THEN array_to_string(list_transform(json_extract(${v}, ${str('$[*]')}), lambda _sq_a: ${element}), ${str(',')}) ELSE json_extract_string(${v}, ${str('$')}) END`;
}

/** The recognisers' getPath: the key as written, else the dotted path through nested objects. */
function getPath(key: string): Frag {
  const parts = key.split('.');
  return parts.length > 1 ? sql`coalesce(${jsonAt('native', [key])}, ${jsonAt('native', parts)})` : jsonAt('native', [key]);
}

/** The 1-based index of the first recogniser that fits the record (NULL when none does). */
function recognizerIndex(): Frag {
  const arms = RECORD_RECOGNIZERS.map((r, i) => {
    const present = r.allOf.map((k) => sql`${getPath(k)} IS NOT NULL`);
    const equal = Object.entries(r.equals ?? {}).map(([k, vals]) => sql`lower(${jsString(getPath(k))}) IN (${join(vals.map((v) => str(v.toLowerCase())), sql`, `)})`);
    return sql` WHEN ${and(...present, ...equal)} THEN ${param(i + 1, 'int')}`;
  });
  return sql`CASE${join(arms, sql``)} END`;
}

/** The recognised record's product, service or category. */
function recognized(pick: 'product' | 'service' | 'category'): Frag {
  const arms = RECORD_RECOGNIZERS.map((r, i) => {
    let value: Frag = r.logsource[pick] === undefined ? sql`NULL` : str(r.logsource[pick]!);
    if (pick === 'service' && r.serviceFrom) value = sql`lower(${jsString(getPath(r.serviceFrom))})`;
    return sql` WHEN ${param(i + 1, 'int')} THEN ${value}`;
  });
  return sql`CASE _sigma_recognizer${join(arms, sql``)} END`;
}

function logsourceColumns(): Frag {
  const lch = sql`lower(_sigma_channel)`;
  const linux = sql`${lch} = ${str(LINUX_SYSMON_CHANNEL)}`;
  const providerService = sql`CASE WHEN _sigma_provider <> ${str('')} THEN ${lookup(sql`lower(_sigma_provider)`, WINDOWS_PROVIDER_SERVICES)} END`;
  const winService = sql`CASE WHEN ${linux} THEN ${str('sysmon')} ELSE coalesce(${lookup(lch, WINDOWS_CHANNEL_SERVICES)}, ${providerService}, ${declared('service')}) END`;
  const generic = (pick: 'product' | 'service' | 'category'): Frag => sql`CASE WHEN ${isDeclared()} THEN ${declared(pick)} ELSE ${recognized(pick)} END`;
  const windows = sql`${SHAPE} <> ${str('generic')}`;
  const product = sql`CASE WHEN ${windows} THEN (CASE WHEN ${linux} THEN ${str('linux')} ELSE ${str('windows')} END) ELSE ${generic('product')} END`;
  const service = sql`CASE WHEN ${windows} THEN ${winService} ELSE ${generic('service')} END`;
  const category = sql`CASE WHEN ${windows} THEN ${declared('category')} ELSE ${generic('category')} END`;
  return sql`${product} AS _sigma_product, ${service} AS _sigma_service, ${category} AS _sigma_category`;
}

/** `SELECT *, <classification> FROM events [time range]`, aliased so keyword values can refer to the row. */
export function classifiedEvents(opts: RelationOptions = {}): Frag {
  const time: Frag[] = [];
  if (opts.from !== undefined) time.push(sql`${ident('@timestamp')} >= ${param(opts.from, 'timestamp')}`);
  if (opts.to !== undefined) time.push(sql`${ident('@timestamp')} < ${param(opts.to, 'timestamp')}`);
  const where = time.length ? sql` WHERE ${and(...time)}` : sql``;
  const shaped = sql`SELECT *, ${shapeExpr()} AS _sigma_shape FROM ${ident('events')}${where}`;
  const headed = sql`SELECT *, ${headerColumns()} FROM (${shaped})`;
  const classified = sql`SELECT *, ${logsourceColumns()} FROM (${headed})`;
  if (!opts.values) return classified;
  return sql`SELECT *, ${keywordValues()} AS ${ident(VALUES_COLUMN)} FROM (${classified}) AS ${ident(EVENT_ALIAS)}`;
}
