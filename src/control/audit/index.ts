export { AuditLog, entryHash, GENESIS_HASH, type AuditEntry, type AuditInput } from './audit-log.js';
export { canonicalJson } from './canonical-json.js';
