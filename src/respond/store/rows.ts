/** Row helpers shared by alerting's tables: JSON kept as text, ids that sort by creation time. */
import { newEventId } from '../../core/ids.js';
import type { ControlDb, ControlValue } from '../../control/control-db.js';
import { ENTITY_KINDS, type EntityKind } from '../../detect/detection.js';

export function newId(prefix: string, now: number): string {
  return `${prefix}_${newEventId(now)}`;
}

export function toJson(v: unknown): string {
  return JSON.stringify(v ?? null);
}

export function fromJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return (JSON.parse(text) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

export function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
}

/** `$1, $2, ...` for a list of values starting after `offset` placeholders. */
export function placeholders(n: number, offset = 0): string {
  return Array.from({ length: n }, (_, i) => `$${offset + i + 1}`).join(', ');
}

/** Collects WHERE clauses and their bound values, numbering placeholders as it goes. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: ControlValue[] = [];

  add(clause: (p: (v: ControlValue) => string) => string): this {
    this.clauses.push(clause((v) => {
      this.params.push(v);
      return `$${this.params.length}`;
    }));
    return this;
  }

  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }

  param(v: ControlValue): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

/** Filters alerts and incidents share: status and level lists, assignee, event-time overlap, entity. */
export interface CommonFilter {
  status?: string[];
  level?: string[];
  assignee?: string;
  /** `kind:value` or a bare value of any kind. */
  entity?: string;
  /** Event time: rows active at or after `from` and before `to`. */
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export function addCommonFilters(w: Where, f: CommonFilter, entities: { table: string; idColumn: string }): void {
  if (f.status?.length) w.add(() => `status IN (${f.status!.map((s) => w.param(s)).join(', ')})`);
  if (f.level?.length) w.add(() => `level IN (${f.level!.map((s) => w.param(s)).join(', ')})`);
  if (f.assignee) w.add((p) => `assignee = ${p(f.assignee!)}`);
  if (f.from !== undefined) w.add((p) => `last_seen >= ${p(f.from!)}`);
  if (f.to !== undefined) w.add((p) => `first_seen < ${p(f.to!)}`);
  if (f.entity) {
    const { kind, value } = splitEntity(f.entity);
    w.add((p) => `id IN (SELECT ${entities.idColumn} FROM ${entities.table} WHERE value = ${p(value)}${kind ? ` AND kind = ${p(kind)}` : ''})`);
  }
}

/** One page, newest activity first, and the total the filter matches. */
export async function page(db: ControlDb, table: string, columns: string, w: Where, f: CommonFilter): Promise<{ rows: Array<Record<string, unknown>>; total: number }> {
  const total = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table} ${w.sql()}`, [...w.params]);
  const rows = await db.all(`SELECT ${columns} FROM ${table} ${w.sql()} ORDER BY last_seen DESC, id DESC LIMIT ${w.param(f.limit)} OFFSET ${w.param(f.offset)}`, w.params);
  return { rows, total: num(total[0]?.n) };
}

/** `user:alice` → kind and value; a value without a known kind prefix matches any kind. */
export function splitEntity(text: string): { kind?: EntityKind; value: string } {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const kind = text.slice(0, colon) as EntityKind;
    if (ENTITY_KINDS.includes(kind)) return { kind, value: text.slice(colon + 1) };
  }
  return { value: text };
}

/**
 * Up to EXACT_ROWS rows go in one statement of exactly that size; larger batches in power-of-two
 * chunks up to 64: about a dozen SQL texts per table cover every batch size (each prepared once;
 * ControlDb keeps 256).
 */
const EXACT_ROWS = 8;
const MAX_ROWS_PER_STATEMENT = 64;

/**
 * Multi-row `INSERT ... VALUES (...), (...)` (with an optional `ON CONFLICT` tail): a batch of
 * n rows costs one statement up to 8 rows, then at most log2(n)+n/64, instead of n.
 */
export async function insertRows(db: ControlDb, head: string, tail: string, rows: readonly ControlValue[][]): Promise<void> {
  let i = 0;
  while (i < rows.length) {
    let n = MAX_ROWS_PER_STATEMENT;
    while (n > rows.length - i) n >>= 1;
    if (rows.length - i <= EXACT_ROWS) n = rows.length - i;
    const slice = rows.slice(i, i + n);
    const width = slice[0].length;
    const tuples = slice.map((_, r) => `(${placeholders(width, r * width)})`).join(', ');
    await db.run(`${head} VALUES ${tuples}${tail}`, slice.flat());
    i += n;
  }
}
