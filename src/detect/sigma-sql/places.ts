/**
 * Field places (the engine's `resolveField`) → the SQL value of a field in a stored event, as
 * JSON: the first place that holds a value wins (JSON `null` counts as a value, as `undefined`
 * does not in the matcher), then evtx_dump's `{"#text": v}` wrapper is unwrapped.
 *
 * Stored columns: `native` is the source record (JSON), `fields` the normalized fields that are
 * not promoted, and each promoted ECS field is its own typed column (src/storage/schema.ts); a
 * value that did not fit its column's type stays in `fields`, so both are read.
 */
import type { FieldPlace, RecordShape } from '../sigma/index.js';
import { resolveField } from '../sigma/index.js';
import { isPromoted } from '../../storage/schema.js';
import type { Frag } from './sql-kit.js';
import { coalesce, ident, jsonAt, jsonBelow, letValue, sql, str, unwrapText } from './sql-kit.js';

/** Doubles backslashes and quotes so that `k` can sit inside a quoted JSON path key. */
function pathKey(k: Frag): Frag {
  return sql`replace(replace(${k}, ${str('\\')}, ${str('\\\\')}), ${str('"')}, ${str('\\"')})`;
}

function childPath(k: Frag): Frag {
  return sql`concat(${str('$."')}, ${pathKey(k)}, ${str('"')})`;
}

/**
 * `Event.UserData.<wrapper>.<name>`: the wrapper element's name differs per event, so every
 * wrapper is tried in document order. In each: `name` itself, then `name` without the wrapper's
 * name as prefix (`LogFileClearedChannel`), then without `UserData` (`UserDataChannel`).
 */
function userDataPlace(name: string): Frag {
  const ud = jsonAt('native', ['Event', 'UserData']);
  const n = str(name);
  const w = sql`_sq_w`;
  const stripWrapper = sql`CASE WHEN starts_with(${n}, _sq_k) AND length(${n}) > length(_sq_k) THEN json_extract(${w}, ${childPath(sql`substr(${n}, length(_sq_k) + 1)`)}) END`;
  const candidates: Frag[] = [jsonBelow(w, [name]), stripWrapper];
  if (name.startsWith('UserData')) candidates.push(jsonBelow(w, [name.slice(8)]));
  const found = sql`CASE WHEN json_type(${w}) = ${str('OBJECT')} THEN ${coalesce(...candidates)} END`;
  const perWrapper = sql`list_transform([json_extract(${ud}, ${childPath(sql`_sq_k`)})], lambda _sq_w: ${found})[1]`;
  return sql`list_filter(list_transform(json_keys(${ud}), lambda _sq_k: ${perWrapper}), lambda _sq_c: _sq_c IS NOT NULL)[1]`;
}

/** A normalized field: its promoted column (as JSON) and, for values that did not fit it, `fields`. */
function ecsPlace(name: string): Frag {
  const inFields = jsonAt('fields', [name]);
  return isPromoted(name) ? sql`coalesce(to_json(${ident(name)}), ${inFields})` : inFields;
}

export function placeValue(p: FieldPlace): Frag {
  switch (p.in) {
    case 'native':
      return jsonAt('native', p.path);
    case 'native-key':
      return jsonAt('native', [p.key]);
    case 'userdata':
      return userDataPlace(p.name);
    case 'ecs':
      return ecsPlace(p.name);
  }
}

/**
 * `body` applied to the field's value as JSON (SQL NULL when no place holds one), resolved as the
 * matcher resolves it. The value is computed once (bound by a lambda), then unwrapped once.
 */
export function withFieldValue(field: string, shape: RecordShape, fieldmap: Readonly<Record<string, string>> | undefined, body: (value: Frag) => Frag): Frag {
  const places = resolveField(field, shape, fieldmap);
  return letValue(coalesce(...places.map(placeValue)), (raw) => letValue(unwrapText(raw), body));
}
