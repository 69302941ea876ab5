/**
 * Users, sessions and per-user API tokens in the control-plane DB. Passwords are scrypt
 * hashes; sessions and tokens are stored as SHA-256 digests of their secrets. A session ends
 * at its absolute expiry or after an idle period; disabling a user or resetting a password ends
 * the user's sessions.
 */
import { randomBytes } from 'node:crypto';
import type { ControlDb } from '../control-db.js';
import { ROLES, type Role } from '../../server/principal.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password-hash.js';
import { migrateIdentity } from './identity-schema.js';
import { newSecret, secretDigest, SESSION_PREFIX, USER_TOKEN_PREFIX } from './secret-token.js';

export interface User {
  name: string;
  role: Role;
  disabled: boolean;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
}

export interface SessionPolicy {
  /** Absolute lifetime of a session. */
  ttl_ms: number;
  /** A session unused for this long ends. */
  idle_ms: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { ttl_ms: 12 * 3600_000, idle_ms: 30 * 60_000 };
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export class IdentityError extends Error {
  constructor(
    readonly code: 'bad_request' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export class IdentityStore {
  private constructor(
    private readonly db: ControlDb,
    readonly policy: SessionPolicy,
    private readonly now: () => number,
  ) {}

  static async open(db: ControlDb, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now: () => number = Date.now): Promise<IdentityStore> {
    await migrateIdentity(db);
    return new IdentityStore(db, policy, now);
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.all<{ n: number }>('SELECT count(*) AS n FROM vigil_users');
    return Number(row.n);
  }

  async createUser(name: string, role: Role, password: string): Promise<User> {
    if (!USER_NAME.test(name) || name === 'me') throw new IdentityError('bad_request', 'user name: 1-64 letters, digits, ".", "_", "@", "-", starting with a letter or digit (and not "me")');
    if (!isRole(role)) throw new IdentityError('bad_request', `role must be one of ${ROLES.join(', ')}`);
    const problem = passwordProblem(password);
    if (problem) throw new IdentityError('bad_request', problem);
    if (await this.getUser(name)) throw new IdentityError('conflict', `user ${name} exists`);
    const hash = await hashPassword(password);
    const t = this.now();
    await this.db.run('INSERT INTO vigil_users VALUES ($1, $2, $3, false, $4, $4, NULL)', [name, role, hash, t]);
    return { name, role, disabled: false, created_at: t, updated_at: t, last_sign_in_at: null };
  }

  async getUser(name: string): Promise<User | undefined> {
    const rows = await this.db.all<User>('SELECT name, role, disabled, created_at, updated_at, last_sign_in_at FROM vigil_users WHERE name = $1', [name]);
    return rows[0];
  }

  async listUsers(): Promise<User[]> {
    return this.db.all<User>('SELECT name, role, disabled, created_at, updated_at, last_sign_in_at FROM vigil_users ORDER BY name');
  }

  async updateUser(name: string, change: { role?: Role; disabled?: boolean }): Promise<User> {
    const user = await this.requireUser(name);
    if (change.role !== undefined && !isRole(change.role)) throw new IdentityError('bad_request', `role must be one of ${ROLES.join(', ')}`);
    const role = change.role ?? user.role;
    const disabled = change.disabled ?? user.disabled;
    await this.db.run('UPDATE vigil_users SET role = $2, disabled = $3, updated_at = $4 WHERE name = $1', [name, role, disabled, this.now()]);
    if (disabled) await this.endSessionsOf(name);
    return { ...user, role, disabled, updated_at: this.now() };
  }

  async setPassword(name: string, password: string): Promise<void> {
    await this.requireUser(name);
    const problem = passwordProblem(password);
    if (problem) throw new IdentityError('bad_request', problem);
    const hash = await hashPassword(password);
    await this.db.run('UPDATE vigil_users SET password_hash = $2, updated_at = $3 WHERE name = $1', [name, hash, this.now()]);
    // Whoever held a session under the old password loses it.
    await this.endSessionsOf(name);
  }

  /** The user when name and password are right and the user is enabled; same cost either way. */
  async checkPassword(name: string, password: string): Promise<User | undefined> {
    const rows = await this.db.all<User & { password_hash: string }>('SELECT * FROM vigil_users WHERE name = $1', [name]);
    const row = rows[0];
    const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
    if (!row || !ok || row.disabled) return undefined;
    const { password_hash: _hash, ...user } = row;
    return user;
  }

  async startSession(name: string): Promise<{ secret: string; expires_at: number }> {
    const secret = newSecret(SESSION_PREFIX);
    const t = this.now();
    const expires_at = t + this.policy.ttl_ms;
    await this.db.run('INSERT INTO vigil_sessions VALUES ($1, $2, $3, $3, $4)', [secretDigest(secret), name, t, expires_at]);
    await this.db.run('UPDATE vigil_users SET last_sign_in_at = $2 WHERE name = $1', [name, t]);
    // Expired rows are removed on the way; there is no other writer to do it.
    await this.db.run('DELETE FROM vigil_sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [t, t - this.policy.idle_ms]);
    return { secret, expires_at };
  }

  /** The signed-in user of a live session, touching its idle clock. */
  async resolveSession(secret: string): Promise<User | undefined> {
    if (!secret.startsWith(SESSION_PREFIX)) return undefined;
    const digest = secretDigest(secret);
    const rows = await this.db.all<User & { last_seen_at: number; expires_at: number }>(
      `SELECT u.name, u.role, u.disabled, u.created_at, u.updated_at, u.last_sign_in_at, s.last_seen_at, s.expires_at
       FROM vigil_sessions s JOIN vigil_users u ON u.name = s.user_name WHERE s.digest = $1`,
      [digest],
    );
    const row = rows[0];
    const t = this.now();
    if (!row || row.disabled || row.expires_at <= t || row.last_seen_at + this.policy.idle_ms <= t) return undefined;
    if (t - row.last_seen_at >= TOUCH_INTERVAL_MS) await this.db.run('UPDATE vigil_sessions SET last_seen_at = $2 WHERE digest = $1', [digest, t]);
    const { last_seen_at: _l, expires_at: _e, ...user } = row;
    return user;
  }

  async endSession(secret: string): Promise<void> {
    await this.db.run('DELETE FROM vigil_sessions WHERE digest = $1', [secretDigest(secret)]);
  }

  async endSessionsOf(name: string): Promise<void> {
    await this.db.run('DELETE FROM vigil_sessions WHERE user_name = $1', [name]);
  }

  /** A new API token: the secret is returned once and only its digest is kept. */
  async createToken(user: string, name: string, ttl_ms?: number): Promise<{ id: string; token: string; name: string; expires_at: number | null }> {
    await this.requireUser(user);
    if (!name || name.length > 100) throw new IdentityError('bad_request', 'token name: 1-100 characters');
    const id = randomBytes(8).toString('hex');
    const token = newSecret(USER_TOKEN_PREFIX);
    const expires_at = ttl_ms ? this.now() + ttl_ms : null;
    await this.db.run('INSERT INTO vigil_api_tokens VALUES ($1, $2, $3, $4, $5, NULL, $6)', [id, secretDigest(token), user, name, this.now(), expires_at]);
    return { id, token, name, expires_at };
  }

  async listTokens(user: string): Promise<Array<{ id: string; name: string; created_at: number; last_used_at: number | null; expires_at: number | null }>> {
    return this.db.all('SELECT id, name, created_at, last_used_at, expires_at FROM vigil_api_tokens WHERE user_name = $1 ORDER BY created_at', [user]);
  }

  async revokeToken(user: string, id: string): Promise<boolean> {
    const before = await this.db.all('SELECT id FROM vigil_api_tokens WHERE user_name = $1 AND id = $2', [user, id]);
    if (before.length === 0) return false;
    await this.db.run('DELETE FROM vigil_api_tokens WHERE user_name = $1 AND id = $2', [user, id]);
    return true;
  }

  async resolveToken(token: string): Promise<User | undefined> {
    if (!token.startsWith(USER_TOKEN_PREFIX)) return undefined;
    const rows = await this.db.all<User & { id: string; last_used_at: number | null; expires_at: number | null }>(
      `SELECT u.name, u.role, u.disabled, u.created_at, u.updated_at, u.last_sign_in_at, t.id, t.last_used_at, t.expires_at
       FROM vigil_api_tokens t JOIN vigil_users u ON u.name = t.user_name WHERE t.digest = $1`,
      [secretDigest(token)],
    );
    const row = rows[0];
    const t = this.now();
    if (!row || row.disabled || (row.expires_at !== null && row.expires_at <= t)) return undefined;
    if (row.last_used_at === null || t - row.last_used_at >= TOUCH_INTERVAL_MS) await this.db.run('UPDATE vigil_api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, t]);
    const { id: _i, last_used_at: _u, expires_at: _e, ...user } = row;
    return user;
  }

  private async requireUser(name: string): Promise<User> {
    const user = await this.getUser(name);
    if (!user) throw new IdentityError('not_found', `no user ${name}`);
    return user;
  }
}
