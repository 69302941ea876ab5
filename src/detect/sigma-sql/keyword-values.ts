/**
 * The values a Sigma keyword searches, as one list column per event (the matcher's `allValues`,
 * src/detect/sigma/match/accessors.ts): for a Windows record its data (`EventData`, `UserData`),
 * for any other record every value of the native record; then every normalized field. Strings,
 * numbers and booleans count, as text; `#attributes` directly below the searched roots (XML
 * namespaces and the like) do not.
 *
 * Computed only for queries whose rules have keywords: it walks every JSON value of the event.
 */
import { PROMOTED_FIELDS } from '../../storage/schema.js';
import type { Frag } from './sql-kit.js';
import { ident, join, jsonBelow, sql, str, SCALAR_TYPES, typeIs } from './sql-kit.js';

/** The alias of the event row inside the relation, so that JSON table columns (`id`, `key`) cannot shadow it. */
export const EVENT_ALIAS = '_sigma_ev';

const col = (name: string): Frag => sql`${ident(EVENT_ALIAS)}.${ident(name)}`;

function path(column: string, keys: string[]): Frag {
  return jsonBelow(col(column), keys);
}

const ATTRS = str('#attributes');

/** Leaves below a root whose own `#attributes` key is skipped (an object), or of the whole root otherwise. */
function leavesBelow(root: Frag, guard: Frag): Frag {
  return sql`SELECT t.value AS j FROM json_each(${root}) a, json_tree(a.value) t WHERE ${guard} AND json_type(${root}) = ${str('OBJECT')} AND a.key <> ${ATTRS}
    UNION ALL SELECT t.value AS j FROM json_tree(${root}) t WHERE ${guard} AND json_type(${root}) <> ${str('OBJECT')}`;
}

/** Leaves two levels below an object root, skipping `#attributes` at the first level and, in object children, the second. */
function leavesTwoLevels(root: Frag, guard: Frag, skipFirst: boolean): Frag {
  const first = skipFirst ? sql` AND a.key <> ${ATTRS}` : sql``;
  return sql`SELECT t.value AS j FROM json_each(${root}) a, json_each(a.value) b, json_tree(b.value) t WHERE ${guard}${first} AND json_type(a.value) = ${str('OBJECT')} AND b.key <> ${ATTRS}
    UNION ALL SELECT t.value AS j FROM json_each(${root}) a, json_tree(a.value) t WHERE ${guard}${first} AND json_type(a.value) <> ${str('OBJECT')}`;
}

function promotedTexts(): Frag {
  const scalars = PROMOTED_FIELDS.filter((c) => c.type !== 'string[]').map((c) => sql`CAST(${ident(c.name)} AS VARCHAR)`);
  const lists = PROMOTED_FIELDS.filter((c) => c.type === 'string[]').map((c) => sql`coalesce(${ident(c.name)}, []::VARCHAR[])`);
  const joined = [sql`list_filter([${join(scalars, sql`, `)}], lambda _sq_s: _sq_s IS NOT NULL)`, ...lists];
  return join(joined, sql` || `);
}

/** The `_sigma_values` expression: every searched value of the event as text. */
export function keywordValues(): Frag {
  const windows = sql`(json_type(${path('native', ['Event'])}) = ${str('OBJECT')} AND ${path('native', ['Event', 'System'])} IS NOT NULL)`;
  const notWindows = sql`NOT ${windows}`;
  const leaves = sql`${leavesBelow(path('native', ['Event', 'EventData']), windows)}
    UNION ALL ${leavesBelow(path('native', ['Event', 'UserData']), windows)}
    UNION ALL ${leavesTwoLevels(col('native'), notWindows, true)}
    UNION ALL ${leavesTwoLevels(col('fields'), sql`TRUE`, false)}`;
  const texts = sql`(SELECT coalesce(list(json_extract_string(j, ${str('$')})) FILTER (WHERE ${typeIs(sql`j`, ...SCALAR_TYPES)}), []::VARCHAR[]) FROM (${leaves}))`;
  return sql`${texts} || ${promotedTexts()}`;
}
