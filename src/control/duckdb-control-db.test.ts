import { controlDbConformance } from './conformance.js';
import { DuckDbControlDb } from './duckdb-control-db.js';

controlDbConformance('DuckDbControlDb', () => DuckDbControlDb.inMemory());
