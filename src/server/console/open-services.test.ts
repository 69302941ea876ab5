import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbControlDb } from '../../control/duckdb-control-db.js';
import { openConsoleServices } from './open-services.js';

test('VIGIL_ADMIN_PASSWORD creates the first admin once, and only while there are no users', async () => {
  const { db, close } = await DuckDbControlDb.inMemory();
  try {
    const none = await openConsoleServices(db);
    assert.equal(await none.identity.countUsers(), 0, 'without a password nobody is created');
    const first = await openConsoleServices(db, { adminPassword: 'bootstrap-password' });
    assert.equal(first.bootstrapped, 'admin');
    assert.equal((await first.identity.checkPassword('admin', 'bootstrap-password'))?.role, 'admin');
    const again = await openConsoleServices(db, { adminPassword: 'another-password-x' });
    assert.equal(again.bootstrapped, undefined);
    assert.equal(await again.identity.checkPassword('admin', 'another-password-x'), undefined, 'a restart does not reset the password');
    assert.deepEqual(await again.audit.verify(), { ok: true, entries: 1 });
  } finally {
    close();
  }
});
