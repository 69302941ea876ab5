/**
 * Field slots: each field a rule set reads (per record shape, and per category field map)
 * becomes columns of the relation, computed once per event — as the matcher reads and
 * lower-cases each field once per event. Rules then test short column references instead of
 * repeating JSON lookups: DuckDB's planning time grows with the SQL, and steeply with lambdas.
 *
 * A slot has facets, each a column built only when some rule uses it:
 *  - `value`: the field's JSON value, first place that holds one, `#text` unwrapped (NULL: absent);
 *  - list facets, one entry per element (a scalar is a list of one; arrays two levels deep):
 *    `texts` / `lower` (strings, numbers, booleans as text), `strings` / `lowerStrings`,
 *    `numbers` (JSON numbers), `booleans` ('true'/'false' of JSON booleans), `toNumbers`
 *    (numbers and numeric text, the matcher's toNumber), `ips` (addresses as 32 hex digits);
 *  - `emptyItem`: the value is an array with an empty string or null among its elements.
 * Every list facet also has a first-element column (`…1`). In scalar mode facets are built for
 * values that are not arrays only, without lambdas (DuckDB plans lambdas slowly), and rules test
 * first elements; events where some field the query reads holds an array (`_sigma_multi`) are
 * answered by a lists-mode query, which tests every element.
 * Keywords use the slot `kw` with `texts` / `lower` over the event's searched values.
 *
 * When a category renames fields (Security 4688: `Image` is `NewProcessName`), the slot picks
 * the places per event with the same CASE the routing uses, so the rule is rendered once.
 */
import type { FieldPlace, RecordShape } from '../sigma/index.js';
import { placesKey } from '../sigma/mapping/field-resolver.js';
import { duckdbDialect, render } from '../../query/index.js';
import { ipHex } from './ip.js';
import { keywordValues } from './keyword-values.js';
import type { PathIndex } from './places.js';
import { placeValue } from './places.js';
import type { Frag } from './sql-kit.js';
import { coalesce, elements, FALSE, ident, join, jsTrim, NUMBER_TYPES, or, SCALAR_TYPES, sql, str, typeIs, unwrapText } from './sql-kit.js';

export type ListFacet = 'texts' | 'lower' | 'strings' | 'lowerStrings' | 'numbers' | 'booleans' | 'toNumbers' | 'ips';
export type Facet = 'value' | 'emptyItem' | ListFacet;
type Column = Facet | 'raw' | 'elements';

const SHORT: Record<Column, string> = { raw: 'r', elements: 'el', value: 'v', emptyItem: 'e', texts: 't', lower: 'l', strings: 's', lowerStrings: 'ls', numbers: 'n', booleans: 'b', toNumbers: 'x', ips: 'ip' };
const LIST_FACETS = new Set<string>(['texts', 'lower', 'strings', 'lowerStrings', 'numbers', 'booleans', 'toNumbers', 'ips']);

/** The places of a field under one routing condition (`when` undefined: otherwise). */
export interface PlaceChoice {
  when?: Frag;
  places: readonly FieldPlace[];
}

interface Slot {
  id: string;
  shape: RecordShape | undefined;
  choices: readonly PlaceChoice[];
}

/** The column saying that the slot's value is an array (a scalar-mode test may not answer then). */
export function arrayColumn(slotId: string): string {
  return `_sigma_${slotId}_a`;
}

export function columnName(slotId: string, c: Column, first = false): string {
  return `_sigma_${slotId}_${SHORT[c]}${first ? '1' : ''}`;
}

const NUMERIC_TEXT = '(?i)[-+]?(0x[0-9a-f]+|\\d+(\\.\\d*)?(e[-+]?\\d+)?|\\.\\d+)';

