export type { ControlDb, ControlValue } from './control-db.js';
export { DuckDbControlDb } from './duckdb-control-db.js';
