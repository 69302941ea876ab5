/** The identity tables in the control-plane DB (portable SQL: see src/control/control-db.ts). */
import type { ControlDb } from '../control-db.js';

export async function migrateIdentity(db: ControlDb): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS vigil_users (
    name VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    disabled BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_sign_in_at BIGINT
  )`);
  await db.run(`CREATE TABLE IF NOT EXISTS vigil_sessions (
    digest VARCHAR PRIMARY KEY,
    user_name VARCHAR NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  )`);
  await db.run(`CREATE TABLE IF NOT EXISTS vigil_api_tokens (
    id VARCHAR PRIMARY KEY,
    digest VARCHAR NOT NULL UNIQUE,
    user_name VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    expires_at BIGINT
  )`);
}
