import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbControlDb } from '../duckdb-control-db.js';
import { IdentityStore, IdentityError } from './identity-store.js';
import { secretDigest } from './secret-token.js';

async function open(now: { t: number }) {
  const { db, close } = await DuckDbControlDb.inMemory();
  const identity = await IdentityStore.open(db, { ttl_ms: 8 * 3600_000, idle_ms: 30 * 60_000 }, () => now.t);
  return { db, identity, close };
}

test('users: create, refuse duplicates and bad names, check passwords, disabled users cannot sign in', async () => {
  const now = { t: 1_000_000 };
  const { identity, db, close } = await open(now);
  try {
    await identity.createUser('alice', 'analyst', 'alice-password-1');
    await assert.rejects(identity.createUser('alice', 'admin', 'another-password'), (e: unknown) => e instanceof IdentityError && e.code === 'conflict');
    await assert.rejects(identity.createUser('bad name', 'admin', 'another-password'), /user name/);
    await assert.rejects(identity.createUser('me', 'admin', 'another-password'), /user name/);
    await assert.rejects(identity.createUser('bob', 'analyst', 'short'), /at least 10/);
    assert.equal((await identity.checkPassword('alice', 'alice-password-1'))?.role, 'analyst');
    assert.equal(await identity.checkPassword('alice', 'wrong-password'), undefined);
    assert.equal(await identity.checkPassword('nobody', 'alice-password-1'), undefined);
    const [row] = await db.all<{ password_hash: string }>('SELECT password_hash FROM vigil_users');
    assert.ok(row.password_hash.startsWith('scrypt$') && !row.password_hash.includes('alice-password-1'));
    await identity.updateUser('alice', { disabled: true });
    assert.equal(await identity.checkPassword('alice', 'alice-password-1'), undefined);
    await identity.updateUser('alice', { disabled: false, role: 'read_only' });
    assert.equal((await identity.checkPassword('alice', 'alice-password-1'))?.role, 'read_only');
  } finally {
    close();
  }
});

test('sessions end after the idle timeout, at the absolute expiry, on sign-out, and when the user is disabled', async () => {
  const now = { t: 1_000_000 };
  const { identity, db, close } = await open(now);
  try {
    await identity.createUser('alice', 'analyst', 'alice-password-1');
    const s = await identity.startSession('alice');
    assert.ok(s.secret.startsWith('vgs_'));
    const [stored] = await db.all<{ digest: string }>('SELECT digest FROM vigil_sessions');
    assert.equal(stored.digest, secretDigest(s.secret), 'only the digest of the session is stored');
    assert.equal((await identity.resolveSession(s.secret))?.name, 'alice');
    assert.equal(await identity.resolveSession(`${s.secret}x`), undefined);

    now.t += 29 * 60_000; // still active: each use moves the idle clock
    assert.ok(await identity.resolveSession(s.secret));
    now.t += 29 * 60_000;
    assert.ok(await identity.resolveSession(s.secret));
    now.t += 31 * 60_000; // idle too long
    assert.equal(await identity.resolveSession(s.secret), undefined);

    const busy = await identity.startSession('alice');
    for (let i = 0; i < 17; i++) {
      now.t += 29 * 60_000;
      if (i < 16) assert.ok(await identity.resolveSession(busy.secret), `use ${i}`);
    }
    assert.equal(await identity.resolveSession(busy.secret), undefined, 'absolute lifetime of 8 h reached');

    const a = await identity.startSession('alice');
    await identity.endSession(a.secret);
    assert.equal(await identity.resolveSession(a.secret), undefined);
    const b = await identity.startSession('alice');
    await identity.updateUser('alice', { disabled: true });
    assert.equal(await identity.resolveSession(b.secret), undefined);
    await identity.updateUser('alice', { disabled: false });
    const c = await identity.startSession('alice');
    await identity.setPassword('alice', 'a-new-password-2');
    assert.equal(await identity.resolveSession(c.secret), undefined, 'a password reset ends sessions');
  } finally {
    close();
  }
});

test('API tokens: shown once, stored hashed, expire, revoked per user', async () => {
  const now = { t: 1_000_000 };
  const { identity, db, close } = await open(now);
  try {
    await identity.createUser('alice', 'analyst', 'alice-password-1');
    await identity.createUser('bob', 'read_only', 'bob-password-12');
    const t = await identity.createToken('alice', 'cli');
    assert.ok(t.token.startsWith('vgu_'));
    const rows = await db.all<{ digest: string }>('SELECT digest FROM vigil_api_tokens');
    assert.deepEqual(rows, [{ digest: secretDigest(t.token) }]);
    assert.equal((await identity.resolveToken(t.token))?.name, 'alice');
    assert.equal((await identity.listTokens('alice'))[0].last_used_at, now.t);
    assert.equal(await identity.revokeToken('bob', t.id), false, 'bob cannot revoke alice\'s token');
    assert.equal(await identity.revokeToken('alice', t.id), true);
    assert.equal(await identity.resolveToken(t.token), undefined);

    const short = await identity.createToken('bob', 'temp', 60_000);
    assert.ok(await identity.resolveToken(short.token));
    now.t += 60_000;
    assert.equal(await identity.resolveToken(short.token), undefined);
  } finally {
    close();
  }
});
