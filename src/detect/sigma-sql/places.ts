/**
 * Field places (the engine's `resolveField`) → where a field's value is in a stored event, as
 * JSON (SQL NULL when absent; JSON `null` counts as a value, as in the matcher). slots.ts
 * coalesces a field's places in order and unwraps evtx_dump's `{"#text": v}`.
 *
 * Stored columns: `native` is the source record (JSON), `fields` the normalized fields that are
 * not promoted, and each promoted ECS field is its own typed column (src/storage/schema.ts); a
 * value that did not fit its column's type stays in `fields`, so both are read.
 *
 * Every JSON function call parses its document again, so the paths a query reads are gathered
 * in a `PathIndex` and extracted with one multi-path `json_extract` per document and event
 * (`_sigma_np`, `_sigma_fp`); places then index into those lists.
 */
import type { FieldPlace } from '../sigma/index.js';
import { sql as S } from '../../query/index.js';
import { isPromoted } from '../../storage/schema.js';
import type { Frag } from './sql-kit.js';
import { coalesce, ident, jsonAt, jsonBelow, param, sql, str } from './sql-kit.js';

/** The native and `fields` paths a query reads, each extracted once per event. */
export class PathIndex {
  readonly native: string[] = [];
  readonly fields: string[] = [];
  readonly promoted = new Set<string>();
  userData = false;
  private readonly nativeAt = new Map<string, number>();
  private readonly fieldsAt = new Map<string, number>();

  private index(list: string[], at: Map<string, number>, path: string): number {
    let i = at.get(path);
    if (i === undefined) {
      list.push(path);
      i = list.length;
      at.set(path, i);
    }
    return i;
  }

  nativePath(path: readonly string[]): Frag {
    return sql`_sigma_np[${param(this.index(this.native, this.nativeAt, S.duckdbJsonPath(path)), 'int')}]`;
  }

  fieldsKey(name: string): Frag {
    return sql`_sigma_fp[${param(this.index(this.fields, this.fieldsAt, S.duckdbJsonPath([name])), 'int')}]`;
  }

  /** The extraction columns of the first stage (the event's JSON documents are parsed here only). */
  columns(): Frag[] {
    const multi = (column: string, paths: string[], name: string): Frag =>
      paths.length ? sql`json_extract(${ident(column)}, [${S.join(paths.map(str), sql`, `)}]) AS ${ident(name)}` : sql`[]::JSON[] AS ${ident(name)}`;
    const out = [multi('native', this.native, '_sigma_np'), multi('fields', this.fields, '_sigma_fp')];
    if (this.userData) out.push(sql`${jsonAt('native', ['Event', 'UserData'])} AS _sigma_ud`);
    return out;
  }

  /** Stored columns read as they are (promoted ECS fields). */
  carried(): string[] {
    return [...this.promoted].sort();
  }
}

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
 * Reads `_sigma_ud`, the event's (small) UserData element, extracted once.
 */
function userDataPlace(name: string): Frag {
  const ud = sql`_sigma_ud`;
  const n = str(name);
  const w = sql`_sq_w`;
  const stripWrapper = sql`CASE WHEN starts_with(${n}, _sq_k) AND length(${n}) > length(_sq_k) THEN json_extract(${w}, ${childPath(sql`substr(${n}, length(_sq_k) + 1)`)}) END`;
  const candidates: Frag[] = [jsonBelow(w, [name]), stripWrapper];
  if (name.startsWith('UserData')) candidates.push(jsonBelow(w, [name.slice(8)]));
  const found = sql`CASE WHEN json_type(${w}) = ${str('OBJECT')} THEN ${coalesce(...candidates)} END`;
  const perWrapper = sql`list_transform([json_extract(${ud}, ${childPath(sql`_sq_k`)})], lambda _sq_w: ${found})[1]`;
  return sql`CASE WHEN ${ud} IS NOT NULL THEN list_filter(list_transform(json_keys(${ud}), lambda _sq_k: ${perWrapper}), lambda _sq_c: _sq_c IS NOT NULL)[1] END`;
}

export function placeValue(p: FieldPlace, paths: PathIndex): Frag {
  switch (p.in) {
    case 'native':
      return paths.nativePath(p.path);
    case 'native-key':
      return paths.nativePath([p.key]);
    case 'userdata':
      paths.userData = true;
      return userDataPlace(p.name);
    case 'ecs': {
      const inFields = paths.fieldsKey(p.name);
      if (!isPromoted(p.name)) return inFields;
      paths.promoted.add(p.name);
      return sql`coalesce(to_json(${ident(p.name)}), ${inFields})`;
    }
  }
}
