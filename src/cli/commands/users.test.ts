import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usersAddCommand, usersListCommand } from './users.js';
import { startTestServer } from '../../testing/server.js';
import { captureCliIo } from '../../testing/cli-io.js';

function io(env: Record<string, string>) {
  return captureCliIo({ env });
}

test('vigil users add creates a user the server then signs in; the password never comes from argv', async () => {
  const data = mkdtempSync(join(tmpdir(), 'vigil-users-'));
  try {
    const add = io({ VIGIL_USER_PASSWORD: 'first-admin-password' });
    assert.equal(await usersAddCommand.run(['root', '--role', 'admin', '--data', data], add.io), 0);
    assert.match(add.err(), /created user root with role admin/);
    const again = io({ VIGIL_USER_PASSWORD: 'first-admin-password' });
    assert.equal(await usersAddCommand.run(['root', '--data', data], again.io), 1);
    assert.match(again.err(), /exists/);
    await assert.rejects(usersAddCommand.run(['x', '--role', 'boss', '--data', data], io({}).io), /--role must be/);
    const list = io({});
    assert.equal(await usersListCommand.run(['--data', data, '--format', 'json'], list.io), 0);
    assert.deepEqual((JSON.parse(list.out()) as Array<{ name: string; role: string }>).map((u) => [u.name, u.role]), [['root', 'admin']]);

    const s = await startTestServer('', { dataDir: data, keepData: true });
    try {
      const res = await fetch(`${s.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'root', password: 'first-admin-password' }) });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { user: { role: string } }).user.role, 'admin');
      const audit = (await (await s.request('/api/v1/audit/verify')).json()) as { ok: boolean; entries: number };
      assert.deepEqual(audit, { ok: true, entries: 2 }, 'the CLI entry and the sign-in, one chain');
    } finally {
      await s.stop();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
