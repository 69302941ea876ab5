/**
 * Sigma rules compiled to SQL through the query layer, for retro-hunts over stored events, with
 * the in-memory matcher's semantics (the conformance test runs both on the same events). See
 * docs/sigma-sql.md.
 */
export type { SigmaSql, SigmaSqlOptions } from './compile.js';
export { compileSigmaToSql, ALL_SHAPES } from './compile.js';
export type { RelationOptions } from './relation.js';
export { classifiedEvents } from './relation.js';
export { Refusal } from './predicates.js';
export { FieldSlots } from './slots.js';
export type { Facet } from './slots.js';
export type { QueryableStore, StoredDetection, StoredHuntOptions, StoredHuntResult } from './retro-hunt.js';
export { batchQuery, huntStoredEvents } from './retro-hunt.js';
export { reachableRules, storedClasses } from './reach.js';
export type { StoredEvent } from './stored-events.js';
export { correlateStored, fetchStoredEvents } from './stored-events.js';