/** The matcher's toNumber on one JSON element: a number, or trimmed decimal / 0x hex text; NULL otherwise. */
function toNumber(e: Frag): Frag {
  const t = jsTrim(sql`json_extract_string(${e}, ${str('$')})`);
  // Hex up to 64 bits; the matcher's parseInt reads longer hex too (a documented gap).
  const digits = sql`concat(${str('0x')}, regexp_replace(_sq_n, ${str('(?i)^[-+]?0x')}, ${str('')}))`;
  const hex = sql`(CASE WHEN starts_with(_sq_n, ${str('-')}) THEN -1 ELSE 1 END) * CAST(TRY_CAST(${digits} AS UBIGINT) AS DOUBLE)`;
  const text = sql`list_transform([${t}], lambda _sq_n: CASE WHEN NOT regexp_full_match(_sq_n, ${str(NUMERIC_TEXT)}) THEN NULL WHEN regexp_matches(_sq_n, ${str('(?i)^[-+]?0x')}) THEN ${hex} ELSE TRY_CAST(_sq_n AS DOUBLE) END)[1]`;
  const num = sql`CASE WHEN ${typeIs(e, ...NUMBER_TYPES)} THEN TRY_CAST(json_extract_string(${e}, ${str('$')}) AS DOUBLE) WHEN ${typeIs(e, 'VARCHAR')} THEN ${text} END`;
  return sql`list_transform([${num}], lambda _sq_num: CASE WHEN isfinite(_sq_num) THEN _sq_num END)[1]`;
}

/**
 * `[f(e) for e in elements(value)]` without the NULLs. A value that is not an array (the common
 * case) takes a branch without lambdas, which DuckDB evaluates much faster.
 */
function mapElements(value: Frag, els: Frag | undefined, f: (e: Frag) => Frag): Frag {
  // A scalar's list may hold one NULL (not a string, not a number…): no test matches NULL, so
  // it stands for the empty list. Without `els` (scalar mode) arrays are left to the lists query.
  if (!els) return sql`[${f(value)}]`;
  const lists = sql`list_filter(list_transform(${els}, lambda _sq_e: ${f(sql`_sq_e`)}), lambda _sq_f: _sq_f IS NOT NULL)`;
  return sql`CASE WHEN ${typeIs(value, 'ARRAY')} THEN ${lists} ELSE [${f(value)}] END`;
}

const textOf = (e: Frag, ...types: string[]): Frag => sql`CASE WHEN ${typeIs(e, ...types)} THEN json_extract_string(${e}, ${str('$')}) END`;

function rawValue(slot: Slot, paths: PathIndex): Frag {
  const value = (c: PlaceChoice): Frag => coalesce(...c.places.map((p) => placeValue(p, paths)));
  const last = slot.choices[slot.choices.length - 1];
  const picked = slot.choices.length === 1 ? value(last) : sql`CASE${join(slot.choices.slice(0, -1).map((c) => sql` WHEN ${c.when!} THEN ${value(c)}`), sql``)} ELSE ${value(last)} END`;
  return slot.shape === undefined ? picked : sql`CASE WHEN ${ident('_sigma_shape')} = ${str(slot.shape)} THEN ${picked} END`;
}

/** A facet of a field's JSON value `v` (a column) and its elements `els` (a column; NULL unless an array; absent in scalar mode). */
function facetOf(v: Frag, els: Frag | undefined, facet: Exclude<Facet, 'value'>): Frag {
  switch (facet) {
    case 'emptyItem':
      if (!els) return FALSE;
      return sql`(${typeIs(v, 'ARRAY')} AND len(list_filter(json_extract(${v}, ${str('$[*]')}), lambda _sq_i: json_type(_sq_i) = ${str('NULL')} OR (json_type(_sq_i) = ${str('VARCHAR')} AND json_extract_string(_sq_i, ${str('$')}) = ${str('')}))) > 0)`;
    case 'texts':
      return mapElements(v, els, (e) => textOf(e, ...SCALAR_TYPES));
    case 'lower':
      return mapElements(v, els, (e) => sql`lower(${textOf(e, ...SCALAR_TYPES)})`);
    case 'strings':
      return mapElements(v, els, (e) => textOf(e, 'VARCHAR'));
    case 'lowerStrings':
      return mapElements(v, els, (e) => sql`lower(${textOf(e, 'VARCHAR')})`);
    case 'booleans':
      return mapElements(v, els, (e) => textOf(e, 'BOOLEAN'));
    case 'numbers':
      return mapElements(v, els, (e) => sql`TRY_CAST(${textOf(e, ...NUMBER_TYPES)} AS DOUBLE)`);
    case 'toNumbers':
      return mapElements(v, els, toNumber);
    case 'ips':
      return mapElements(v, els, (e) => ipHex(textOf(e, 'VARCHAR')));
  }
}

