/**
 * The relation rule conditions are evaluated on: the stored `events` in a time range, with the
 * matcher's classification (classify-sql.ts) and the field slots' facet columns (slots.ts).
 *
 * It is built in stages, each a MATERIALIZED common table expression: DuckDB otherwise inlines
 * a subquery's column expression into every reference, which would parse an event's JSON again
 * for each field and each rule. The stages:
 *   1. `_sigma_m1`: one multi-path `json_extract` per JSON document (every path any stage
 *      reads), plus the declared logsource (and, for keywords, the whole event);
 *   2. `_sigma_m2`: shape and Windows header;  3. `_sigma_m3`: product, service, category;
 *   4. `_sigma_m4`: only events some rule of the query can apply to (`routes`); each field's value;
 *   5. `_sigma_m5`: values unwrapped, arrays' elements;  6. `_sigma_m6`: the facets; then first
 *      elements and `_sigma_multi`.
 */
import { PROMOTED_FIELDS } from '../../storage/schema.js';
import { headerColumns, logsourceColumns } from './classify-sql.js';
import { EVENT_ALIAS } from './keyword-values.js';
import { PathIndex } from './places.js';
import type { FieldSlots } from './slots.js';
import type { Frag } from './sql-kit.js';
import { and, ident, join, param, sql } from './sql-kit.js';

export interface RelationOptions {
  /** Inclusive start, epoch ms. */
  from?: number;
  /** Exclusive end, epoch ms. */
  to?: number;
  /** Field slots and the facets to compute (`compileSigmaToSql`'s `slots` and `facets`). */
  slots?: FieldSlots;
  facets?: ReadonlySet<string>;
  /** Only events where this holds (on the classification columns) get their fields computed. */
  routes?: Frag;
  /** How list values are handled (see slots.ts); default `lists`. */
  mode?: 'scalar' | 'lists';
}

/** The classification columns rule conditions read. */
const CLASS_COLUMNS = ['_sigma_shape', '_sigma_eid', '_sigma_etype', '_sigma_product', '_sigma_service', '_sigma_category'];
const DECLARED = ['logsource.product', 'logsource.service', 'logsource.category'];

const columns = (names: readonly string[]): Frag => join(names.map(ident), sql`, `);
const withColumns = (head: Frag, more: readonly Frag[]): Frag => (more.length ? sql`${head}, ${join([...more], sql`, `)}` : head);

export function classifiedEvents(opts: RelationOptions = {}): Frag {
  const time: Frag[] = [];
  if (opts.from !== undefined) time.push(sql`${ident('@timestamp')} >= ${param(opts.from, 'timestamp')}`);
  if (opts.to !== undefined) time.push(sql`${ident('@timestamp')} < ${param(opts.to, 'timestamp')}`);
  const where = time.length ? sql` WHERE ${and(...time)}` : sql``;
  const paths = new PathIndex();
  // Built before stage 1 is rendered: building them registers the paths stage 1 extracts.
  const header = headerColumns(paths);
  const logsource = logsourceColumns(paths);
  const st = opts.slots && opts.facets ? opts.slots.stages(opts.facets, paths, opts.mode ?? 'lists') : undefined;
  const whole = st?.keywords ? ['native', 'fields', ...PROMOTED_FIELDS.map((c) => c.name)] : [];
  const carried = [...new Set([...paths.carried(), ...whole])];
  const m1 = sql`SELECT ${withColumns(columns(['id', '@timestamp', ...DECLARED, ...carried]), paths.columns())} FROM ${ident('events')}${where}`;
  const m2 = sql`SELECT *, ${header} FROM _sigma_m1`;
  const m3 = sql`SELECT *, ${logsource} FROM _sigma_m2`;
  const ctes = [sql`_sigma_m1 AS MATERIALIZED (${m1})`, sql`_sigma_m2 AS MATERIALIZED (${m2})`, sql`_sigma_m3 AS MATERIALIZED (${m3})`];
  if (!st) return sql`WITH ${join(ctes, sql`, `)} SELECT * FROM _sigma_m3`;
  const keep = columns(['id', '@timestamp', ...CLASS_COLUMNS]);
  const m4 = sql`SELECT ${withColumns(keep, st.raw)} FROM _sigma_m3 AS ${ident(EVENT_ALIAS)}${opts.routes ? sql` WHERE ${opts.routes}` : sql``}`;
  const m5 = st.values.length ? sql`SELECT *, ${join(st.values, sql`, `)} FROM _sigma_m4` : sql`SELECT * FROM _sigma_m4`;
  const m6 = st.facets.length ? sql`SELECT *, ${join(st.facets, sql`, `)} FROM _sigma_m5` : sql`SELECT * FROM _sigma_m5`;
  ctes.push(sql`_sigma_m4 AS MATERIALIZED (${m4})`, sql`_sigma_m5 AS MATERIALIZED (${m5})`, sql`_sigma_m6 AS MATERIALIZED (${m6})`);
  return sql`WITH ${join(ctes, sql`, `)} SELECT *, ${join(st.derived, sql`, `)} FROM _sigma_m6`;
}
