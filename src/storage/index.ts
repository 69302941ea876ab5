export * from './store.js';
export * from './schema.js';
export * from './partitions.js';
export { DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.js';
export { rowToEvent } from './row-to-event.js';
