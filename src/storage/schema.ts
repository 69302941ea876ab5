/**
 * The stored event schema, shared by every store adapter and by the query compiler.
 *
 * Hot ECS fields are promoted to typed columns (named exactly like the ECS field, so
 * `"source.ip"` is both the field and the column) because columnar scans over typed
 * columns are what makes `stats count() by user.name` over 10M events fast. Every other
 * normalized field stays in the `fields` JSON column, and the source's native record in
 * `native`. Adding a promoted column is a schema migration; queries do not change, since
 * the compiler resolves a field to its column or JSON path through this table.
 */

export type ColumnType = 'string' | 'int' | 'float' | 'bool' | 'string[]' | 'timestamp';

export interface ColumnSpec {
  /** Column name; for promoted ECS fields, the ECS field name itself. */
  name: string;
  type: ColumnType;
}

/** Structural columns every event row has. */
export const STRUCTURAL_COLUMNS: readonly ColumnSpec[] = [
  { name: 'id', type: 'string' },
  { name: '@timestamp', type: 'timestamp' },
  { name: 'ingest_time', type: 'timestamp' },
  { name: 'source', type: 'string' },
  { name: 'format', type: 'string' },
  { name: 'logsource.product', type: 'string' },
  { name: 'logsource.service', type: 'string' },
  { name: 'logsource.category', type: 'string' },
  { name: 'tenant', type: 'string' },
];

/** ECS fields stored as their own typed columns. */
export const PROMOTED_FIELDS: readonly ColumnSpec[] = [
  { name: 'message', type: 'string' },
  { name: 'event.kind', type: 'string' },
  { name: 'event.category', type: 'string[]' },
  { name: 'event.type', type: 'string[]' },
  { name: 'event.action', type: 'string' },
  { name: 'event.outcome', type: 'string' },
  { name: 'event.code', type: 'string' },
  { name: 'event.dataset', type: 'string' },
  { name: 'event.module', type: 'string' },
  { name: 'event.severity', type: 'int' },
  { name: 'host.name', type: 'string' },
  { name: 'host.ip', type: 'string[]' },
  { name: 'user.name', type: 'string' },
  { name: 'user.domain', type: 'string' },
  { name: 'source.ip', type: 'string' },
  { name: 'source.port', type: 'int' },
  { name: 'source.bytes', type: 'int' },
  { name: 'source.geo.country_iso_code', type: 'string' },
  { name: 'destination.ip', type: 'string' },
  { name: 'destination.port', type: 'int' },
  { name: 'destination.bytes', type: 'int' },
  { name: 'destination.domain', type: 'string' },
  { name: 'network.transport', type: 'string' },
  { name: 'network.protocol', type: 'string' },
  { name: 'network.bytes', type: 'int' },
  { name: 'network.packets', type: 'int' },
  { name: 'network.community_id', type: 'string' },
  { name: 'process.name', type: 'string' },
  { name: 'process.pid', type: 'int' },
  { name: 'process.executable', type: 'string' },
  { name: 'process.command_line', type: 'string' },
  { name: 'process.parent.name', type: 'string' },
  { name: 'process.parent.pid', type: 'int' },
  { name: 'file.path', type: 'string' },
  { name: 'file.hash.sha256', type: 'string' },
  { name: 'dns.question.name', type: 'string' },
  { name: 'url.full', type: 'string' },
  { name: 'url.domain', type: 'string' },
  { name: 'cloud.provider', type: 'string' },
  { name: 'cloud.account.id', type: 'string' },
  { name: 'cloud.region', type: 'string' },
  { name: 'observer.name', type: 'string' },
  { name: 'rule.name', type: 'string' },
  { name: 'tags', type: 'string[]' },
];

/** JSON columns: the remaining normalized fields (flat dotted keys), the native record, metadata. */
export const JSON_COLUMNS = ['fields', 'native', 'meta'] as const;

const promotedByName = new Map(PROMOTED_FIELDS.map((c) => [c.name, c]));
const structuralByName = new Map(STRUCTURAL_COLUMNS.map((c) => [c.name, c]));

/** The column a query field lives in, if it has its own column. */
export function columnFor(field: string): ColumnSpec | undefined {
  return structuralByName.get(field) ?? promotedByName.get(field);
}

export function isPromoted(field: string): boolean {
  return promotedByName.has(field);
}

/** Every column of the events table, in storage order. */
export function allColumns(): ColumnSpec[] {
  return [
    ...STRUCTURAL_COLUMNS,
    ...PROMOTED_FIELDS,
    ...JSON_COLUMNS.map((name) => ({ name, type: 'string' as ColumnType })),
  ];
}
