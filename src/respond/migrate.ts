/**
 * Alerting's own control-plane tables, in the portable SQL subset (ControlDb): JSON as VARCHAR
 * text, times as epoch-ms BIGINT. Link tables (entities of an alert or incident) have no key:
 * rows are only inserted and deleted, and a key there would make DuckDB refuse a delete and a
 * re-insert of the same row in one transaction.
 */
import type { ControlDb } from '../control/control-db.js';

const TABLES = [
  `CREATE TABLE IF NOT EXISTS respond_alerts (
    id VARCHAR PRIMARY KEY, dedup_key VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, rule_title VARCHAR NOT NULL,
    level VARCHAR NOT NULL, level_rank BIGINT NOT NULL, tags VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    entities VARCHAR NOT NULL, event_ids VARCHAR NOT NULL, event_count BIGINT NOT NULL, count BIGINT NOT NULL,
    explanation VARCHAR NOT NULL, details VARCHAR NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,
    status VARCHAR NOT NULL, assignee VARCHAR, incident_id VARCHAR, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS respond_alerts_dedup ON respond_alerts (dedup_key)',
  'CREATE TABLE IF NOT EXISTS respond_alert_entities (alert_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, value VARCHAR NOT NULL)',
  `CREATE TABLE IF NOT EXISTS respond_incidents (
    id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, status VARCHAR NOT NULL, resolution VARCHAR, assignee VARCHAR,
    level VARCHAR NOT NULL, level_rank BIGINT NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,
    alert_count BIGINT NOT NULL, merged_into VARCHAR, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, closed_at BIGINT)`,
  'CREATE TABLE IF NOT EXISTS respond_incident_entities (incident_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, value VARCHAR NOT NULL)',
  'CREATE TABLE IF NOT EXISTS respond_comments (id VARCHAR PRIMARY KEY, incident_id VARCHAR NOT NULL, author VARCHAR NOT NULL, ts BIGINT NOT NULL, text VARCHAR NOT NULL)',
  `CREATE TABLE IF NOT EXISTS respond_entity_risk (
    kind VARCHAR NOT NULL, value VARCHAR NOT NULL, score DOUBLE NOT NULL, criticality DOUBLE NOT NULL, alerts BIGINT NOT NULL,
    max_level VARCHAR NOT NULL, last_seen BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (kind, value))`,
  `CREATE TABLE IF NOT EXISTS respond_suppressions (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, body VARCHAR NOT NULL, reason VARCHAR,
    created_by VARCHAR NOT NULL, created_at BIGINT NOT NULL, suppressed BIGINT NOT NULL, last_suppressed_at BIGINT)`,
  `CREATE TABLE IF NOT EXISTS respond_suppressed (
    id VARCHAR PRIMARY KEY, suppression_id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, level VARCHAR NOT NULL, ts BIGINT NOT NULL,
    entities VARCHAR NOT NULL, event_ids VARCHAR NOT NULL, created_at BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS respond_deliveries (
    id VARCHAR PRIMARY KEY, channel VARCHAR NOT NULL, channel_type VARCHAR NOT NULL, trigger VARCHAR NOT NULL,
    alert_id VARCHAR, incident_id VARCHAR, status VARCHAR NOT NULL, attempts BIGINT NOT NULL, last_error VARCHAR,
    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, payload VARCHAR NOT NULL)`,
];

export async function migrateRespond(db: ControlDb): Promise<void> {
  for (const ddl of TABLES) await db.run(ddl);
}