function keyOf(f: Frag): string {
  const r = render(f, duckdbDialect);
  return `${r.sql}\u0000${JSON.stringify(r.params)}`;
}

/** The slots of a rule set; `use` returns a facet's column and records (in `used`) that it is needed. */
export class FieldSlots {
  private readonly byKey = new Map<string, Slot>();
  private readonly byId = new Map<string, Slot>();

  /** The slot of a field: its places per routing choice (the last choice applies otherwise). */
  slot(shape: RecordShape, choices: readonly PlaceChoice[]): string {
    const same = choices.every((c) => placesKey(c.places) === placesKey(choices[0].places));
    const kept = same ? [{ places: choices[0].places }] : choices;
    const key = `${shape}|${kept.map((c) => `${c.when ? keyOf(c.when) : ''}=>${placesKey(c.places)}`).join('||')}`;
    let slot = this.byKey.get(key);
    if (!slot) {
      slot = { id: `f${this.byKey.size + 1}`, shape, choices: kept };
      this.byKey.set(key, slot);
      this.byId.set(slot.id, slot);
    }
    return slot.id;
  }

  /** The keyword slot: the event's searched values (`texts`, `lower` only). */
  keywordSlot(): string {
    if (!this.byId.has('kw')) this.byId.set('kw', { id: 'kw', shape: undefined, choices: [] });
    return 'kw';
  }

  /** The column of a facet (its first element with `first`), marked as used. */
  use(slotId: string, facet: Facet, used: Set<string>, first = false): Frag {
    used.add(`${slotId}:${facet}`);
    return ident(columnName(slotId, facet, first));
  }

  /**
   * The columns of `used` in stages (relation.ts materializes each, so that DuckDB computes
   * every value once and the SQL stays small): `raw` picks each field's value from its places
   * (registering the JSON paths to extract in `paths`) or gathers the keyword values; `values`
   * unwraps it and lists an array's elements; `facets` derives the used facets; `derived` adds
   * first elements and `_sigma_multi`.
   */
  stages(used: ReadonlySet<string>, paths: PathIndex, mode: 'scalar' | 'lists'): { raw: Frag[]; values: Frag[]; facets: Frag[]; derived: Frag[]; keywords: boolean } {
    const scalar = mode === 'scalar';
    const arrays: Frag[] = [];
    const raw = new Map<string, Frag>();
    const values: Frag[] = [];
    const facets: Frag[] = [];
    const derived: Frag[] = [];
    for (const u of [...used].sort()) {
      const [id, facet] = u.split(':') as [string, Facet];
      const slot = this.byId.get(id);
      if (!slot) throw new Error(`unknown field slot ${id}`);
      const name = ident(columnName(id, facet));
      const col = (c: Column): Frag => ident(columnName(id, c));
      if (!raw.has(id)) {
        raw.set(id, sql`${id === 'kw' ? keywordValues() : rawValue(slot, paths)} AS ${col('raw')}`);
        if (id !== 'kw') {
          const unwrapped = unwrapText(col('raw'));
          values.push(sql`${unwrapped} AS ${col('value')}`);
          if (!scalar) values.push(sql`CASE WHEN ${typeIs(unwrapped, 'ARRAY')} THEN ${elements(unwrapped)} END AS ${col('elements')}`);
          derived.push(sql`${typeIs(col('value'), 'ARRAY')} AS ${ident(arrayColumn(id))}`);
          arrays.push(ident(arrayColumn(id)));
        }
      }
      if (id === 'kw') facets.push(facet === 'lower' ? sql`list_transform(${col('raw')}, lambda _sq_s: lower(_sq_s)) AS ${name}` : sql`${col('raw')} AS ${name}`);
      else if (facet !== 'value') facets.push(sql`${facetOf(col('value'), scalar ? undefined : col('elements'), facet)} AS ${name}`);
      if (LIST_FACETS.has(facet)) derived.push(sql`${name}[1] AS ${ident(columnName(id, facet, true))}`);
    }
    // Events whose fields hold arrays are answered by the lists query (the same in both modes).
    derived.push(sql`${or(...arrays)} AS _sigma_multi`);
    return { raw: [...raw.values()], values, facets, derived, keywords: raw.has('kw') };
  }
}
