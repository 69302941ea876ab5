import { join } from 'node:path';
import { runStoreConformance } from '../conformance.js';
import { DuckDbStore } from './duckdb-store.js';

runStoreConformance('duckdb', (dir) => new DuckDbStore({ path: join(dir, 'vigil.duckdb'), partition: 'day', threads: 1 }));
